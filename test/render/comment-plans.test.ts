// The pull-request comment as GitHub shows it, for the plans a pull request rarely makes but a reviewer must not
// misread: enforcement drift, deletions, many engines, errors, a replay, a failed apply, a plan too long for a
// comment, and names that try to escape their quotes. Plans come from the real planner over in-memory engines.
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/action/outcome.js';
import { finishedReport } from '../../src/plan/apply-report.js';
import { planAll, unreachableEngine } from '../../src/plan/plan-all.js';
import { planEngine } from '../../src/plan/plan-engine.js';
import { withReplay } from '../../src/plan/promotions.js';
import { analyzeAccess } from '../../src/run/access.js';
import { diagnostic, creatingPlan, testReport } from '../builders/action.js';
import { ENGINE_ARN, applied, desired, engine, forbid, gateway, live, liveGateway, normalize, options, permit, unmanaged } from '../builders/plan.js';
import { REFUND, REFUND_GW, permit as toolPermit, refundGateway } from '../builders/access.js';
import { elements, text } from '../helpers/github-html.js';
import { commentShape as comment } from './rendered-comment.js';

const checks = { diagnostics: [], tests: testReport([{ name: 'a case', passed: true }]) };
const plan = (p: RunResult['plan'], extra: Partial<RunResult> = {}): RunResult => ({ mode: 'plan', denyWarnings: false, checks, plan: p, ...extra });
const FOOT = ['## Checks', 'note', 'footer'];

/** An engine on the refund gateway whose live permit `before` the repository turns into `after`. */
function refundEngine(name: string, before: string, after: string) {
  const spec = engine({ policies: [desired('Refund', after)], gateways: [{ ...refundGateway, mode: 'ENFORCE' }] }, { name, file: `engines/${name.toLowerCase()}.yaml` });
  const attached = { ...liveGateway(1), arn: REFUND_GW, gatewayId: 'refund-gateway', policyEngine: { arn: ENGINE_ARN, mode: 'ENFORCE' as const } };
  return analyzeAccess(planEngine(spec, live({ policies: [applied(desired('Refund', before))], gateways: [attached] }), options), spec.engine);
}

