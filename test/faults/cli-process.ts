// The CLI as a separate process, built from the source under test: esbuild bundles bin/agentcore-policy.js with its
// import of the compiled dist/cli/main.js pointed at src/cli/main.ts, into one file with the Cedar wasm beside it
// (cedar-wasm reads it from its own folder). A spawned `apply` starts in half a second and runs today's code,
// whatever dist/ holds.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../helpers/repo.js';

// An ESM bundle has no require or __dirname, which bundled CommonJS modules (cedar-wasm among them) still use.
const BANNER = [
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  "import { dirname as __bundleDirname } from 'node:path';",
  "import { fileURLToPath as __bundleFileURLToPath } from 'node:url';",
  'const require = __bundleCreateRequire(import.meta.url);',
  'const __filename = __bundleFileURLToPath(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join('\n');

/** Bundles the CLI into a new temporary folder; returns the file to run with node (remove its folder when done). */
export async function bundleCli(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'agentcore-policy-cli-'));
  const file = join(folder, 'cli.mjs');
  await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: ['bin/agentcore-policy.js'],
    plugins: [{ name: 'source', setup: (b) => b.onResolve({ filter: /dist\/cli\/main\.js$/ }, () => ({ path: join(PROJECT_ROOT, 'src/cli/main.ts') })) }],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: BANNER },
    logLevel: 'warning',
  });
  const wasm = join(dirname(createRequire(join(PROJECT_ROOT, 'package.json')).resolve('@cedar-policy/cedar-wasm/nodejs')), 'cedar_wasm_bg.wasm');
  await copyFile(wasm, join(folder, 'cedar_wasm_bg.wasm'));
  return file;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `agentcore-policy <args>` with nothing of this machine's environment but PATH. */
export function spawnCli(bundle: string, args: string[]): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [bundle, ...args], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exit = new Promise<Exit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, exit };
}
