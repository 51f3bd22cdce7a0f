// `diff --base REF`: the access difference between the repository at a git ref and the working tree, offline (no
// live engine, no credentials), for pull requests from forks and for a developer before pushing. The ref's tree is
// exported by repository/git-ref.ts (nothing of it runs or is followed), both trees are validated, and each engine's
// desired policies at the base are compared with the head's (run/diff-engine.ts).
import type { AccessDiff, Diagnostic, Repository } from '../model.js';
import { resolveDesired } from '../repository/desired.js';
import { exportRef } from '../repository/git-ref.js';
import { hasErrors, validateRepository, type ValidationReport } from '../validation/validate.js';
import { accessDiff, diffEngine, removedEngine } from './diff-engine.js';

export interface DiffRunOptions {
  /** The working tree's repository root (a git work tree, or a folder inside one). */
  root: string;
  /** The git ref to compare with: a branch, a tag, `origin/main`, a commit. */
  base: string;
  /** The engines to compare, by name; all when empty or absent. */
  engines?: readonly string[];
}

/** `stage` says which side failed: the working tree does not validate, or the base cannot be read or validated
 * (then a diagnostic's file is named as git names a file at a ref, `REF:path`). */
export type DiffOutcome = { ok: true; diff: AccessDiff } | { ok: false; stage: 'validate' | 'base'; diagnostics: Diagnostic[] };

export async function runDiff(options: DiffRunOptions): Promise<DiffOutcome> {
  const head = await validateRepository(options.root, { engines: options.engines ?? [] });
  if (hasErrors(head.diagnostics)) return { ok: false, stage: 'validate', diagnostics: head.diagnostics };
  return diffWithBase(head, options);
}

/** The diff for a working tree the caller has validated (without errors) over the same engines: the action's
 * offline checks validate it once for the tests and the diff. */
export async function diffWithBase(head: ValidationReport, options: DiffRunOptions): Promise<DiffOutcome> {
  const tree = await exportRef(options.root, options.base);
  if (!tree.ok) return { ok: false, stage: 'base', diagnostics: [tree.diagnostic] };
  try {
    const base = await validateBase(tree.root, options.engines ?? []);
    if (hasErrors(base.diagnostics)) {
      return { ok: false, stage: 'base', diagnostics: base.diagnostics.filter((d) => d.severity === 'error').map((d) => atRef(d, options.base)) };
    }
    return { ok: true, diff: accessDiff({ ref: options.base, commit: tree.commit }, compareEngines(base.repository, head, (options.engines ?? []).length === 0), tree.warnings) };
  } finally {
    await tree.close();
  }
}

/** Each engine of the head against its namesake at the base, then, when `all` engines are compared, the engines
 * only the base has. */
function compareEngines(base: Repository, head: ValidationReport, all: boolean) {
  const diffs = head.engines.map((engine) => {
    const before = base.engines.find((e) => e.name === engine.name);
    return diffEngine(before && resolveDesired(base, before), resolveDesired(head.repository, engine));
  });
  const removed = all ? base.engines.filter((e) => !head.repository.engines.some((h) => h.name === e.name)) : [];
  return [...diffs, ...removed.map(removedEngine)];
}

/** The base validated over the selected engines it declares: an engine new in the head is no error of the base's. */
async function validateBase(root: string, engines: readonly string[]): Promise<ValidationReport> {
  const report = await validateRepository(root, { engines });
  if (engines.length === 0 || !report.diagnostics.some((d) => d.code === 'repository/unknown-engine')) return report;
  const declared = engines.filter((name) => report.repository.engines.some((e) => e.name === name));
  // None of them at the base: nothing of the base is compared, but its files must still read.
  return declared.length > 0 ? validateRepository(root, { engines: declared }) : { ...report, engines: [], diagnostics: report.diagnostics.filter((d) => d.code !== 'repository/unknown-engine') };
}

/** A problem of the base, placed as git places a file at a ref (`origin/main:policies/x.cedar`). */
function atRef(d: Diagnostic, ref: string): Diagnostic {
  return d.file === undefined ? { ...d, message: `at ${ref}: ${d.message}` } : { ...d, file: `${ref}:${d.file}` };
}
