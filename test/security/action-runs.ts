// What the security tests need to run the action as the runner does (test/action/runner.ts does the running): a
// fresh bundle of the sources, and the two events it acts on, a pull request and a push to the default branch.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../helpers/repo.js';
import type { RunSpec } from '../action/runner.js';

export const HEAD_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const MAIN_SHA = '0f1e2d3c4b5a69788796a5b4c3d2e1f001234567';
const REPOSITORY = { full_name: 'acme/policies', name: 'policies', owner: { login: 'acme' }, default_branch: 'main' };

/** Bundles the action into a new temporary folder; returns its index.js. */
export async function buildBundle(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'action-bundle-'));
  await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'scripts/build-action.mjs'), '--out', folder]);
  return join(folder, 'index.js');
}

export function pullRequestEvent(number: number): RunSpec['event'] {
  const pull = { number, head: { sha: HEAD_SHA, repo: { full_name: 'acme/policies' } }, base: { ref: 'main', repo: { full_name: 'acme/policies' } } };
  return { name: 'pull_request', ref: `refs/pull/${number}/merge`, sha: MAIN_SHA, payload: { action: 'synchronize', number, pull_request: pull, repository: REPOSITORY } };
}

export function pushToMainEvent(): RunSpec['event'] {
  return { name: 'push', ref: 'refs/heads/main', sha: MAIN_SHA, payload: { ref: 'refs/heads/main', after: MAIN_SHA, repository: REPOSITORY } };
}
