import { describe, expect, it } from 'vitest';
import { finishedReport, refusedReport, type EngineReport } from '../plan/apply-report.js';
import type { ApplyRun } from '../run/apply.js';
import { mergeApplyRuns } from './apply-runs.js';
import { creatingPlan, diagnostic } from '../../test/builders/action.js';

const engine = (name: string, outcome: EngineReport['outcome']): EngineReport => ({
  engine: name,
  file: `engines/${name}.yaml`,
  outcome,
  steps: outcome === 'no-changes' ? [] : [{ phase: 'permits-created', type: 'create-policy', name: 'A', status: outcome === 'failed' ? 'failed' : 'done', reasons: [] }],
});
const applied = (name: string): ApplyRun => ({ report: finishedReport([engine(name, 'applied')]), plan: creatingPlan(1) });
const refused: ApplyRun = { report: refusedReport([diagnostic('error', 'apply/stale-plan', 'policy A was updated')]) };

describe('mergeApplyRuns', () => {
  it('keeps a single run as it is', () => {
    const run = applied('A');
    expect(mergeApplyRuns([run])).toBe(run);
  });

  it('joins the engines, steps and plans of several runs', () => {
    const merged = mergeApplyRuns([applied('A'), { report: finishedReport([engine('B', 'no-changes')]) }]);
    expect(merged.report).toMatchObject({ status: 'applied', counts: { done: 1, failed: 0, notAttempted: 0 } });
    expect(merged.report.engines.map((e) => e.engine)).toEqual(['A', 'B']);
    expect(merged.plan?.engines).toHaveLength(1);
  });

  it('is a failure, not a refusal, once something was applied, and names the engines left out', () => {
    const merged = mergeApplyRuns([applied('A'), refused], ['C']);
    expect(merged.report.status).toBe('failed');
    expect(merged.report.diagnostics.map((d) => d.code)).toEqual(['apply/stale-plan', 'apply/not-attempted']);
    expect(merged.report.diagnostics[1]!.message).toBe('engine C was not applied: an earlier engine did not apply');
    expect(mergeApplyRuns([refused], ['B']).report.status).toBe('refused');
    expect(mergeApplyRuns([{ report: finishedReport([engine('A', 'failed')]) }]).report.status).toBe('failed');
  });
});
