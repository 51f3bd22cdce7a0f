// The CLI as a separate process, built from the source under test: esbuild bundles bin/agentcore-policy.js with its
// imports of the bundled dist/cli/ pointed at src/cli/, into one file with the Cedar wasm beside it
// (cedar-wasm reads it from its own folder). A spawned `apply` starts in half a second and runs today's code,
// whatever dist/ holds.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleEsm } from '../../scripts/esm-bundle.mjs';
import { collectExit, type Exit } from '../helpers/process.js';
import { PROJECT_ROOT } from '../helpers/repo.js';

/** Bundles the CLI into a new temporary folder; returns the file to run with node (remove its folder when done). */
export async function bundleCli(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'agentcore-policy-cli-'));
  const file = join(folder, 'cli.mjs');
  await bundleEsm({
    root: PROJECT_ROOT,
    entry: 'bin/agentcore-policy.js',
    outfile: file,
    plugins: [{ name: 'source', setup: (b) => b.onResolve({ filter: /dist\/cli\/[a-z0-9-]+\.js$/ }, (args) => ({ path: join(PROJECT_ROOT, 'src/cli', args.path.replace(/^.*\/dist\/cli\//, '').replace(/\.js$/, '.ts')) })) }],
  });
  return file;
}

/** Starts `agentcore-policy <args>` with nothing of this machine's environment but PATH. */
export function spawnCli(bundle: string, args: string[]): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [bundle, ...args], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exit = collectExit(child);
  return { child, exit };
}
