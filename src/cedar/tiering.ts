// V8 compiles cedar-wasm's functions with its baseline compiler, then recompiles the ones it finds hot with its
// optimizing compiler on background threads, and a process does not exit before those compiles finish. A short
// command (validate, test, a plan) made V8 judge dozens of functions hot and then waited ~100 ms for compiles it
// would never use. With a budget 100 times V8's default, only functions that run for a long while are optimized:
// `validate` of the example repository runs about 30% faster in a third less memory, and 10,000 policies validate
// and test in the same time (bench/scale.bench.ts). Loaded by wasm.ts before cedar-wasm itself, because V8 reads the
// budget when the module is instantiated.
import { setFlagsFromString } from 'node:v8';

/** V8 majors known to have this flag; elsewhere (an unknown flag is an error on stderr) V8 keeps its default. */
const KNOWN = (major: number) => major >= 10 && major <= 13;

if (KNOWN(Number(process.versions.v8.split('.')[0]))) setFlagsFromString('--wasm-tiering-budget=180000000');