describe('the comment as GitHub shows it', () => {
  it('enforcement drift and a policy changed outside git: a caution before the plan, the drift column in its table', () => {
    const kept = desired('Kept', permit('k'));
    const p = planAll([
      planEngine(engine({ policies: [kept], gateways: [gateway(1)] }), live({ policies: [applied(kept, { statement: normalize(permit('k', ' when { true }'))! })], gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'LOG_ONLY' })] }), options),
    ]);
    const shape = comment(plan(p));
    expect(shape.outline).toEqual(['# agentcore-policy plan', 'verdict', 'alert caution', 'alert warning', '## Plan', 'table', 'note', '## Warnings', 'note', 'details', ...FOOT]);
    expect(text(elements(shape.doc, 'div')[0]!)).toMatch(/^CautionEnforcement drift, a gateway is not enforcing as declared: gateway gw1/);
    expect(elements(elements(shape.doc, 'table')[0]!, 'th').map(text)).toEqual(['Engine', 'Changes', 'Drift']);
  });

  it('deletions: a caution naming what goes, above the widening warning', () => {
    const p = planAll([planEngine(engine({ policies: [desired('New', permit('n'))] }, { prune: true }), live({ policies: [applied(desired('Old', forbid('o')))] }), options)]);
    const shape = comment(plan(p));
    expect(shape.outline.slice(0, 5)).toEqual(['# agentcore-policy plan', 'verdict', 'alert caution', 'alert warning', '## Plan']);
    expect(text(elements(shape.doc, 'div')[0]!)).toBe('CautionDeletions: policy Old');
  });

  it('many engines: one row each in a table as wide as the columns with numbers, the access of each tool by engine', () => {
    const same = desired('Same', permit('s'));
    const engines = [
      refundEngine('Refunds_a', toolPermit(REFUND_GW, REFUND, 'context.input.amount < 500'), toolPermit(REFUND_GW, REFUND, 'context.input.amount < 900')),
      refundEngine('Refunds_b', toolPermit(REFUND_GW, REFUND, 'context.input.amount < 500'), toolPermit(REFUND_GW, REFUND, 'context.input.amount < 100')),
      planEngine(engine({ policies: [same] }, { name: 'Hand', file: 'engines/hand.yaml' }), live({ policies: [applied(same), unmanaged('Console', permit('c'))] }), options),
      planEngine(engine({ gateways: [gateway(2)] }, { name: 'Drifting', file: 'engines/drifting.yaml' }), live({ gateways: [liveGateway(2, { arn: ENGINE_ARN, mode: 'LOG_ONLY' })] }), options),
      unreachableEngine({ name: 'Away', file: 'engines/away.yaml' }, diagnostic('error', 'aws/AccessDenied', 'denied')),
      ...[1, 2].map((n) => planEngine(engine({ policies: [desired(`P${n}`, permit(`t${n}`))] }, { name: `More${n}`, file: `engines/more${n}.yaml` }), live(), options)),
    ];
    const shape = comment(plan(planAll(engines)));
    const [access, summary] = elements(shape.doc, 'table');
    expect(elements(access!, 'th').map(text)).toEqual(['Engine', 'Tool', 'Gateway', 'Access', 'Example']);
    expect(elements(access!, 'tr').slice(1).map((row) => elements(row, 'td').slice(0, 4).map(text))).toEqual([
      ['Refunds_a', REFUND, REFUND_GW, 'widens'],
      ['Refunds_b', REFUND, REFUND_GW, 'narrows'],
    ]);
    expect(elements(summary!, 'th').map(text)).toEqual(['Engine', 'Changes', 'Unchanged', 'Unmanaged', 'Drift', 'Errors']);
    expect(elements(summary!, 'tr')).toHaveLength(1 + engines.length);
    expect(shape.outline.filter((block) => block === 'details')).toHaveLength(engines.length);
  });

  it('errors: the verdict says the plan cannot be applied, the errors come before the folds, the failed checks after', () => {
    const p = planAll([unreachableEngine({ name: 'Away', file: 'engines/away.yaml' }, diagnostic('error', 'aws/AccessDenied', 'not authorized to list policies'))]);
    const failing = { diagnostics: [diagnostic('warning', 'lint/no-permit', 'no permit allows this tool')], tests: testReport([{ name: 'a refund', passed: false, message: 'expected allow, got deny' }]) };
    const shape = comment(plan(p, { checks: failing }));
    expect(shape.outline).toEqual(['# agentcore-policy plan', 'verdict', '## Plan', 'table', 'note', '## Errors', 'note', 'details', ...FOOT]);
    expect(text(elements(shape.doc, 'strong')[0]!)).toBe('no changes · 1 error: cannot be applied · tests 0/1 failed');
    expect(shape.prose).toContain('FAIL a refund [Main] policies/business_rules/refunds.test.yaml:1: expected allow, got deny');
  });

  it('a replay: its section beside the access, a table of the tools whose requests flip, the examples folded', () => {
    const planned = refundEngine('Refunds', toolPermit(REFUND_GW, REFUND, 'context.input.amount < 500'), toolPermit(REFUND_GW, REFUND, 'context.input.amount < 100'));
    const request = { principal: { type: 'OAuthUser' as const, id: 'user-1', tags: { username: 'refund-agent' } }, input: { amount: 450 } };
    const example = { gateway: REFUND_GW, action: REFUND, direction: 'toDeny' as const, at: '2026-01-02T10:30:00.000Z', requestId: 'r-1', request };
    const window = { source: "the local engine's decision records", since: '2026-01-01T00:00:00.000Z', unreadable: 0, truncated: false, problems: [] };
    const tools = [{ gateway: REFUND_GW, action: REFUND, requests: 40, undecidable: 0, flips: { toDeny: 12, toAllow: 0 } }];
    const replayed = withReplay(planned, { ...window, requests: 40, undecidable: 0, flips: { toDeny: 12, toAllow: 0 }, tools, examples: [example] }, new Map());
    const shape = comment(plan(planAll([replayed])));
    expect(shape.outline.slice(0, 8)).toEqual(['# agentcore-policy plan', 'verdict', '## Access', 'table', '## Replay', 'note', 'table', 'details']);
    expect(elements(elements(shape.doc, 'table')[1]!, 'td').map(text)).toEqual([REFUND, REFUND_GW, '40', '12', '0', '0']);
  });

  it('a failed apply: its outcome first, the failed engine unfolded with why its step failed', () => {
    const steps = [
      { phase: 'permits-created' as const, type: 'create-policy' as const, name: 'A', target: 'A-0123456789', status: 'done' as const, reasons: [] },
      { phase: 'permits-created' as const, type: 'create-policy' as const, name: 'B', status: 'failed' as const, reasons: ['unrecognized action "T___b"'], error: { code: 'CREATE_FAILED', message: 'ended CREATE_FAILED' } },
    ];
    const apply = finishedReport([{ engine: 'Main', file: 'engines/main.yaml', outcome: 'failed', steps }]);
    const shape = comment({ mode: 'apply', denyWarnings: false, apply }, { elapsedMs: 12_400 });
    expect(shape.outline).toEqual(['# agentcore-policy apply', 'verdict', 'details', 'footer']);
    expect(elements(shape.doc, 'details')[0]!.attribs.open).toBe('');
    expect(elements(shape.doc, 'strong').map(text)).toContain('Why create policy B failed');
  });

  it('a plan too long for a comment: the changes that fit, a note on what was cut, the checks and footer kept', () => {
    const big = comment(plan(creatingPlan(400)), { maxLength: 20_000 });
    expect(big.outline.slice(-5)).toEqual(['details', 'alert note', ...FOOT]);
    expect(text(elements(big.doc, 'div').at(-1)!)).toMatch(/^NoteTo fit a comment, .* were left out\. Read the full plan\.$/);
    // Not even the head fits: the summary line and a link to the job summary.
    const cut = comment(plan(planAll(Array.from({ length: 400 }, (_, i) => unreachableEngine({ name: `E${i}`, file: `engines/e${i}.yaml` }, diagnostic('error', 'aws/AccessDenied', 'denied'))))), { maxLength: 2_000 });
    expect(cut.outline).toEqual(['# agentcore-policy plan', 'verdict', 'note', 'footer']);
  });
});
