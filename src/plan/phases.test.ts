import { describe, expect, it } from 'vitest';
import { phasesOf, type Phase } from './phases.js';
import { planEngine } from './plan-engine.js';
import { shadowName } from './shadows.js';
import type { LivePolicy } from '../model.js';
import { ENGINE_ARN, applied, desired, engine, forbid, gateway, gatewayArn, live, liveEngine, liveGateway, options, permit, unmanaged } from '../../test/builders/plan.js';

const OTHER = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:policy-engine/Other-abcdefghij';

/** `phase: step name` lines, the easiest way to read an order. */
const outline = (phases: Phase[]) =>
  phases.flatMap((p) => p.steps.map((s) => `${p.name}: ${s.type} ${s.name}${s.type === 'set-gateway' ? ` ${s.mode}` : ''}`));

describe('phasesOf', () => {
  it('first deploy: engine, gateway in LOG_ONLY, forbids, permits, then ENFORCE', () => {
    const plan = planEngine(
      engine({ policies: [desired('Allow', permit('a')), desired('Deny', forbid('b'))], gateways: [gateway(1, 'ENFORCE')] }),
      live({ withEngine: false, gateways: [liveGateway(1)] }),
      options,
    );
    expect(outline(phasesOf(plan))).toEqual([
      'engine: create-engine Main',
      'attach-gateways: set-gateway gw1 LOG_ONLY',
      'forbids-created-or-changed: create-policy Deny',
      'permits-created: create-policy Allow',
      'gateway-modes: set-gateway gw1 ENFORCE',
    ]);
    const attach = phasesOf(plan)[1]!.steps[0]!;
    // The engine does not exist yet: apply points the gateway at the one it creates.
    expect(attach).toMatchObject({ type: 'set-gateway', gatewayId: 'gw1-abcdefghij' });
    expect(attach).not.toHaveProperty('engineArn');
  });

  it('a first deploy in LOG_ONLY needs no final switch', () => {
    const plan = planEngine(engine({ policies: [desired('Allow', permit('a'))], gateways: [gateway(1, 'LOG_ONLY')] }), live({ withEngine: false, gateways: [liveGateway(1)] }), options);
    expect(outline(phasesOf(plan))).toEqual([
      'engine: create-engine Main',
      'attach-gateways: set-gateway gw1 LOG_ONLY',
      'permits-created: create-policy Allow',
    ]);
  });

  it('keeps enforcement on when taking a gateway over from another enforcing engine', () => {
    const plan = planEngine(engine({ gateways: [gateway(1, 'LOG_ONLY')] }), live({ gateways: [liveGateway(1, { arn: OTHER, mode: 'ENFORCE' })] }), options);
    expect(outline(phasesOf(plan))).toEqual(['attach-gateways: set-gateway gw1 ENFORCE', 'gateway-modes: set-gateway gw1 LOG_ONLY']);
    expect(phasesOf(plan)[0]!.steps[0]).toMatchObject({ engineArn: ENGINE_ARN });
  });

  it('switches mode of an attached gateway only after the policies', () => {
    const plan = planEngine(
      engine({ policies: [desired('Allow', permit('a'))], gateways: [gateway(1, 'ENFORCE')] }),
      live({ gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'LOG_ONLY' })] }),
      options,
    );
    expect(outline(phasesOf(plan))).toEqual(['permits-created: create-policy Allow', 'gateway-modes: set-gateway gw1 ENFORCE']);
  });

  it('orders policy steps so access never widens in between', () => {
    const was = {
      newForbidLater: desired('ChangedForbid', forbid('f')),
      droppedForbid: desired('DroppedForbid', forbid('d')),
      droppedPermit: desired('DroppedPermit', permit('p')),
      changedPermit: desired('ChangedPermit', permit('c')),
    };
    const plan = planEngine(
      engine({
        policies: [
          desired('NewForbid', forbid('n')),
          desired('NewPermit', permit('n')),
          desired('ChangedForbid', forbid('f', ' when { context.input.x == 1 }'), { version: '1.1.0' }),
          desired('ChangedPermit', permit('c', ' when { context.input.x == 1 }'), { version: '1.1.0' }),
        ],
      }),
      live({ policies: Object.values(was).map((p) => applied(p)) }),
      options,
    );
    const copy = shadowName('ChangedForbid', was.newForbidLater.statement);
    expect(outline(phasesOf(plan))).toEqual([
      `forbids-shadowed: create-policy ${copy}`,
      'forbids-created-or-changed: update-policy ChangedForbid',
      'forbids-created-or-changed: create-policy NewForbid',
      'permits-removed: delete-policy DroppedPermit',
      'permits-changed: update-policy ChangedPermit',
      'permits-created: create-policy NewPermit',
      'forbids-removed: delete-policy DroppedForbid',
      `forbids-removed: delete-policy ${copy}`,
    ]);
    // The copy is deleted by the id its creation returns: the plan cannot know it.
    expect(phasesOf(plan).at(-1)!.steps.at(-1)).toEqual({ type: 'delete-policy', name: copy });
    expect(phasesOf(plan).every((p) => p.why.length > 0)).toBe(true);
  });

  it('treats effect and enforcement-mode changes by what they do to decisions', () => {
    const plan = planEngine(
      engine({
        policies: [
          desired('PermitToForbid', forbid('a'), { version: '2.0.0' }),
          desired('ForbidToPermit', permit('b'), { version: '2.0.0' }),
          desired('ForbidToLogOnly', forbid('c'), { enforcementMode: 'LOG_ONLY' }),
          desired('PermitToLogOnly', permit('d'), { enforcementMode: 'LOG_ONLY' }),
          desired('LogOnlyPermitToActive', permit('e')),
        ],
      }),
      live({
        policies: [
          applied(desired('PermitToForbid', permit('a'))),
          applied(desired('ForbidToPermit', forbid('b'))),
          applied(desired('ForbidToLogOnly', forbid('c'))),
          applied(desired('PermitToLogOnly', permit('d'))),
          applied(desired('LogOnlyPermitToActive', permit('e'), { enforcementMode: 'LOG_ONLY' })),
        ],
      }),
      options,
    );
    expect(outline(phasesOf(plan))).toEqual([
      'forbids-created-or-changed: update-policy PermitToForbid',
      'permits-removed: update-policy PermitToLogOnly',
      'permits-created: update-policy LogOnlyPermitToActive',
      'forbids-removed: update-policy ForbidToLogOnly',
      'forbids-removed: update-policy ForbidToPermit',
    ]);
  });

  it('splits a rename into its delete and create, in their own phases', () => {
    const forbidRename = planEngine(engine({ policies: [desired('NewF', forbid('a'))] }), live({ policies: [applied(desired('OldF', forbid('a')))] }), options);
    expect(outline(phasesOf(forbidRename))).toEqual(['forbids-created-or-changed: create-policy NewF', 'forbids-removed: delete-policy OldF']);
    const permitRename = planEngine(engine({ policies: [desired('NewP', permit('a'))] }), live({ policies: [applied(desired('OldP', permit('a')))] }), options);
    expect(outline(phasesOf(permitRename))).toEqual(['permits-removed: delete-policy OldP', 'permits-created: create-policy NewP']);
  });

  it('recreates a failed policy by deleting then creating it in one phase', () => {
    const a = desired('A', forbid('a'));
    const plan = planEngine(engine({ policies: [a] }), live({ policies: [applied(a, { status: 'CREATE_FAILED' })] }), options);
    expect(outline(phasesOf(plan))).toEqual(['forbids-created-or-changed: delete-policy A', 'forbids-created-or-changed: create-policy A']);
  });

  it('updates the engine description first and has nothing to do for a no-op plan', () => {
    const plan = planEngine(engine({}, { description: 'new' }), live({ engine: liveEngine({ description: 'old' }) }), options);
    expect(phasesOf(plan)).toEqual([
      expect.objectContaining({ name: 'engine', steps: [{ type: 'update-engine', name: 'Main', policyEngineId: 'Main-abcdefghij', description: 'new' }] }),
    ]);
    expect(phasesOf(planEngine(engine(), live(), options))).toEqual([]);
  });

  it('sends the statement only when it changes or a failed update is retried', () => {
    const a = desired('A', permit('a'));
    const stepOf = (policy: LivePolicy, now = a) => phasesOf(planEngine(engine({ policies: [now] }), live({ policies: [policy] }), options))[0]!.steps[0]!;
    expect(stepOf(applied(desired('A', permit('a', ' when { context.input.x }'))), desired('A', permit('a'), { version: '1.1.0' }))).not.toHaveProperty('keepStatement');
    expect(stepOf(applied(a, { status: 'UPDATE_FAILED' }))).not.toHaveProperty('keepStatement');
    expect(stepOf(applied(a, { description: 'reworded' }))).toMatchObject({ type: 'update-policy', keepStatement: true });
    expect(stepOf(unmanaged('A', permit('a')))).toMatchObject({ type: 'update-policy', keepStatement: true });
  });

  it('carries everything apply sends', () => {
    const a = desired('A', permit('a'));
    const [phase] = phasesOf(planEngine(engine({ policies: [a] }), live(), options));
    const step = phase!.steps[0]!;
    if (step.type !== 'create-policy') throw new Error(step.type);
    expect(step.policy).toMatchObject({ statement: a.statement, enforcementMode: 'ACTIVE', validationMode: 'FAIL_ON_ANY_FINDINGS' });
    expect(step.policy.description).toContain('sha256=');
    expect(step.clientToken).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('phasesOf: a gateway no longer declared', () => {
  it('is detached in the very last phase', () => {
    const plan = planEngine(
      engine({ policies: [desired('Allow', permit('a'))], gateways: [gateway(1, 'LOG_ONLY')] }, { prune: true }),
      live({ gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'ENFORCE' })], undeclaredGateways: [liveGateway(9, { arn: ENGINE_ARN, mode: 'ENFORCE' })] }),
      options,
    );
    const phases = phasesOf(plan);
    expect(phases.map((p) => p.name).slice(-2)).toEqual(['gateway-modes', 'detach-gateways']);
    expect(phases.at(-1)!.steps).toEqual([{ type: 'detach-gateway', name: 'gw9', arn: gatewayArn(9), gatewayId: 'gw9-abcdefghij' }]);
  });
});
