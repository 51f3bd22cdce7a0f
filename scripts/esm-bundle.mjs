// Bundles an entry point of this project into one ESM file for Node, with cedar-wasm's Node build beside it: its
// CommonJS glue and the .wasm the glue reads from its own folder. The glue is not bundled: src/cedar/wasm.ts loads it
// with `require('#cedar-wasm')`, again after a wasm trap, so the folder's package.json maps that name to the copy.
// Shared by the action's build (action-dist/) and the tests that spawn the CLI from source, so both are made alike.
import { build } from 'esbuild';
import { copyFile, writeFile } from 'node:fs/promises';
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

/** What every bundle of this project is: ES modules for Node 20 and later, with the banner above. */
const ESM_FOR_NODE = { bundle: true, platform: 'node', target: 'node20', format: 'esm', banner: { js: BANNER }, legalComments: 'eof', logLevel: 'warning' };

/** Builds `entries` (relative to `root`) into `outdir` as ES modules that load each other: a dynamic `import()`
 * stays a separate file, loaded when it runs (so a command's modules load only when it runs). cedar-wasm stays
 * outside, loaded from node_modules through the package's own `#cedar-wasm` import. */
async function bundleEsmSplit({ root, entries, outdir }) {
  await build({ ...ESM_FOR_NODE, absWorkingDir: root, entryPoints: entries, outdir, splitting: true });
}

/** The command line, src/cli/main.ts, and the V8 settings bin/agentcore-policy.js applies before it, into `outdir`
 * (dist/cli/ of the package: scripts/build-cli.mjs). */
export async function bundleCli({ root, outdir }) {
  await bundleEsmSplit({ root, entries: ['src/cli/main.ts', 'src/cli/v8-flags.ts'], outdir });
}

/** Builds `entry` (relative to `root`) into `outfile`, and writes cedar-wasm's glue, its .wasm and a package.json
 * (ESM, whatever package.json sits above it, with the `#cedar-wasm` import) into the same folder. */
export async function bundleEsm({ root, entry, outfile, plugins = [] }) {
  await build({ ...ESM_FOR_NODE, absWorkingDir: root, entryPoints: [entry], outfile, plugins });
  const folder = dirname(outfile);
  const glue = createRequire(join(root, 'package.json')).resolve('#cedar-wasm');
  await copyFile(glue, join(folder, 'cedar_wasm.cjs'));
  await copyFile(join(dirname(glue), 'cedar_wasm_bg.wasm'), join(folder, 'cedar_wasm_bg.wasm'));
  const manifest = { type: 'module', imports: { '#cedar-wasm': './cedar_wasm.cjs' } };
  await writeFile(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
