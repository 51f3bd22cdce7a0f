// The CLI as separate processes, the way a shell runs it (`node` on the sources through tsx, see cli-process.ts),
// with an environment of fake credentials and nothing inherited from this machine but PATH.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SECRETS } from '../action/runner.js';
import { collectExit } from '../helpers/process.js';
import { PROJECT_ROOT } from '../helpers/repo.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const ENTRY = join(PROJECT_ROOT, 'test/security/cli-process.ts');

/** What a CI job or a developer's shell would hold: AWS keys with a session token, and a GitHub token. */
export function credentialsEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_ACCESS_KEY_ID: SECRETS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SECRETS.secretAccessKey,
    AWS_SESSION_TOKEN: SECRETS.sessionToken,
    AWS_EC2_METADATA_DISABLED: 'true',
    GITHUB_TOKEN: SECRETS.token,
  };
}

export interface ProcessRun {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
}

export function spawnCli(args: string[], cwd: string, env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', TSX, ENTRY, ...args], { cwd, env, stdio: 'pipe' });
}

export async function runCliProcess(args: string[], cwd: string, env: Record<string, string>): Promise<ProcessRun> {
  const child = spawnCli(args, cwd, env);
  child.stdin.end();
  const { code, stdout, stderr } = await collectExit(child);
  return { args, code: code ?? -1, stdout, stderr };
}
