// The V8 settings the command line runs with, set when the process starts (bin/agentcore-policy.js), before any
// wasm is compiled. Node 20's V8 starts optimizing cedar-wasm's hottest functions within a command's first Cedar
// call, and a short command (validate, test, fmt of a repository of tens of policies) then waits for compiles it never
// uses: cold `validate` of the example repository took ~0.85 s against ~0.55 s with this. Thirty times the tier-up
// budget (V8 counts roughly the bytes of wasm code run) keeps a short command on the baseline code and still
// optimizes long runs early: `validate` and `test` of 5,000 policies took as long with it. The flag only moves a
// threshold; V8 reads it when it instantiates a module. (The fault suites' V8 aborts, once blamed on a flag set at
// run time, happen without any flag: vitest.config.ts.) The benchmarks' child processes set it too, to measure what
// the command line runs.
import { setFlagsFromString } from 'node:v8';

export const CLI_V8_FLAGS = ['--wasm-tiering-budget=54000000'];

export function setCliV8Flags(): void {
  for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
}
