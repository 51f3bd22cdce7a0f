#!/usr/bin/env node
// Builds the GitHub Action's bundle, action-dist/: src/action/main.ts with every dependency inlined into one ESM
// file, plus cedar-wasm's Node build beside it (its glue and .wasm, see esm-bundle.mjs). The build is
// reproducible (pinned esbuild, paths relative to the project, no timestamps), so `--check` can rebuild into a
// temporary folder and fail when action-dist/ differs from it byte for byte: the committed bundle cannot drift.
// `--out DIR` builds into DIR instead (the end-to-end tests run a bundle of the source under test).
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEsm } from './esm-bundle.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'action-dist');

async function buildInto(folder) {
  await mkdir(folder, { recursive: true });
  await bundleEsm({ root: ROOT, entry: 'src/action/main.ts', outfile: join(folder, 'index.js') });
}

/** The files that differ between two folders (missing on either side, or different bytes). */
async function differences(expected, actual) {
  const [left, right] = await Promise.all([readdir(expected), readdir(actual).catch(() => [])]);
  const names = [...new Set([...left, ...right])].sort();
  const differ = [];
  for (const name of names) {
    const [a, b] = await Promise.all([readFile(join(expected, name)).catch(() => undefined), readFile(join(actual, name)).catch(() => undefined)]);
    if (!a || !b || !a.equals(b)) differ.push(name);
  }
  return differ;
}

if (process.argv.includes('--check')) {
  const fresh = await mkdtemp(join(tmpdir(), 'action-dist-'));
  try {
    await buildInto(fresh);
    const differ = await differences(fresh, DIST);
    if (differ.length > 0) {
      console.error(`action-dist/ is not a fresh build of the source (differs: ${differ.join(', ')}). Run \`npm run build:action\` and commit action-dist/.`);
      process.exitCode = 1;
    } else {
      console.log('action-dist/ matches a fresh build.');
    }
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
} else if (process.argv.includes('--out')) {
  const folder = process.argv[process.argv.indexOf('--out') + 1];
  // Never a folder with other things in it: the build writes its own files only.
  if (!folder || (await readdir(folder).catch(() => [])).length > 0) throw new Error('--out needs a new or empty folder');
  await buildInto(resolve(folder));
  console.log(`Built ${folder}.`);
} else {
  // A file the build no longer makes must not linger in the committed bundle.
  await rm(DIST, { recursive: true, force: true });
  await buildInto(DIST);
  console.log('Built action-dist/.');
}
