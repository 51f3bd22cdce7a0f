import { describe, expect, it } from 'vitest';
import { planAll } from './plan-all.js';
import { planEngine } from './plan-engine.js';
import { ENGINE_ARN, applied, desired, engine, gateway, gatewayArn, live, liveEngine, liveGateway, options, permit, unmanaged } from '../../test/builders/plan.js';
import type { EnginePlan, GatewayChange } from './types.js';

const gateways = (plan: EnginePlan) => plan.changes.filter((c): c is GatewayChange => c.kind === 'gateway');
const OTHER = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:policy-engine/Other-abcdefghij';

describe('planEngine: gateways', () => {
  it('is a no-op when attached to this engine in the declared mode', () => {
    const plan = planEngine(engine({ gateways: [gateway(1)] }), live({ gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'ENFORCE' })] }), options);
    expect(gateways(plan)).toEqual([expect.objectContaining({ action: 'no-op', widensAccess: false })]);
    expect(plan.warnings).toEqual([]);
  });

  it('attaches a gateway of a new engine quietly: the engine ARN is filled in by apply', () => {
    const plan = planEngine(engine({ gateways: [gateway(1)] }), live({ withEngine: false, gateways: [liveGateway(1)] }), options);
    expect(gateways(plan)).toEqual([
      expect.objectContaining({ action: 'update', gatewayId: 'gw1-abcdefghij', after: { mode: 'ENFORCE' }, widensAccess: false }),
    ]);
    expect(gateways(plan)[0]!.before).toBeUndefined();
    expect(plan.warnings).toEqual([]);
  });

  it('changes the mode, flagging ENFORCE -> LOG_ONLY as widening', () => {
    const plan = planEngine(engine({ gateways: [gateway(1, 'LOG_ONLY')] }), live({ gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'ENFORCE' })] }), options);
    expect(gateways(plan)[0]).toMatchObject({ action: 'update', before: { mode: 'ENFORCE' }, after: { mode: 'LOG_ONLY', engineArn: ENGINE_ARN }, widensAccess: true });
    expect(gateways(plan)[0]!.drift).toBeUndefined();
  });

  it('flags enforcement drift: detached, attached elsewhere, flipped to LOG_ONLY', () => {
    const plan = planEngine(
      engine({ gateways: [gateway(3), gateway(1), gateway(2)] }),
      live({ gateways: [liveGateway(1), liveGateway(2, { arn: OTHER, mode: 'ENFORCE' }), liveGateway(3, { arn: ENGINE_ARN, mode: 'LOG_ONLY' })] }),
      options,
    );
    expect(gateways(plan).map((g) => [g.arn, g.action, g.drift, g.widensAccess])).toEqual([
      [gatewayArn(1), 'update', 'detached', false],
      [gatewayArn(2), 'update', 'other-engine', true],
      [gatewayArn(3), 'update', 'log-only', false],
    ]);
    expect(plan.warnings.map((w) => w.code)).toEqual(['plan/enforcement-drift', 'plan/enforcement-drift', 'plan/enforcement-drift']);
    expect(plan.warnings[1]!.message).toContain(OTHER);
    expect(plan.warnings[2]!.message).toContain('LOG_ONLY');
  });

  describe('after a first deploy that stopped before setting the modes', () => {
    const declared = [desired('A', permit('a')), desired('B', permit('b')), desired('C', permit('c'))];
    const logOnly = { arn: ENGINE_ARN, mode: 'LOG_ONLY' as const };
    const planned = (held: number, gateways = [liveGateway(1, logOnly), liveGateway(2, logOnly)]) =>
      planEngine(engine({ policies: declared, gateways: [gateway(1), gateway(2)] }), live({ policies: declared.slice(0, held).map((p) => applied(p)), gateways }), options);

    it('is not drift: one warning says what it is and that apply finishes it, each gateway a note', () => {
      for (const held of [0, 2]) {
        const plan = planned(held);
        expect(gateways(plan).map((g) => [g.action, g.drift, g.after?.mode])).toEqual([
          ['update', undefined, 'ENFORCE'],
          ['update', undefined, 'ENFORCE'],
        ]);
        expect(gateways(plan)[0]!.notes).toEqual(['mode LOG_ONLY -> ENFORCE', 'left in LOG_ONLY by an unfinished first deploy: this apply finishes it']);
        expect(plan.warnings).toEqual([expect.objectContaining({ code: 'plan/unfinished-first-deploy', engine: 'Main', file: 'engines/main.yaml' })]);
        expect(plan.warnings[0]!.message).toContain(`the engine holds ${held} of its 3 declared policies and gw1, gw2 are not enforcing yet; this apply finishes it`);
      }
    });

    it('counts a gateway the deploy had not attached yet as part of it', () => {
      const plan = planned(0, [liveGateway(1, logOnly), liveGateway(2)]);
      expect(gateways(plan).map((g) => g.drift)).toEqual([undefined, undefined]);
      expect(gateways(plan)[1]!.notes).toEqual(['attach to Main in ENFORCE', 'left not attached by an unfinished first deploy: this apply finishes it']);
      expect(plan.warnings.map((w) => w.code)).toEqual(['plan/unfinished-first-deploy']);
    });

    it('stays drift once every declared policy is live, or while some gateway enforces this engine', () => {
      expect(planned(3).warnings.map((w) => w.code)).toEqual(['plan/enforcement-drift', 'plan/enforcement-drift']);
      const oneEnforcing = planned(1, [liveGateway(1, { arn: ENGINE_ARN, mode: 'ENFORCE' }), liveGateway(2, logOnly)]);
      expect(gateways(oneEnforcing).map((g) => g.drift)).toEqual([undefined, 'log-only']);
      expect(oneEnforcing.warnings.map((w) => w.code)).toEqual(['plan/enforcement-drift']);
    });

    it('stays drift when the engine holds what that deploy would not have left: a policy to update or delete, an unmanaged one', () => {
      const others = [
        [applied(desired('A', permit('a', ' when { context.input.old }')))],
        [applied(declared[0]!), applied(desired('Dropped', permit('d')))],
        [applied(declared[0]!), unmanaged('Manual', permit('m'))],
      ];
      for (const policies of others) {
        const plan = planEngine(engine({ policies: declared, gateways: [gateway(1)] }), live({ policies, gateways: [liveGateway(1, logOnly)] }), options);
        expect(plan.warnings.map((w) => w.code), policies.map((p) => p.name).join()).toContain('plan/enforcement-drift');
        expect(plan.warnings.map((w) => w.code)).not.toContain('plan/unfinished-first-deploy');
      }
    });

    it('counts a declared policy whose creation failed as still missing', () => {
      const failed = applied(declared[2]!, { status: 'CREATE_FAILED', statusReasons: ['refused'] });
      const plan = planEngine(engine({ policies: declared, gateways: [gateway(1)] }), live({ policies: [applied(declared[0]!), failed], gateways: [liveGateway(1, logOnly)] }), options);
      expect(plan.warnings.map((w) => w.code)).toEqual(['plan/unfinished-first-deploy']);
      expect(plan.warnings[0]!.message).toContain('the engine holds 1 of its 3 declared policies');
    });

    it('never takes a gateway attached to another engine for it', () => {
      const plan = planned(0, [liveGateway(1, logOnly), liveGateway(2, { arn: OTHER, mode: 'LOG_ONLY' })]);
      expect(gateways(plan).map((g) => g.drift)).toEqual([undefined, 'other-engine']);
      expect(plan.warnings.map((w) => w.code).sort()).toEqual(['plan/enforcement-drift', 'plan/unfinished-first-deploy']);
      expect(plan.warnings.find((w) => w.code === 'plan/unfinished-first-deploy')!.message).toContain('and gw1 is not enforcing yet');
    });
  });

  it('puts enforcement drift first among all warnings', () => {
    const a = desired('A', permit('a'));
    const edited = { policyId: 'A-0123456789', name: 'A', description: 'x\n\n[agentcore-policy nonsense]', statement: permit('a'), status: 'ACTIVE' as const, statusReasons: [] };
    const plan = planAll([planEngine(engine({ policies: [a], gateways: [gateway(1)] }, { prune: true }), live({ policies: [edited], gateways: [liveGateway(1)] }), options)]);
    // The declared policy's edited marker makes it a reclaim, said by plan/marker-lost.
    expect(plan.warnings.map((w) => w.code)).toEqual(['plan/enforcement-drift', 'plan/marker-lost']);
  });

  it('is a plan error when a named gateway does not exist', () => {
    const plan = planEngine(engine({ gateways: [gateway(9)] }), live(), options);
    expect(plan.errors).toEqual([expect.objectContaining({ code: 'plan/gateway-not-found', file: 'engines/main.yaml' })]);
    expect(plan.errors[0]!.message).toContain(gatewayArn(9));
  });
});

