// `validate`, layer by layer: files and schemas, cross-checks, Cedar syntax, schema-aware validation per engine,
// lints. Returns the repository as read and every diagnostic, sorted by file and position; never throws on bad input.
// Results are gathered with loops, never `push(...list)`: spreading a long list overflows the stack.
import type { Diagnostic, EngineSpec, Repository } from '../model.js';
import { loadRepository, type LoadOptions, type LoadResult } from '../repository/load.js';
import { policiesOf, selectEngines } from '../repository/membership.js';
import { closest } from '../repository/suggest.js';
import { checkEnginePolicies, checkPolicySyntax, type EngineCheck, type ParsedPolicy } from './cedar-checks.js';
import { crossCheck } from './cross-checks.js';
import { CEDAR_IMPOSSIBLE, findingDiagnostics } from './findings.js';
import { ignoredLint, lintEngineHasPermit, lintPolicyShape, lintUnguardedGetTag } from './lints.js';

export interface ValidationReport {
  repository: Repository;
  /** The engines that were checked (all, or the ones asked for). */
  engines: EngineSpec[];
  diagnostics: Diagnostic[];
  /** Lint findings that their policy's manifest entry ignores: shown, but neither errors nor warnings. */
  suppressed: Diagnostic[];
}

export function hasErrors(diagnostics: Diagnostic[], denyWarnings = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (denyWarnings && d.severity === 'warning'));
}

/** `engines`: the engine names to check (all when empty); each name no engine file declares is an error. An engine
 * file with errors that leave its content intact (see DamagedEngine) is still checked, though never returned in
 * `engines`, so nothing goes on to plan or test against it. */
export async function validateRepository(root: string, options: { engines?: readonly string[] } & LoadOptions = {}): Promise<ValidationReport> {
  const { repository, diagnostics, brokenEngines } = await loadRepository(root, options);
  const { engines, unknown } = selectEngines(repository, options.engines);
  const damaged = brokenEngines.flatMap((b) => (b.damaged ? [b.damaged] : []));
  // A damaged engine's name is not unknown: its file's own errors say what is wrong with it.
  const undeclared = unknown.filter((name) => !damaged.some((d) => d.name === name));
  if (undeclared.length > 0) {
    const known = [...repository.engines, ...damaged].map((e) => e.name);
    const unread = brokenEngines.filter((b) => !b.damaged).map((b) => b.file);
    for (const name of undeclared) diagnostics.push({ severity: 'error', code: 'repository/unknown-engine', message: unknownEngine(name, known, unread) });
    return { repository, engines: [], diagnostics: sortDiagnostics(diagnostics), suppressed: [] };
  }
  const intact = damaged.flatMap((d) => (d.engine ? [d.engine] : []));
  const checkedRepository = { ...repository, engines: [...repository.engines, ...intact] };
  const checked = [...engines, ...selectEngines({ ...repository, engines: intact }, options.engines).engines];
  for (const d of crossCheck(checkedRepository, brokenEngines)) diagnostics.push(d);
  const deployed = checked.map((engine) => new Set(policiesOf(repository, engine)));
  const beside = options.onEngines !== undefined;
  const validatedLater = new Set(deployed.flatMap((set) => [...set]));
  const parsed: ParsedPolicy[] = [];
  for (const part of await inTurns(repository.policies, (chunk) => checkPolicySyntax(chunk, validatedLater), beside)) {
    for (const d of part.diagnostics) diagnostics.push(d);
    for (const p of part.parsed) parsed.push(p);
  }
  const tagLinted = new Set<string>();
  const lints: Diagnostic[] = [];
  for (const { policy, tokens } of parsed) {
    // The lints read Cedar; a `definition: policy` statement is another language.
    if (policy.definition === 'policy') continue;
    const unguarded = lintUnguardedGetTag(policy, tokens);
    if (unguarded.length > 0) tagLinted.add(policy.file);
    for (const d of [...unguarded, ...lintPolicyShape(policy, tokens)]) lints.push(d);
  }
  const unparsed = new Set<string>();
  for (const [index, engine] of checked.entries()) {
    const mine = parsed.filter((p) => deployed[index]!.has(p.policy));
    const found: EngineCheck = { diagnostics: [], unparsed: new Set() };
    for (const part of await inTurns(mine, (chunk) => checkEnginePolicies(engine, chunk, tagLinted), beside)) {
      for (const d of part.diagnostics) found.diagnostics.push(d);
      for (const file of part.unparsed) found.unparsed.add(file);
    }
    for (const file of found.unparsed) unparsed.add(file);
    // Findings need a statement Cedar validated against this engine's schema.
    const valid = mine.filter((p) => !found.unparsed.has(p.policy.file) && !found.diagnostics.some((d) => d.file === p.policy.file && d.severity === 'error'));
    const findings = findingDiagnostics(engine, valid);
    const never = new Set(findings.filter((d) => d.code === 'finding/allow-none' || d.code === 'finding/deny-none').map((d) => d.file));
    // Cedar's "policy is impossible" says less than the finding about the same policy.
    const cedarSaid = found.diagnostics.filter((d) => !(never.has(d.file) && d.code === 'cedar/validation' && d.message.startsWith(CEDAR_IMPOSSIBLE)));
    for (const d of [...cedarSaid, ...findings, ...lintEngineHasPermit(repository, engine)]) diagnostics.push(d);
  }
  // Lints read tokens, not Cedar's parse; on a file Cedar cannot parse they would only add noise.
  for (const d of lints) if (d.file === undefined || !unparsed.has(d.file)) diagnostics.push(d);
  const all = sortDiagnostics(dedupe(diagnostics));
  const ignored = ignoredLint(repository.policies);
  return { repository, engines, diagnostics: all.filter((d) => !ignored(d)), suppressed: all.filter(ignored) };
}

