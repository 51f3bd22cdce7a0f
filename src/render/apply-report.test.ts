import { describe, expect, it } from 'vitest';
import { closingLine, renderApplyJson, renderApplyMarkdown, renderApplyText } from './apply-report.js';
import { planSummary } from './change-words.js';
import type { LivePolicy } from '../model.js';
import { finishedReport, refusedReport, stepIdentity, type EngineReport } from '../plan/apply-report.js';
import { phasesOf } from '../plan/phases.js';
import { planAll } from '../plan/plan-all.js';
import { planEngine } from '../plan/plan-engine.js';
import type { EnginePlan, PolicyChange } from '../plan/types.js';
import { applied, desired, engine, forbid, live, options, permit } from '../../test/builders/plan.js';

const policyChanges = (plan: EnginePlan) => plan.changes.filter((c): c is PolicyChange => c.kind === 'policy');

const failedEngine: EngineReport = {
  engine: 'Main',
  file: 'engines/main.yaml',
  outcome: 'failed',
  steps: [
    { phase: 'attach-gateways', type: 'set-gateway', name: 'gw1', target: 'arn:gw1', mode: 'LOG_ONLY', status: 'done', reasons: [] },
    { phase: 'permits-created', type: 'create-policy', name: 'A', target: 'A-0123456789', status: 'done', reasons: [] },
    { phase: 'permits-created', type: 'create-policy', name: 'B', target: 'B-0123456789', status: 'failed', reasons: ['unrecognized action "T___b"'], error: { code: 'CREATE_FAILED', message: 'ended CREATE_FAILED' } },
    { phase: 'gateway-modes', type: 'set-gateway', name: 'gw1', target: 'arn:gw1', mode: 'ENFORCE', status: 'not-attempted', reasons: [] },
  ],
};

describe('apply report renderers', () => {
  it('text lists every step under its phase with its status, the service reasons, and what to do next', () => {
    const text = renderApplyText(finishedReport([failedEngine]));
    expect(text).toContain('Engine Main (engines/main.yaml): failed');
    expect(text).toMatch(/ {2}permits-created\n {4}done +create policy A \(A-0123456789\)\n {4}FAILED +create policy B \(B-0123456789\)\n +unrecognized action "T___b"/);
    expect(text).toMatch(/not attempted +set gateway gw1 to ENFORCE/);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^Apply failed: 2 done, 1 failed, 1 not attempted\. .*run apply again/);
  });

  it('counts resources, not steps, when all went well', () => {
    const steps = failedEngine.steps.map((s) => ({ ...s, status: 'done' as const }));
    const text = renderApplyText(finishedReport([{ ...failedEngine, outcome: 'applied', steps }]));
    expect(text).toContain('Apply complete! Resources: 2 added, 1 changed, 0 destroyed.');
  });

  it('says why nothing was done when refused', () => {
    const report = refusedReport([{ severity: 'error', code: 'apply/stale-plan', message: 'engine Main: policy A (A-1) was updated', file: 'engines/main.yaml' }]);
    const text = renderApplyText(report);
    expect(text).toBe('engines/main.yaml: error apply/stale-plan: engine Main: policy A (A-1) was updated\n\nApply refused: nothing was changed.\n');
  });

  it('markdown escapes names from the service, folds each engine (open where something failed) and says why a step failed', () => {
    const hostile = { ...failedEngine, engine: '<img src=x>@team' };
    const markdown = renderApplyMarkdown(finishedReport([hostile]));
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('@team');
    expect(markdown).toContain('| permits-created | create policy B (B-0123456789) | ❌ failed |');
    expect(markdown.startsWith('**Apply failed&#58; 2 done, 1 failed, 1 not attempted.')).toBe(true);
    expect(markdown).toContain('<details open><summary><b>&#60;img src=x&#62;@\u200dteam</b> (<code>engines/main.yaml</code>): failed, 4 steps</summary>');
    expect(markdown).toContain('**Why create policy B (B-0123456789) failed**');
    expect(markdown).toContain('unrecognized action "T___b"');
  });

  it('JSON is the report itself, versioned', () => {
    const report = finishedReport([failedEngine]);
    expect(JSON.parse(renderApplyJson(report))).toEqual(report);
    expect(report).toMatchObject({ formatVersion: 1, status: 'failed', counts: { done: 2, failed: 1, notAttempted: 1 } });
  });
});

describe('apply closing line against the plan it applied', () => {
  const OLD = [desired('Broad', permit('t')), desired('Cap', forbid('t', ' when { context.input.x }'))];
  const NEW = [desired('Broad', permit('t', ' when { context.input.y }'), { version: '1.1.0' }), desired('Cap', forbid('t', ' when { context.input.z }'), { version: '1.1.0' })];
  const planned = (extra: LivePolicy[] = []) => planEngine(engine({ policies: NEW }), live({ policies: [...OLD.map((p) => applied(p)), ...extra] }), options);
  const copy = policyChanges(planned()).find((c) => c.shadowOf)!;
  const leftover = (status: LivePolicy['status']): LivePolicy => ({ policyId: 'Cap-copy-0123456789', name: copy.name, description: copy.after!.description, statement: copy.after!.statement, enforcementMode: 'ACTIVE', status, statusReasons: [] });
  /** Every step of the plan done, as apply reports it. */
  const appliedAll = (plan: EnginePlan) =>
    finishedReport([{ engine: plan.engine, file: plan.file, outcome: 'applied', steps: phasesOf(plan).flatMap((p) => p.steps.map((s) => ({ ...stepIdentity(p.name, s), status: 'done' as const, reasons: [] }))) }]);

  it('counts a temporary forbid copy apart, as the plan does, whether new, left over or recreated', () => {
    const cases: [EnginePlan, string, string][] = [
      [planned(), 'Plan: 0 to create, 2 to update, 0 to delete (and 1 temporary forbid copy, created and deleted by the apply).', 'Resources: 0 added, 2 changed, 0 destroyed (and 1 temporary forbid copy, created and deleted).'],
      // A copy an interrupted apply left ACTIVE is kept until the permits are final: deleted for good.
      [planned([leftover('ACTIVE')]), 'Plan: 0 to create, 2 to update, 1 to delete.', 'Resources: 0 added, 2 changed, 1 destroyed.'],
      // One whose creation failed is deleted, and a new copy made and deleted.
      [planned([leftover('CREATE_FAILED')]), 'Plan: 0 to create, 2 to update, 1 to delete (and 1 temporary forbid copy, created and deleted by the apply).', 'Resources: 0 added, 2 changed, 1 destroyed (and 1 temporary forbid copy, created and deleted).'],
    ];
    for (const [plan, planLine, applyLine] of cases) {
      expect(planSummary(planAll([plan]))).toBe(planLine);
      expect(closingLine(appliedAll(plan))).toBe(`Apply complete! ${applyLine}`);
    }
  });
});