describe('planEngine: the engine itself', () => {
  it('updates the description, never anything else', () => {
    const plan = planEngine(engine({}, { description: 'new' }), live({ engine: liveEngine({ description: 'old' }) }), options);
    expect(plan.changes[0]).toMatchObject({ kind: 'engine', action: 'update', fields: ['description'], after: { description: 'new', policyEngineId: 'Main-abcdefghij' } });
    const same = planEngine(engine(), live({ engine: liveEngine({ description: 'kept when the file has none' }) }), options);
    expect(same.changes[0]).toMatchObject({ action: 'no-op' });
  });

  it('refuses an engine that is failed or going away', () => {
    for (const status of ['CREATE_FAILED', 'DELETING', 'DELETE_FAILED'] as const) {
      const plan = planEngine(engine(), live({ engine: liveEngine({ status }) }), options);
      expect(plan.errors.map((e) => e.code), status).toEqual(['plan/engine-status']);
    }
    expect(planEngine(engine(), live({ engine: liveEngine({ status: 'UPDATING' }) }), options).errors).toEqual([]);
  });
});

describe('planAll', () => {
  it('counts changes across engines and says whether anything changes or widens', () => {
    const first = planEngine(engine({ policies: [desired('A', permit('a'))] }), live({ withEngine: false }), options);
    const second = planEngine(engine({}, { name: 'Second', file: 'engines/second.yaml' }), live({ engine: liveEngine({ name: 'Second' }) }), options);
    const plan = planAll([first, second]);
    expect(plan).toMatchObject({ formatVersion: 1, counts: { create: 2, update: 0, delete: 0, replace: 0 }, hasChanges: true, widensAccess: true });
    expect(planAll([second])).toMatchObject({ counts: { create: 0, update: 0, delete: 0, replace: 0 }, hasChanges: false, widensAccess: false });
  });
});

