// Fresh processes for the benches that time whole commands or tasks cold: a build of the tool and of bench/tasks.ts
// with tsc into a temporary folder (so no figure pays for a TypeScript loader), a task run in a child process of it
// (timed in place, its peak resident set reported at exit), and a command timed from outside as a user runs it.
// Every child runs with the V8 flags the command line sets (src/cli/v8-flags.ts).
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from '../scripts/esm-bundle.mjs';
import { CLI_V8_FLAGS } from '../src/cli/v8-flags.js';
import { median } from './timing.js';

export { median, timed } from './timing.js';

export const PROJECT = dirname(dirname(fileURLToPath(import.meta.url)));

/** Peak resident set, MiB, with a wall time. */
export interface Measured {
  ms: number;
  rss: number;
}

/** Preloaded (`--require`) into every measured process: prints its peak resident set (KiB) at exit. Linux's VmHWM,
 * not getrusage's maxRSS: a child's maxRSS starts from its parent's resident set at fork, so this bench, holding an
 * emulator, would show through. maxRSS only where there is no /proc. */
export const PEAK_RSS_HOOK = `process.on('exit', () => {
  let kib;
  try { kib = Number(/VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]); } catch { kib = process.resourceUsage().maxRSS; }
  process.stdout.write('\\npeak-rss-kib=' + kib + '\\n');
});
`;
const hookOf = (out: string) => join(out, 'peak-rss.cjs');
export const peakOf = (stdout: string) => Number(/peak-rss-kib=(\d+)/.exec(stdout)![1]) / 1024;
/** As bin/agentcore-policy.js: the SDK's warning about its future Node versions is noise in a figure's output. */
const ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };


/** Compiles bench/tasks.ts and what it imports into `out`, runnable by plain node, and bundles the CLI into
 * `out/dist/cli/` as `npm run build` does (scripts/build-cli.mjs), so a command runs as the package ships it. */
export async function build(out: string): Promise<void> {
  await mkdir(join(out, 'bin'), { recursive: true });
  // node_modules first: tsc finds the `node` types through it.
  await symlink(join(PROJECT, 'node_modules'), join(out, 'node_modules'));
  const tsconfig = join(out, 'tsconfig.json');
  const compilerOptions = { outDir: out, rootDir: PROJECT, noEmit: false, declaration: false, sourceMap: false, incremental: false };
  const files = [join(PROJECT, 'bench/tasks.ts')];
  await writeFile(tsconfig, JSON.stringify({ extends: join(PROJECT, 'tsconfig.json'), compilerOptions, include: [], files }));
  try {
    execFileSync(process.execPath, [join(PROJECT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { stdio: 'pipe' });
  } catch (error) {
    // tsc still emits; a type error elsewhere in the tree must not stop the figures, but it is said.
    console.log(`(tsc reported errors; the figures are of the code it emitted)\n${String((error as { stdout?: Buffer }).stdout ?? '').slice(0, 500)}`);
  }
  // The project's own package.json fields the built code needs: ES modules, and the `#cedar-wasm` import.
  await writeFile(join(out, 'package.json'), `${JSON.stringify({ type: 'module', version: '0.0.0', imports: { '#cedar-wasm': '@cedar-policy/cedar-wasm/nodejs' } })}\n`);
  await writeFile(hookOf(out), PEAK_RSS_HOOK);
  await bundleCli({ root: PROJECT, outdir: join(out, 'dist/cli') });
  await cp(join(PROJECT, 'bin/agentcore-policy.js'), join(out, 'bin/agentcore-policy.js'));
}

/** Runs one task of bench/tasks.ts in a fresh process; it prints `ms=` and its peak resident set. */
export function child(out: string, task: string, ...args: string[]): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const argv = [...CLI_V8_FLAGS, '--require', hookOf(out), join(out, 'bench/tasks.js'), task, ...args];
    const run = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'], env: ENV });
    let stdout = '';
    run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    run.on('close', (code) => (code === 0 ? resolve({ ms: Number(/^ms=(\S+)$/m.exec(stdout)![1]), rss: peakOf(stdout) }) : reject(new Error(`${task} exited ${code}`))));
  });
}

/** The CLI of the build, as `node bin/agentcore-policy.js ...args`. */
export const cli = (out: string, ...args: string[]) => [join(out, 'bin/agentcore-policy.js'), ...args];

/** Wall times of fresh processes, taking turns `runs` times (so load from elsewhere weighs on each alike), as
 * medians; each one's peak RSS from one more run with the hook. A command may exit non-zero (`test` with failures). */
export async function coldProcesses(out: string, commands: Record<string, string[]>, runs: number): Promise<Record<string, Measured>> {
  const run = (args: string[]) => {
    try {
      return execFileSync(process.execPath, args, { encoding: 'utf8', stdio: 'pipe', env: ENV });
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? '');
    }
  };
  const times = new Map<string, number[]>(Object.keys(commands).map((name) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(commands)) {
      const start = performance.now();
      run(args);
      times.get(name)!.push(performance.now() - start);
    }
  }
  return Object.fromEntries(Object.entries(commands).map(([name, args]) => [name, { ms: median(times.get(name)!), rss: peakOf(run(['--require', hookOf(out), ...args])) }]));
}
