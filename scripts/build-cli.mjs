#!/usr/bin/env node
// Builds the command line's dist/cli/: src/cli/main.ts (and the V8 settings bin/agentcore-policy.js applies first)
// bundled with its dependencies by esbuild, each command's modules in files of their own, loaded when the command
// runs. A cold command loads a few files instead of a few hundred modules (`validate` of the example repository
// ~40 ms sooner). Paths the code reads relative to itself (../../package.json, ../../.github/workflows/) hold from
// dist/cli/ as they did from the compiled tree.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './esm-bundle.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
await bundleCli({ root: ROOT, outdir: join(ROOT, 'dist/cli') });
