// Reads a whole policy repository: every engine file, every group manifest with its .cedar files, and every test
// file. Problems come back as diagnostics beside whatever could be read; nothing here throws on bad input. Results
// are gathered with loops, never `push(...list)`: spreading a long list overflows the stack.
import { readdir, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { GROUPS, type Diagnostic, type EngineSpec, type Group, type Repository } from '../model.js';
import { parseEngineFile, type DamagedEngine } from './engine-file.js';
import { readManifest } from './manifest.js';
import { sourceReader } from './source-file.js';
import { parseTestsFile } from './tests-file.js';
import { closest } from './suggest.js';

export interface LoadResult {
  repository: Repository;
  diagnostics: Diagnostic[];
  /** Engine files that did not load (their errors are in `diagnostics`), with what could still be read of each. */
  brokenEngines: BrokenEngineFile[];
}

export interface BrokenEngineFile {
  file: string;
  /** Undefined when not even the engine's name could be read. */
  damaged?: DamagedEngine;
}

const MANIFEST = 'policies.yaml';

export interface LoadOptions {
  /** Called with the engines that loaded, before the policies are read: a plan starts its live reads here. */
  onEngines?: (engines: EngineSpec[]) => void;
}

export async function loadRepository(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const repository: Repository = { root, engines: [], policies: [], tests: [] };
  const diagnostics: Diagnostic[] = [];
  const brokenEngines: BrokenEngineFile[] = [];
  if (!(await isDirectory(root))) {
    diagnostics.push({ severity: 'error', code: 'repository/no-repository', message: `${root} is not a folder; run from a policy repository or pass --dir` });
    return { repository, diagnostics, brokenEngines };
  }
  const readSource = sourceReader(root);
  const read = (file: string) => {
    const source = readSource(file);
    if (!source.ok) diagnostics.push(source.diagnostic);
    return source.ok ? source.text : undefined;
  };

  for (const file of await listFiles(root, 'engines', (name) => /\.ya?ml$/.test(name))) {
    const text = read(file);
    if (text === undefined) {
      brokenEngines.push({ file });
      continue;
    }
    const result = parseEngineFile(file, text);
    if (result.ok) repository.engines.push(result.engine);
    else {
      for (const d of result.diagnostics) diagnostics.push(d);
      brokenEngines.push({ file, ...(result.damaged && { damaged: result.damaged }) });
    }
  }
  options.onEngines?.(repository.engines);
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
    const cedarFiles = await listFiles(root, `policies/${folder}`, (name) => name.endsWith('.cedar'));
    const manifest = readManifest(readSource, manifestPath, folder as Group, text, cedarFiles.map((file) => posix.basename(file)));
    for (const policy of manifest.policies) repository.policies.push(policy);
    for (const d of manifest.diagnostics) diagnostics.push(d);
  }

  for (const file of await listFiles(root, 'policies', (name) => name.endsWith('.test.yaml'), true)) {
    const text = read(file);
    if (text === undefined) continue;
    const parsed = parseTestsFile(file, text);
    for (const test of parsed.cases) repository.tests.push(test);
    for (const d of parsed.diagnostics) diagnostics.push(d);
  }
  return { repository, diagnostics, brokenEngines };
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
    if (entry.isDirectory() && recursive) for (const file of await listFiles(root, path, match, true)) found.push(file);
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
