// Bundles an entry point of this project into one ESM file for Node, with the Cedar wasm beside it. Shared by the
// action's build (action-dist/) and the tests that spawn the CLI from source, so both bundles are made alike.
import { build } from 'esbuild';
import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Bundled CommonJS modules still call require() and read __dirname (cedar-wasm finds its .wasm that way); an ESM
// bundle has neither, so they are defined from the bundle's own location.
const BANNER = [
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  "import { dirname as __bundleDirname } from 'node:path';",
  "import { fileURLToPath as __bundleFileURLToPath } from 'node:url';",
  'const require = __bundleCreateRequire(import.meta.url);',
  'const __filename = __bundleFileURLToPath(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join('\n');

/** Builds `entry` (relative to `root`) into `outfile` and copies cedar-wasm's .wasm into the same folder. */
export async function bundleEsm({ root, entry, outfile, plugins = [] }) {
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    plugins,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: BANNER },
    legalComments: 'eof',
    logLevel: 'warning',
  });
  const wasm = join(dirname(createRequire(join(root, 'package.json')).resolve('@cedar-policy/cedar-wasm/nodejs')), 'cedar_wasm_bg.wasm');
  await copyFile(wasm, join(dirname(outfile), 'cedar_wasm_bg.wasm'));
}
