// The one importer of cedar-wasm: every Cedar call goes through here, so the V8 setting in tiering.ts is in place
// before the WebAssembly module is instantiated (imports are evaluated in order).
import './tiering.js';

export * from '@cedar-policy/cedar-wasm/nodejs';
