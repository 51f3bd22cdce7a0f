// Which policy repository a command works on: `--dir` when given, else the nearest folder from the working
// directory up that holds `engines/` (as git finds `.git`), so a command run inside `policies/` works on the whole
// repository; and how its repository-relative paths are shown from where the command ran. Nothing is said about
// the root found: every path a command prints is relative to the working directory, so it shows where it is.
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../model.js';
import type { Plan } from '../plan/types.js';
import { pathsFrom, withPaths } from '../render/diagnostics.js';

export interface RepositoryRoot {
  root: string;
  /** A repository-relative path as seen from the working directory. */
  path: (file: string) => string;
  /** Diagnostics with their files so shown. */
  shown: (diagnostics: Diagnostic[]) => Diagnostic[];
}

export function repositoryRoot(cwd: string, dir: string | undefined): RepositoryRoot {
  const root = dir === undefined ? findRoot(cwd) : resolve(cwd, dir);
  const path = pathsFrom(cwd, root);
  return { root, path, shown: (diagnostics) => withPaths(diagnostics, path) };
}

/** The plan as a person reads it: its problems point from where the command ran (a saved plan keeps
 * repository-relative paths, for apply and programs). */
export function planFromCwd(plan: Plan, repository: RepositoryRoot): Plan {
  return { ...plan, errors: repository.shown(plan.errors), warnings: repository.shown(plan.warnings) };
}

/** The nearest folder holding `engines/`, or `cwd` itself when none does (the command then says what is missing). */
export function findRoot(cwd: string): string {
  const start = resolve(cwd);
  for (let folder = start; ; folder = dirname(folder)) {
    if (isFolder(join(folder, 'engines'))) return folder;
    if (dirname(folder) === folder) return start;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
