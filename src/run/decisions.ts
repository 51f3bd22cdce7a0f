// `decisions`: what each selected engine's gateways decided over a window, read from its decision source: allows and
// denies per gateway and tool, and for each LOG_ONLY policy the repository declares for the engine, how often it
// held and how many decisions it would have flipped (replay/canary.ts), with examples. The repository is validated
// first, so every statement judged is one Cedar reads.
import type { ClientOptions } from '../agentcore/index.js';
import { DecisionCounts, type EngineDecisions } from '../decisions/summary.js';
import type { DecisionWindow, Diagnostic, EngineSpec, Repository } from '../model.js';
import { CanaryTally } from '../replay/canary.js';
import { resolveDesired } from '../repository/desired.js';
import { hasErrors, validateRepository } from '../validation/validate.js';
import { readEngineDecisions, sinceOf, type WindowOptions } from './decision-source.js';

export type { EngineDecisions };

export interface DecisionsRunOptions extends WindowOptions {
  root: string;
  engines?: readonly string[];
  client?: ClientOptions;
}

export type DecisionsOutcome = { ok: true; engines: EngineDecisions[]; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

export async function runDecisions(options: DecisionsRunOptions): Promise<DecisionsOutcome> {
  const report = await validateRepository(options.root, { engines: options.engines ?? [] });
  if (hasErrors(report.diagnostics)) return { ok: false, diagnostics: report.diagnostics };
  const engines = await Promise.all(report.engines.map((engine) => engineDecisions(report.repository, engine, options)));
  return { ok: true, engines, diagnostics: report.diagnostics };
}

/** The LOG_ONLY policies declared for the engine, variables filled, as canaries to judge. */
export function canariesOf(repository: Repository, engine: EngineSpec): { id: string; statement: string }[] {
  return resolveDesired(repository, engine)
    .policies.filter((p) => p.spec.enforcementMode === 'LOG_ONLY')
    .map((p) => ({ id: p.spec.name, statement: p.statement }));
}

async function engineDecisions(repository: Repository, engine: EngineSpec, options: DecisionsRunOptions): Promise<EngineDecisions> {
  const counts = new DecisionCounts();
  const canaries = canariesOf(repository, engine).map((policy) => new CanaryTally(engine, policy));
  let requests = 0;
  const window = await readEngineDecisions(engine, options.root, options.client ?? {}, options, (request) => {
    requests++;
    counts.take(request);
    for (const canary of canaries) canary.take(request);
  });
  const base = { engine: engine.name, file: engine.file, requests, tools: counts.result() };
  if ('none' in window) {
    const nothing: DecisionWindow = { source: 'none', since: new Date(sinceOf(options)).toISOString(), unreadable: 0, truncated: false, problems: [] };
    return { ...base, none: window.none, canaries: canaries.map((c) => c.result(nothing)) };
  }
  return { ...base, window, canaries: canaries.map((c) => c.result(window)) };
}
