// The one importer of cedar-wasm, and the keeper of its instance. cedar-wasm's Node build (`/nodejs`, the entry
// that works in plain Node) is CommonJS glue that compiles and instantiates its .wasm, read from its own folder,
// when it is loaded. A wasm trap (Cedar's recursive parser or evaluator overflowing its stack: a `RuntimeError`,
// or a `RangeError` from V8) unwinds without restoring the instance's stack pointer, and every later call on that
// instance fails. So the glue is loaded with `require`, by the name `#cedar-wasm` (package.json "imports" maps it
// to cedar-wasm's `/nodejs`; a bundle's own package.json maps it to the copy built beside it), and the call after
// a trap loads a fresh copy: a new instance, with nothing of the old one but the compiled code's bytes on disk.
// src/cedar/nesting.ts keeps statements that would trap from reaching Cedar at all; this is for what it misses.
// The command line raises V8's wasm tier-up budget when it starts, before any of this runs (src/cli/v8-flags.ts).
import { createRequire } from 'node:module';
import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';

export type * from '@cedar-policy/cedar-wasm/nodejs';

type Api = typeof CedarWasm;

const load = createRequire(import.meta.url);
let instance: Api | undefined;
let generation = 0;

function current(): Api {
  if (!instance) {
    const glue = load.resolve('#cedar-wasm');
    delete load.cache[glue];
    instance = load(glue) as Api;
    generation++;
  }
  return instance;
}

/** Whether an error thrown by a cedar-wasm call is a trap of the instance (rather than cedar-wasm refusing an input
 * of the wrong shape, which leaves the instance as it was). */
export function isTrap(error: unknown): boolean {
  return error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
}

/** Counts the instances made so far: a change means what an earlier one held (preparsed policy sets and schemas)
 * is gone. */
export function instanceGeneration(): number {
  current();
  return generation;
}

/** A cedar-wasm function that runs on the current instance, and drops the instance when it traps. */
function guarded<K extends keyof Api>(name: K): Api[K] {
  const run = (...args: unknown[]): unknown => {
    try {
      return (current()[name] as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      if (isTrap(error)) instance = undefined;
      throw error;
    }
  };
  return run as Api[K];
}

export const checkParsePolicySet = guarded('checkParsePolicySet');
export const checkParseSchema = guarded('checkParseSchema');
export const validate = guarded('validate');
export const formatPolicies = guarded('formatPolicies');
export const policySetTextToParts = guarded('policySetTextToParts');
export const policyToJson = guarded('policyToJson');
export const preparsePolicySet = guarded('preparsePolicySet');
export const preparseSchema = guarded('preparseSchema');
export const statefulIsAuthorized = guarded('statefulIsAuthorized');
export const isAuthorizedPartial = guarded('isAuthorizedPartial');
