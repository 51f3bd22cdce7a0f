// The policy repository as it is at a git ref (a branch, a tag, `origin/main`, a commit): the files of its
// `engines/` and `policies/` written into a fresh temporary folder from git's object store (`git ls-tree` and
// `git cat-file --batch`), to be read like any repository. Nothing of the ref runs, and a symbolic link in the ref
// is not followed: it is left out, with a warning.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../model.js';

/** `commit` is the full id the ref names. */
export type RefTree = { ok: true; root: string; commit: string; warnings: Diagnostic[]; close(): Promise<void> } | { ok: false; diagnostic: Diagnostic };

/** What a git command run from `cwd` printed, or why it failed; never throws. */
function git(args: string[], cwd: string, input?: string): Promise<{ ok: boolean; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: !error, stdout: stdout ?? Buffer.alloc(0), stderr: (stderr ?? Buffer.alloc(0)).toString('utf8').trim() });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

interface Entry {
  mode: string;
  sha: string;
  path: string;
}

/** `ref`'s `engines/` and `policies/`, for the repository at `root` (which may be a subfolder of the git work tree). */
export async function exportRef(root: string, ref: string): Promise<RefTree> {
  const fail = (message: string): RefTree => ({ ok: false, diagnostic: { severity: 'error', code: 'repository/git-ref', message } });
  // A ref that starts with `-` would be read as an option.
  if (ref.startsWith('-') || ref.trim() === '') return fail(`${JSON.stringify(ref)} is not a git ref`);
  const prefix = await git(['rev-parse', '--show-prefix'], root);
  if (!prefix.ok) return fail(`${root} is not inside a git work tree (git says: ${prefix.stderr || 'nothing'}); diff --base compares with a git ref`);
  const commit = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  if (!commit.ok) return fail(`git knows no commit ${JSON.stringify(ref)} (for a pull request's base, fetch it first, e.g. git fetch origin main)`);
  const at = prefix.stdout.toString('utf8').trim();
  const id = commit.stdout.toString('utf8').trim();
  const listed = await git(['ls-tree', '-r', '-z', '--full-tree', id, '--', `${at}engines`, `${at}policies`], root);
  if (!listed.ok) return fail(`git ls-tree ${ref} failed: ${listed.stderr}`);
  const entries = parseTree(listed.stdout.toString('utf8'), at);
  const folder = await mkdtemp(join(tmpdir(), 'agentcore-policy-base-'));
  const close = () => rm(folder, { recursive: true, force: true });
  const files = entries.filter((e) => e.mode === '100644' || e.mode === '100755');
  const warnings: Diagnostic[] = entries
    .filter((e) => e.mode === '120000')
    .map((e) => ({ severity: 'warning', code: 'repository/git-ref', message: `${e.path} is a symbolic link in ${ref}: not followed, left out of the comparison`, file: e.path }));
  const blobs = await readBlobs(root, files.map((f) => f.sha));
  if (!blobs) return close().then(() => fail(`could not read the files of ${ref} from git`));
  for (const [index, file] of files.entries()) {
    const path = join(folder, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, blobs[index]!);
  }
  return { ok: true, root: folder, commit: id, warnings, close };
}

/** `ls-tree -r -z` lines (`<mode> <type> <sha>\t<path>`), paths made relative to the repository folder `at`. */
function parseTree(text: string, at: string): Entry[] {
  return text
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode, , sha] = line.slice(0, tab).split(' ');
      return { mode: mode!, sha: sha!, path: line.slice(tab + 1).slice(at.length) };
    })
    .filter((entry) => !entry.path.split('/').includes('..'));
}

/** The contents of these blobs, in order, through one `git cat-file --batch`. */
async function readBlobs(root: string, shas: string[]): Promise<Buffer[] | undefined> {
  if (shas.length === 0) return [];
  const out = await git(['cat-file', '--batch'], root, `${shas.join('\n')}\n`);
  if (!out.ok) return undefined;
  const blobs: Buffer[] = [];
  let offset = 0;
  for (const sha of shas) {
    const newline = out.stdout.indexOf(10, offset);
    const [name, type, size] = out.stdout.subarray(offset, newline).toString('utf8').split(' ');
    if (name !== sha || type !== 'blob') return undefined;
    const start = newline + 1;
    blobs.push(out.stdout.subarray(start, start + Number(size)));
    offset = start + Number(size) + 1;
  }
  return blobs;
}
