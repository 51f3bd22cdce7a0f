// `validate`, layer by layer: files and schemas, cross-checks, Cedar syntax, schema-aware validation per engine,
// lints. Returns the repository as read and every diagnostic, sorted by file and position; never throws on bad input.
import type { Diagnostic, EngineSpec, Repository } from '../model.js';
import { loadRepository } from '../repository/load.js';
import { policiesOf, selectEngines } from '../repository/membership.js';
import { closest } from '../repository/suggest.js';
import { checkEnginePolicies, checkPolicySyntax } from './cedar-checks.js';
import { crossCheck } from './cross-checks.js';
import { lintEngineHasPermit, lintPolicyShape, lintUnguardedGetTag } from './lints.js';

export interface ValidationReport {
  repository: Repository;
  /** The engines that were checked (all, or the ones asked for). */
  engines: EngineSpec[];
  diagnostics: Diagnostic[];
}

export function hasErrors(diagnostics: Diagnostic[], denyWarnings = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (denyWarnings && d.severity === 'warning'));
}

/** `engines`: the engine names to check (all when empty); each name no engine file declares is an error. */
export async function validateRepository(root: string, options: { engines?: readonly string[] } = {}): Promise<ValidationReport> {
  const { repository, diagnostics } = await loadRepository(root);
  const { engines, unknown } = selectEngines(repository, options.engines);
  if (unknown.length > 0) {
    const known = repository.engines.map((e) => e.name);
    for (const name of unknown) diagnostics.push({ severity: 'error', code: 'repository/unknown-engine', message: unknownEngine(name, known) });
    return { repository, engines: [], diagnostics: sortDiagnostics(diagnostics) };
  }
  diagnostics.push(...crossCheck(repository));
  const deployed = engines.map((engine) => new Set(policiesOf(repository, engine)));
  const syntax = checkPolicySyntax(repository.policies, new Set(deployed.flatMap((set) => [...set])));
  diagnostics.push(...syntax.diagnostics);
  const tagLinted = new Set<string>();
  const lints: Diagnostic[] = [];
  for (const { policy, tokens } of syntax.parsed) {
    const unguarded = lintUnguardedGetTag(policy, tokens);
    if (unguarded.length > 0) tagLinted.add(policy.file);
    lints.push(...unguarded, ...lintPolicyShape(policy, tokens));
  }
  const unparsed = new Set<string>();
  engines.forEach((engine, index) => {
    const checked = checkEnginePolicies(engine, syntax.parsed.filter((p) => deployed[index]!.has(p.policy)), tagLinted);
    diagnostics.push(...checked.diagnostics, ...lintEngineHasPermit(repository, engine));
    for (const file of checked.unparsed) unparsed.add(file);
  });
  // Lints read tokens, not Cedar's parse; on a file Cedar cannot parse they would only add noise.
  diagnostics.push(...lints.filter((d) => d.file === undefined || !unparsed.has(d.file)));
  return { repository, engines, diagnostics: sortDiagnostics(dedupe(diagnostics)) };
}

/** "no engine named X", with the names there are (and the closest one). */
export function unknownEngine(name: string, known: readonly string[]): string {
  const hint = closest(name, known);
  const listed = known.length > 0 ? ` (engines: ${known.join(', ')})` : '';
  return `no engine named ${name} in engines/${listed}${hint ? `; did you mean "${hint}"?` : ''}`;
}

/** A policy deployed to several engines gives the same finding once per engine; say it once. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.file}|${d.line}|${d.column}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
