// Reads a whole policy repository: every engine file, every group manifest with its .cedar files, and every test
// file. Problems come back as diagnostics beside whatever could be read; nothing here throws on bad input.
import { readdir, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { GROUPS, type Diagnostic, type Group, type Repository } from '../model.js';
import { parseEngineFile } from './engine-file.js';
import { readManifest } from './manifest.js';
import { sourceReader } from './source-file.js';
import { parseTestsFile } from './tests-file.js';
import { closest } from './suggest.js';

export interface LoadResult {
  repository: Repository;
  diagnostics: Diagnostic[];
}

const MANIFEST = 'policies.yaml';

export async function loadRepository(root: string): Promise<LoadResult> {
  const repository: Repository = { root, engines: [], policies: [], tests: [] };
  const diagnostics: Diagnostic[] = [];
  if (!(await isDirectory(root))) {
    diagnostics.push({ severity: 'error', code: 'repository/no-repository', message: `${root} is not a folder; run from a policy repository or pass --dir` });
    return { repository, diagnostics };
  }
  const readSource = sourceReader(root);
  const read = (file: string) => {
    const source = readSource(file);
    if (!source.ok) diagnostics.push(source.diagnostic);
    return source.ok ? source.text : undefined;
  };

  for (const file of await listFiles(root, 'engines', (name) => /\.ya?ml$/.test(name))) {
    const text = read(file);
    if (text === undefined) continue;
    const result = parseEngineFile(file, text);
    if (result.ok) repository.engines.push(result.engine);
    else diagnostics.push(...result.diagnostics);
  }
  if (repository.engines.length === 0 && diagnostics.length === 0) {
    diagnostics.push({ severity: 'error', code: 'repository/no-engines', message: 'no engine files found in engines/ (engines/<name>.yaml)', file: 'engines' });
  }

  for (const folder of await listDirectories(root, 'policies')) {
    if (!(GROUPS as readonly string[]).includes(folder)) {
      const hint = closest(folder, GROUPS);
      diagnostics.push({
        severity: 'error',
        code: 'repository/unknown-group',
        message: `policies/${folder} is not a policy group (one of ${GROUPS.join(', ')})${hint ? `; did you mean "${hint}"?` : ''}`,
        file: `policies/${folder}`,
      });
      continue;
    }
    const manifestPath = `policies/${folder}/${MANIFEST}`;
    const text = read(manifestPath);
    if (text === undefined) continue;
    const manifest = readManifest(readSource, manifestPath, folder as Group, text);
    repository.policies.push(...manifest.policies);
    diagnostics.push(...manifest.diagnostics);
  }

  for (const file of await listFiles(root, 'policies', (name) => name.endsWith('.test.yaml'), true)) {
    const text = read(file);
    if (text === undefined) continue;
    const parsed = parseTestsFile(file, text);
    repository.tests.push(...parsed.cases);
    diagnostics.push(...parsed.diagnostics);
  }
  return { repository, diagnostics };
}

/** Files under `dir` (relative to root) whose name matches, as posix paths relative to root, sorted. Symlinked
 * directories are not followed. */
async function listFiles(root: string, dir: string, match: (name: string) => boolean, recursive = false): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory() && recursive) found.push(...(await listFiles(root, path, match, true)));
    else if (!entry.isDirectory() && match(entry.name)) found.push(path);
  }
  return found.sort();
}

/** Folders under `dir`, including symbolic links: a linked group is read (and refused by sourceReader when it
 * leads outside the repository), never silently skipped. */
async function listDirectories(root: string, dir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(root, dir), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() || e.isSymbolicLink()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
