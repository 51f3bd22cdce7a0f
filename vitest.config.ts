import { defineConfig } from 'vitest/config';

// The AWS SDK warns on Node < 22 about its own future releases; the pinned version supports Node 20 (see bin/).
const shared = { testTimeout: 30_000, hookTimeout: 120_000, env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'main', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['test/faults/**', '**/node_modules/**'] } },
      {
        test: {
          ...shared,
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          // Node 20.20.2's V8 aborts in its deoptimizer ("unreachable code" in DoComputeBuiltinContinuation) in
          // about a third of runs of these long fault loops, with or without our code changing any V8 flag.
          // Without the optimizing compiler there is nothing to deoptimize: 0 aborts in repeated runs.
          execArgv: ['--no-opt'],
        },
      },
    ],
  },
});
