import { describe, expect, it } from 'vitest';
import type { DesiredEngine, LiveState } from '../model.js';
import { planEngine } from '../plan/plan-engine.js';
import type { EnginePlan, PolicyChange } from '../plan/types.js';
import { applied, desired, engine, ENGINE_ARN, forbid, live, liveEngine, liveGateway, gateway, options, permit } from '../../test/builders/plan.js';
import { planDifferences, savedPlanRefusal } from './verify-saved.js';

const wanted = (limit = 500): DesiredEngine =>
  engine({ policies: [desired('A', permit('a', ` when { context.input.amount < ${limit} }`), { version: limit === 500 ? '1.0.0' : '1.1.0' }), desired('F', forbid('f'))], gateways: [gateway(1)] });
const liveNow = (): LiveState => live({ policies: [applied(desired('A', permit('a', ' when { context.input.amount < 500 }'))), applied(desired('F', forbid('f')))], gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'ENFORCE' })] });

/** What `plan --out` saved, read back. */
const saved = (d: DesiredEngine = wanted(400), l: LiveState = liveNow()): EnginePlan => JSON.parse(JSON.stringify(planEngine(d, l, options))) as EnginePlan;
const again = (d: DesiredEngine = wanted(400), l: LiveState = liveNow()) => planEngine(d, l, options);
const codes = (diagnostics: { code: string }[]) => diagnostics.map((d) => d.code);

describe('savedPlanRefusal', () => {
  it('lets a plan run that is exactly what planning gives now', () => {
    expect(savedPlanRefusal(saved(), liveNow(), again())).toEqual([]);
    // A plan that creates the engine, applied before anyone else created it.
    const fresh = live({ withEngine: false, gateways: [liveGateway(1)] });
    expect(savedPlanRefusal(saved(wanted(400), fresh), fresh, again(wanted(400), fresh))).toEqual([]);
  });

  it('refuses another engine of the same name, before anything else', () => {
    const elsewhere: LiveState = { ...liveNow(), engine: liveEngine({ policyEngineId: 'Main-zzzzzzzzzz' }) };
    const refused = savedPlanRefusal(saved(), elsewhere, again(wanted(400), elsewhere));
    expect(refused).toEqual([
      {
        severity: 'error',
        code: 'apply/plan-other-engine',
        file: 'engines/main.yaml',
        engine: 'Main',
        message: expect.stringContaining('made for the engine with id Main-abcdefghij, but the engine of this name here is Main-zzzzzzzzzz'),
      },
    ]);
  });

  it('refuses a stale plan as before, saying what moved', () => {
    const moved = liveNow();
    moved.policies[1]!.enforcementMode = 'LOG_ONLY';
    expect(savedPlanRefusal(saved(), moved, again(wanted(400), moved))).toEqual([
      expect.objectContaining({ code: 'apply/stale-plan', message: expect.stringContaining('policy F (F-0123456789) was updated') }),
    ]);
    // The engine was created since a plan that would create it.
    const before = live({ withEngine: false, gateways: [liveGateway(1)] });
    expect(codes(savedPlanRefusal(saved(wanted(400), before), liveNow(), again()))).toEqual(['apply/stale-plan']);
  });

  it('refuses a plan of another desired state, naming what differs', () => {
    const refused = savedPlanRefusal(saved(wanted(300)), liveNow(), again(wanted(400)));
    expect(refused).toEqual([expect.objectContaining({ code: 'apply/repository-changed', engine: 'Main', message: expect.stringContaining('the repository no longer gives this plan') })]);
    expect(refused[0]!.message).toContain('policy A: what the plan file sends differs in description, sourceHash, statement, statementHash');
    // Only the engine file's settings moved: the steps are the same, the desired state is not.
    const moved = wanted(400);
    moved.engine.region = 'eu-west-1';
    expect(savedPlanRefusal(saved(), liveNow(), again(moved))[0]!.message).toContain('(the engine file: region, endpoint, groups or prune)');
  });

  it('refuses other steps from the same desired and live state: an edited file', () => {
    const file = saved();
    const forbidF = file.changes.find((c): c is PolicyChange => c.kind === 'policy' && c.name === 'F')!;
    Object.assign(forbidF, { action: 'delete', after: undefined });
    const refused = savedPlanRefusal(file, liveNow(), again());
    expect(refused).toEqual([expect.objectContaining({ code: 'apply/repository-changed', message: expect.stringContaining('gives other steps than the plan file (policy F: the plan file would delete it, the plan made now would leave it)') })]);
  });

  it('refuses when planning again gives errors', () => {
    const l = liveNow();
    const d = wanted(400);
    const file = saved(d, l);
    const broken = { ...again(d, l), errors: [{ severity: 'error' as const, code: 'plan/engine-status' as const, message: 'engine is DELETING' }] };
    expect(codes(savedPlanRefusal(file, l, broken))).toEqual(['plan/engine-status', 'apply/plan-has-errors']);
  });
});

describe('planDifferences', () => {
  it('says, change by change, what only one side has and how the others differ', () => {
    const file = saved(engine({ policies: [desired('Gone', permit('g')), desired('A', permit('a'))] }), live());
    const now = again(engine({ policies: [desired('New', permit('n')), desired('A', permit('a'), { enforcementMode: 'LOG_ONLY' })] }), live());
    expect(planDifferences(file, now)).toBe(
      'policy A: what the plan file sends differs in enforcementMode; policy Gone: only the plan file has it (create); policy New: only the plan made now has it (create)',
    );
  });

  it('names five differences and counts the rest', () => {
    const many = (suffix: string) => engine({ policies: Array.from({ length: 8 }, (_, i) => desired(`P${i}${suffix}`, permit(`t${i}`))) });
    const text = planDifferences(saved(many('a'), live()), again(many('b'), live()));
    expect(text.split('; ')).toHaveLength(6);
    expect(text).toMatch(/; and 11 more$/);
  });
});
