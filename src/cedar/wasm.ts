// The one importer of cedar-wasm. `/nodejs` is the entry that works in plain Node (the bare package needs a
// bundler); it loads its .wasm synchronously from its own folder, which the action's bundle copies beside itself.
//
// Tried and removed: raising V8's `--wasm-tiering-budget` at run time made short commands start ~100 ms faster,
// but changing V8 flags after start-up crashed V8 ("unreachable code" in the deoptimizer) in about a third of
// the fault-suite runs.
export * from '@cedar-policy/cedar-wasm/nodejs';
