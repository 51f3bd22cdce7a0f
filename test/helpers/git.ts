// Policy repositories under git for the tests of `diff --base` and the action's fork runs: the example repository
// (test/helpers/repo.ts) committed in a fresh `git init`, then edited in the working tree, as a pull request is.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { applyChanges, makeRepo, type Tree } from './repo.js';

const exec = promisify(execFile);

/** git in `cwd` with an identity of its own and nothing of this machine's configuration. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const env = { PATH: process.env.PATH ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
  const { stdout } = await exec('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, env });
  return stdout.trim();
}

/** Commits everything in the work tree; returns the new commit's id. */
export async function commitAll(root: string, message: string): Promise<string> {
  await git(root, 'add', '-A');
  await git(root, 'commit', '-q', '--allow-empty', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}

/** The example repository (with `base` applied) committed as `main` in a new git repository, then `head` applied
 * to the working tree, uncommitted. Returns the root and the base commit. */
export async function gitRepo(base: Tree = {}, head: Tree = {}, options: { empty?: boolean } = {}): Promise<{ root: string; commit: string }> {
  const root = await makeRepo(base, options);
  await git(root, 'init', '-q');
  const commit = await commitAll(root, 'base');
  await applyChanges(root, head);
  return { root, commit };
}
