// The V8 settings the command line runs with, set when the process starts (bin/agentcore-policy.js), before any
// wasm is compiled. Node 20's V8 starts optimizing cedar-wasm's hottest functions within a command's first Cedar
// calls, and a short command (validate, test, fmt of a repository of tens of policies) then waits at exit for
// compiles it never uses: cold `validate` of the example repository took ~0.85 s against ~0.55 s with a budget 30
// times the default. At 30 times, `test` still waited 50-90 ms after its last output and `validate` 10-20 ms; at 300
// times (V8 counts roughly the bytes of wasm code run), neither waits, and long runs are still optimized early:
// `test` of 1,000 cases x 2 engines over 10,000 policies took 11.4-13.7 s against 11.7-12.3 s. The flag only moves
// a threshold; V8 reads it when it instantiates a module. (The fault suites' V8 aborts, once blamed on a flag set at
// run time, happen without any flag: vitest.config.ts.) The benchmarks' child processes set it too, to measure what
// the command line runs.
import { setFlagsFromString } from 'node:v8';

export const CLI_V8_FLAGS = ['--wasm-tiering-budget=540000000'];

export function setCliV8Flags(): void {
  for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
}
