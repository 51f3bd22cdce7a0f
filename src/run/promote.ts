// `promote NAME`: switches a LOG_ONLY policy to ACTIVE in its manifest, once recorded decisions back it. The
// repository's statement of the policy (variables filled per engine) is judged against each selected engine's
// recorded requests as a canary (replay/canary.ts), and the switch is refused with fewer recorded decisions on its
// tools than asked for, or more decisions it would have flipped than allowed, unless forced. The edit is one line
// of the manifest (manifest-edit.ts), with the evidence in its comment; nothing live changes until the pull request
// is merged and applied.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientOptions } from '../agentcore/index.js';
import type { Diagnostic, EngineSpec, PolicySpec, Promotion } from '../model.js';
import { CanaryTally } from '../replay/canary.js';
import { resolveDesired } from '../repository/desired.js';
import { setEnforcementMode, unifiedDiff } from '../repository/manifest-edit.js';
import { closest } from '../repository/suggest.js';
import { plural } from '../text.js';
import { hasErrors, validateRepository } from '../validation/validate.js';
import { readEngineDecisions, sinceOf, type WindowOptions } from './decision-source.js';

export interface PromoteRunOptions extends WindowOptions {
  root: string;
  name: string;
  /** The engines whose records to read; all the policy deploys to when empty. */
  engines?: readonly string[];
  minDecisions: number;
  maxFlips: number;
  force?: boolean;
  client?: ClientOptions;
}

export interface PromoteRun {
  status: 'promoted' | 'refused';
  policy: string;
  /** The evidence per engine read, or why an engine had none. */
  evidence: { engine: string; promotion: Promotion }[];
  /** What the evidence falls short of, in words: why it was refused, or what `force` went past. */
  shortfalls: { code: Diagnostic['code']; message: string }[];
  minDecisions: number;
  maxFlips: number;
  /** The manifest edit, made when promoted. */
  manifest?: { file: string; diff: string[] };
  diagnostics: Diagnostic[];
}

export async function runPromote(options: PromoteRunOptions): Promise<PromoteRun> {
  const base = { status: 'refused' as const, policy: options.name, evidence: [], shortfalls: [], minDecisions: options.minDecisions, maxFlips: options.maxFlips };
  const refuse = (diagnostics: Diagnostic[]): PromoteRun => ({ ...base, diagnostics });
  const report = await validateRepository(options.root, { engines: options.engines ?? [] });
  if (hasErrors(report.diagnostics)) return refuse(report.diagnostics.filter((d) => d.severity === 'error'));
  const found = findCanary(report.repository.policies, options.name);
  if ('diagnostic' in found) return refuse([found.diagnostic]);
  const { policy } = found;
  const targets = report.engines.flatMap((engine) => {
    const desired = resolveDesired(report.repository, engine).policies.find((p) => p.spec.name === policy.name);
    return desired ? [{ engine, statement: desired.statement }] : [];
  });
  if (targets.length === 0) {
    const where = options.engines?.length ? `any of ${options.engines.join(', ')}` : 'any engine';
    return refuse([{ severity: 'error', code: 'promote/not-on-engine', message: `${policy.name} is not deployed to ${where} (it is disabled, or its group or engines leave them out)`, ...at(policy) }]);
  }
  const evidence = await Promise.all(targets.map(({ engine, statement }) => evidenceOn(engine, { id: policy.name, statement }, options)));
  const shortfalls = shortfallsOf(evidence, options);
  if (shortfalls.length > 0 && !options.force) return { ...base, evidence, shortfalls, diagnostics: [] };
  const manifest = await promoteInManifest(options.root, policy, evidence);
  return { ...base, status: 'promoted', evidence, shortfalls, manifest, diagnostics: [] };
}

function findCanary(policies: PolicySpec[], name: string): { policy: PolicySpec } | { diagnostic: Diagnostic } {
  const policy = policies.find((p) => p.name === name);
  if (!policy) {
    const guess = closest(name, policies.map((p) => p.name));
    return { diagnostic: { severity: 'error', code: 'promote/unknown-policy', message: `no policy named ${name} is declared${guess ? `; did you mean ${guess}?` : ''}` } };
  }
  if (policy.enforcementMode !== 'LOG_ONLY') {
    return { diagnostic: { severity: 'error', code: 'promote/not-log-only', message: `${name} is already ACTIVE: only a LOG_ONLY policy can be promoted`, ...at(policy) } };
  }
  return { policy };
}

const at = (policy: PolicySpec) => ({ file: policy.declaredAt.file, line: policy.declaredAt.line, column: policy.declaredAt.column });

async function evidenceOn(engine: EngineSpec, policy: { id: string; statement: string }, options: PromoteRunOptions): Promise<{ engine: string; promotion: Promotion }> {
  const canary = new CanaryTally(engine, policy, `promote:${engine.name}`);
  const window = await readEngineDecisions(engine, options.root, options.client ?? {}, options, (request) => canary.take(request));
  return { engine: engine.name, promotion: 'none' in window ? { missing: window.none } : { evidence: canary.result(window) } };
}

/** Over the engines that had evidence. */
function totals(evidence: PromoteRun['evidence']): { decisions: number; flips: number } {
  const read = evidence.flatMap((e) => ('evidence' in e.promotion ? [e.promotion.evidence] : []));
  return { decisions: read.reduce((sum, e) => sum + e.decisions, 0), flips: read.reduce((sum, e) => sum + e.flips.toDeny + e.flips.toAllow, 0) };
}

function shortfallsOf(evidence: PromoteRun['evidence'], options: PromoteRunOptions): PromoteRun['shortfalls'] {
  const { decisions, flips } = totals(evidence);
  const since = new Date(sinceOf(options)).toISOString().slice(0, 16).replace('T', ' ');
  const shortfalls: PromoteRun['shortfalls'] = [];
  if (decisions < options.minDecisions) {
    shortfalls.push({
      code: 'promote/not-enough-decisions',
      message: `not enough decisions: ${plural(decisions, 'recorded decision')} on its tools since ${since} UTC, and --min-decisions asks for ${options.minDecisions}`,
    });
  }
  if (flips > options.maxFlips) {
    shortfalls.push({ code: 'promote/too-many-flips', message: `too many flips: it would have flipped ${plural(flips, 'recorded decision')}, and --max-flips allows ${options.maxFlips}` });
  }
  return shortfalls;
}

async function promoteInManifest(root: string, policy: PolicySpec, evidence: PromoteRun['evidence']): Promise<PromoteRun['manifest']> {
  const file = policy.declaredAt.file;
  const before = await readFile(join(root, file), 'utf8');
  const { decisions, flips } = totals(evidence);
  const comment = `promoted ${new Date().toISOString().slice(0, 10)}: ${plural(decisions, 'recorded decision')}, ${plural(flips, 'flip')}`;
  const edited = setEnforcementMode(before, policy.name, 'ACTIVE', comment);
  if (!edited.ok) throw new Error(`${file}: ${edited.message}`);
  await writeFile(join(root, file), edited.text);
  return { file, diff: unifiedDiff(file, before, edited.text) };
}