describe('planEngine: gateways attached to the engine but not declared', () => {
  const stray = (mode: 'ENFORCE' | 'LOG_ONLY') => live({ gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'ENFORCE' })], undeclaredGateways: [liveGateway(9, { arn: ENGINE_ARN, mode })] });

  it('warns of one without prune, and plans nothing for it', () => {
    const plan = planEngine(engine({ gateways: [gateway(1)] }), stray('ENFORCE'), options);
    expect(gateways(plan).map((g) => g.arn)).toEqual([gatewayArn(1)]);
    expect(plan.warnings.map((w) => w.code)).toEqual(['plan/gateway-not-declared']);
  });

  it('detaches one with prune: true, widening only when it was enforcing, after every other step', () => {
    const enforcing = planEngine(engine({ gateways: [gateway(1)] }, { prune: true }), stray('ENFORCE'), options);
    expect(gateways(enforcing).at(-1)).toMatchObject({ action: 'update', detach: true, arn: gatewayArn(9), before: { engineArn: ENGINE_ARN, mode: 'ENFORCE' }, widensAccess: true });
    expect(enforcing.warnings).toEqual([]);
    expect(planAll([enforcing]).widensAccess).toBe(true);
    const logging = planEngine(engine({ gateways: [gateway(1)] }, { prune: true }), stray('LOG_ONLY'), options);
    expect(gateways(logging).at(-1)).toMatchObject({ detach: true, widensAccess: false });
  });
});