/** While a plan reads the live engines beside validation (`onEngines` given: run/live-reads.ts), policies are
 * checked a few hundred at a time, with a turn of the event loop between parts: the reads need a moment of it after
 * each round trip to ask for the next page. Every check is of one policy (the schema's own problems, said once per
 * part, are said once after dedupe); a part costs Cedar a parse of the schema, so without reads beside there is one. */
const PART = 200;

async function inTurns<T, R>(items: readonly T[], check: (part: T[]) => R, beside: boolean): Promise<R[]> {
  if (!beside) return [check([...items])];
  const results: R[] = [];
  for (let start = 0; start < items.length || start === 0; start += PART) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    results.push(check(items.slice(start, start + PART)));
  }
  return results;
}

/** "no engine named X", with the names there are (and the closest one), and the engine files that did not load
 * (`unread`), where X may be. */
export function unknownEngine(name: string, known: readonly string[], unread: readonly string[] = []): string {
  const hint = closest(name, known);
  const listed = known.length > 0 ? ` (engines: ${known.join(', ')})` : '';
  const note = unread.length > 0 ? `; ${unread.join(', ')} did not load, see ${unread.length === 1 ? 'its' : 'their'} errors` : '';
  return `no engine named ${name} in engines/${listed}${hint ? `; did you mean "${hint}"?` : ''}${note}`;
}

/** The engine of a loaded repository named `name` (for commands about one engine), or why there is none: the
 * errors of the engine files that did not load, and "no engine named". */
export function namedEngine(loaded: LoadResult, name: string): { engine: EngineSpec } | { diagnostics: Diagnostic[] } {
  const engine = loaded.repository.engines.find((e) => e.name === name);
  if (engine) return { engine };
  const broken = loaded.diagnostics.filter((d) => d.severity === 'error');
  const message = unknownEngine(name, loaded.repository.engines.map((e) => e.name));
  return { diagnostics: [...broken, { severity: 'error', code: 'repository/unknown-engine', message }] };
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

/** By file (in code-point order, as git lists paths: a locale's order would cost every command the ~10 ms of
 * loading its collation rules), then position. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const byFile = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...diagnostics].sort((a, b) => byFile(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
