// Timeouts for cases that run real processes (the CLI, the bundled action, an emulator): each process pays Node's
// and cedar-wasm's start, and a loaded 2-core CI machine can make a case take many times its usual seconds.
export const PROCESS_TESTS = { timeout: 180_000 } as const;
