// Temporary policy repositories for tests: a copy of this repository's own `policies/` and `engines/` (or an
// empty tree) with files overridden, edited, removed or replaced by symbolic links, described inline.
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository this test suite lives in; its `policies/` and `engines/` are the example repository. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What to do with one path of the tree: write text or bytes, edit the current text, remove it, or link it. */
export type Change = string | Uint8Array | ((current: string) => string) | null | { symlink: string };
export type Tree = Record<string, Change>;

const created: string[] = [];

/** A fresh repository in a temporary folder: the example repository (or nothing, with `empty`) plus `changes`,
 * applied in order, keyed by posix paths relative to the root. */
export async function makeRepo(changes: Tree = {}, options: { empty?: boolean } = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'agentcore-policy-test-'));
  created.push(root);
  if (!options.empty) {
    for (const folder of ['policies', 'engines']) await cp(join(PROJECT_ROOT, folder), join(root, folder), { recursive: true });
  }
  await applyChanges(root, changes);
  return root;
}

export async function applyChanges(root: string, changes: Tree): Promise<void> {
  for (const [path, change] of Object.entries(changes)) {
    const target = join(root, path);
    if (change === null) {
      await rm(target, { recursive: true, force: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    if (typeof change === 'function') {
      const before = await readFile(target, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`edit of ${path} changed nothing; the example repository has moved on`);
      await writeFile(target, after);
    } else if (typeof change === 'object' && 'symlink' in change) {
      await rm(target, { recursive: true, force: true });
      await symlink(change.symlink, target);
    } else {
      await writeFile(target, change);
    }
  }
}

/** A text edit that must find `from` exactly once, so a test never silently mutates nothing. */
export function replace(from: string, to: string): (current: string) => string {
  return (current) => {
    const count = current.split(from).length - 1;
    if (count !== 1) throw new Error(`expected one occurrence of ${JSON.stringify(from)}, found ${count}`);
    return current.replace(from, () => to);
  };
}

/** The 1-based line of the first line of `text` that contains `marker`. */
export function lineOf(text: string, marker: string): number {
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`marker ${JSON.stringify(marker)} not found`);
  return text.slice(0, index).split('\n').length;
}

export async function readRepoFile(root: string, path: string): Promise<string> {
  return readFile(join(root, path), 'utf8');
}

/** Removes every repository made so far; call from afterAll. */
export async function removeRepos(): Promise<void> {
  await Promise.all(created.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}
