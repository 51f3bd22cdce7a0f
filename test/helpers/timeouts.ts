// Timeouts for cases that run real processes (the CLI, the bundled action, an emulator): each process pays Node's
// and cedar-wasm's start, and a loaded 2-core CI machine can make a case take many times its usual seconds.
export const PROCESS_TESTS = { timeout: 180_000 } as const;

/** For the package test: `npm pack` compiles the project, then npm installs the tarball and its dependencies from
 * the local cache; each step can take a minute on a loaded machine. */
export const PACKAGE_TESTS = { timeout: 600_000 } as const;
