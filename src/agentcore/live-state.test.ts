import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentCoreError } from './errors.js';
import { attachGateway } from './gateways.js';
import { APPLY_LOCK_POLICY, readLiveState } from './live-state.js';
import { createEngine, createPolicy, waitForPolicyActive } from './policies.js';
import { engineSpec, GATEWAY_ARN, REFUND_GATEWAY, REFUND_STATEMENT, startFixture, WAIT, type Fixture } from '../../test/helpers/agentcore-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(() => fx.close());

describe('readLiveState', () => {
  it('reports no engine and the named gateways, tools included, before anything is deployed', async () => {
    const live = await readLiveState(fx.client, engineSpec('NotYet'));
    expect(live.engine).toBeUndefined();
    expect(live.policies).toEqual([]);
    expect(live.gateways).toEqual([
      { arn: GATEWAY_ARN, gatewayId: 'refund-gateway-a1b2c3d4e5', name: 'refund-gateway', authorizerType: 'CUSTOM_JWT', targets: REFUND_GATEWAY.targets },
    ]);
  });

  it('reads the engine by name, every policy with one paginated ListPolicies, and the attachment', async () => {
    const engine = await createEngine(fx.client, { name: 'Live' }, WAIT);
    await attachGateway(fx.client, GATEWAY_ARN, engine.arn, 'LOG_ONLY');
    await Promise.all([createEngine(fx.client, { name: 'OtherA' }, WAIT), createEngine(fx.client, { name: 'OtherB' }, WAIT)]);
    const created = await Promise.all(
      Array.from({ length: 201 }, (_, i) =>
        createPolicy(fx.client, { policyEngineId: engine.policyEngineId, name: `P${i}`, statement: REFUND_STATEMENT.replace('500', String(i + 1)) }),
      ),
    );
    await waitForPolicyActive(fx.client, { policyEngineId: engine.policyEngineId, policyId: created[200]!.policyId! }, WAIT);

    fx.emulator.resetStats();
    const live = await readLiveState(fx.client, engineSpec('Live'));
    expect(live.engine).toMatchObject({ name: 'Live', policyEngineId: engine.policyEngineId, arn: engine.arn, status: 'ACTIVE' });
    expect(live.policies).toHaveLength(201);
    expect(live.policies.find((p) => p.name === 'P0')).toMatchObject({ statement: REFUND_STATEMENT.replace('500', '1'), statusReasons: [], enforcementMode: 'ACTIVE' });
    expect(live.policies.every((p) => typeof p.updatedAt === 'string')).toBe(true);
    expect(live.gateways[0]?.policyEngine).toEqual({ arn: engine.arn, mode: 'LOG_ONLY' });
    expect(fx.emulator.stats().byOperation).toMatchObject({ ListPolicies: 3, GetGateway: 1, ListGatewayTargets: 1, GetGatewayTarget: 1 });
  });

  it('reports a gateway that does not exist as GatewayNotFound, naming the engine file and region mismatch', async () => {
    const missing = { ...REFUND_GATEWAY, arn: 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:gateway/gone-a1b2c3d4e5' };
    const error = await readLiveState(fx.client, engineSpec('Missing', [missing])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentCoreError);
    expect((error as AgentCoreError).code).toBe('GatewayNotFound');
    expect((error as AgentCoreError).message).toContain('engines/Missing.yaml');
    expect((error as AgentCoreError).message).toContain('eu-west-1');
    expect((error as AgentCoreError).details.arn).toBe(missing.arn);
  });

  it('reports an access failure with its code rather than crashing', async () => {
    fx.emulator.setFaults({ throttleRate: 1 });
    const error = await readLiveState(fx.client, engineSpec('Throttled')).catch((e: unknown) => e);
    fx.emulator.setFaults({});
    expect((error as AgentCoreError).code).toBe('Throttled');
  });

  it('keeps the apply lock apart from the policies: a plan can warn of it but never takes it for a policy', async () => {
    const engine = await createEngine(fx.client, { name: 'HeldLive' }, WAIT);
    const policy = await createPolicy(fx.client, { policyEngineId: engine.policyEngineId, name: 'Real', statement: REFUND_STATEMENT });
    const before = await readLiveState(fx.client, engineSpec('HeldLive'));
    expect(before.applyLock).toBeUndefined();
    const lock = await createPolicy(fx.client, { policyEngineId: engine.policyEngineId, name: APPLY_LOCK_POLICY, statement: REFUND_STATEMENT, enforcementMode: 'LOG_ONLY' });
    const live = await readLiveState(fx.client, engineSpec('HeldLive'));
    expect(live.policies.map((p) => p.policyId)).toEqual([policy.policyId]);
    expect(live.applyLock).toMatchObject({ policyId: lock.policyId, name: APPLY_LOCK_POLICY });
  });
});
