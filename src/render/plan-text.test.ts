import { describe, expect, it } from 'vitest';
import { planAll } from '../plan/plan-all.js';
import { planEngine } from '../plan/plan-engine.js';
import { ENGINE_ARN, applied, desired, engine, forbid, gateway, live, liveGateway, options, permit, unmanaged } from '../../test/builders/plan.js';
import { renderPlanText } from './plan-text.js';

function mixedPlan() {
  const changed = desired('Changed', permit('c', ' when { context.input.amount < 500 }'), { version: '1.1.0' });
  return planAll([
    planEngine(
      engine({ policies: [desired('NewOne', forbid('n')), desired('NewTwo', permit('m')), changed, desired('Renamed', permit('r'))], gateways: [gateway(1)] }),
      live({
        policies: [applied(desired('Changed', permit('c'))), applied(desired('Dropped', permit('d'))), applied(desired('WasNamed', permit('r'))), unmanaged('Manual', permit('x'))],
        gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'LOG_ONLY' })],
      }),
      options,
    ),
  ]);
}

describe('renderPlanText', () => {
  it('ends with the summary line, mentioning replaces only when there are some', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    expect(text.trimEnd().split('\n').at(-1)).toBe('Plan: 2 to create, 2 to update, 1 to delete, 1 to replace.');
    const simple = planAll([planEngine(engine({ policies: [desired('A', permit('a'))] }), live(), options)]);
    expect(renderPlanText(simple, { color: false }).trimEnd().split('\n').at(-1)).toBe('Plan: 1 to create, 0 to update, 0 to delete.');
  });

  it('says so when nothing changes, still listing unmanaged policies', () => {
    const plan = planAll([planEngine(engine(), live({ policies: [unmanaged('Manual', permit('x'))] }), options)]);
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain('[ ] policy Manual (permit) unmanaged');
    expect(text.trimEnd().split('\n').at(-1)).toBe('No changes. Live engines match the repository.');
  });

  it('prefixes each change so it reads without colour, and shows the statement diff', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    expect(text).toContain('[-] policy Dropped (business_rules, permit) will be deleted');
    expect(text).toContain('[-/+] policy Renamed (business_rules, permit) will be replaced');
    expect(text).toContain('renamed from WasNamed');
    expect(text).toContain('[~] policy Changed (business_rules, permit) will be updated: statement, version [widens access]');
    expect(text).toContain('version: 1.0.0 -> 1.1.0');
    expect(text).toContain('--- Changed (live)');
    expect(text).toContain('+++ Changed (repository)');
    expect(text).toMatch(/\n {8}-permit \( principal , action == AgentCore :: Action :: "T___c" , resource \) ;\n/);
    expect(text).toContain('[+] policy NewOne (business_rules, forbid) will be created');
    expect(text).toContain('[~] gateway gw1 will be updated: mode LOG_ONLY -> ENFORCE [enforcement drift (log-only)]');
  });

  it('puts warnings and errors at the top', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^engines\/main\.yaml: warning plan\/enforcement-drift: Enforcement drift: gateway gw1/);
    const errored = planAll([planEngine(engine({ policies: [desired('A', permit('b'))] }), live({ policies: [applied(desired('A', permit('a')))] }), options)]);
    const errorText = renderPlanText(errored, { color: false });
    expect(errorText.split('\n')[0]).toMatch(/^policies\/business_rules\/policies\.yaml:2:5: error plan\/version-not-bumped: A:/);
    expect(errorText).toContain('1 error: this plan cannot be applied.');
  });

  it('has no escape codes without colour, even when the service sends some', () => {
    const hostile = unmanaged('Manual', permit('x'), { description: 'evil \u001b[2J\u001b]0;title\u0007 \u202e' });
    const plan = planAll([planEngine(engine({}, { prune: true }), live({ policies: [hostile] }), options)]);
    const text = renderPlanText(plan, { color: false });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    const coloured = renderPlanText(mixedPlan(), { color: true });
    expect(coloured).toContain('\u001b[32m[+]\u001b[0m');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderPlanText(mixedPlan(), { color: false }));
  });

  it('escapes hostile descriptions in details', () => {
    const old = desired('A', permit('a'), { description: 'old' });
    const now = desired('A', permit('a'), { description: 'new\u001b[31m\nsecond line' });
    const plan = planAll([planEngine(engine({ policies: [now] }), live({ policies: [applied(old)] }), options)]);
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain('description: "old" -> "new\\u{1b}[31m ⏎ second line"');
  });
});
