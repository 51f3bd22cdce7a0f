import { GetPolicyEngineCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentCoreError } from './errors.js';
import { attachGateway } from './gateways.js';
import {
  createEngine,
  createPolicy,
  deletePolicy,
  updateEngineDescription,
  updatePolicy,
  waitForPolicyActive,
  waitForPolicyDeleted,
} from './policies.js';
import { GATEWAY_ARN, REFUND_STATEMENT, startFixture, WAIT, type Fixture } from '../../test/helpers/agentcore-fixture.js';

let fx: Fixture;
let engineId: string;
beforeAll(async () => {
  fx = await startFixture();
  const engine = await createEngine(fx.client, { name: 'Mutations', description: 'first' }, WAIT);
  engineId = engine.policyEngineId;
  await attachGateway(fx.client, GATEWAY_ARN, engine.arn, 'ENFORCE');
});
afterAll(() => fx.close());

describe('engine mutations', () => {
  it('creates an engine and returns it ACTIVE', async () => {
    const engine = await createEngine(fx.client, { name: 'Fresh', clientToken: 'a'.repeat(40) }, WAIT);
    expect(engine).toMatchObject({ name: 'Fresh', status: 'ACTIVE' });
    expect(engine.arn).toMatch(/:policy-engine\/Fresh-[a-z0-9]{10}$/);
    const again = await createEngine(fx.client, { name: 'Fresh', clientToken: 'a'.repeat(40) }, WAIT);
    expect(again.policyEngineId).toBe(engine.policyEngineId);
  });
  it('replaces and clears the description', async () => {
    expect((await updateEngineDescription(fx.client, engineId, 'second', WAIT)).description).toBe('second');
    expect((await updateEngineDescription(fx.client, engineId, undefined, WAIT)).description).toBeUndefined();
    expect((await fx.client.send(new GetPolicyEngineCommand({ policyEngineId: engineId }))).status).toBe('ACTIVE');
  });
  it('reports a duplicate engine as a Conflict', async () => {
    const error = await createEngine(fx.client, { name: 'Mutations' }, WAIT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentCoreError);
    expect((error as AgentCoreError).code).toBe('Conflict');
  });
});

describe('policy mutations', () => {
  it('creates a policy, returns the service answer, and waits until ACTIVE', async () => {
    const created = await createPolicy(fx.client, { policyEngineId: engineId, name: 'Refunds', statement: REFUND_STATEMENT, description: 'd', enforcementMode: 'LOG_ONLY' });
    expect(created.status).toBe('CREATING');
    const outcome = await waitForPolicyActive(fx.client, { policyEngineId: engineId, policyId: created.policyId! }, WAIT);
    expect(outcome).toMatchObject({ ok: true, policy: { name: 'Refunds', status: 'ACTIVE', statement: REFUND_STATEMENT, enforcementMode: 'LOG_ONLY', description: 'd' } });
  });
  it('reports CREATE_FAILED as an outcome with the service reasons', async () => {
    const created = await createPolicy(fx.client, { policyEngineId: engineId, name: 'Unknown', statement: REFUND_STATEMENT.replace('process_refund', 'nope') });
    const outcome = await waitForPolicyActive(fx.client, { policyEngineId: engineId, policyId: created.policyId! }, WAIT);
    expect(outcome.ok).toBe(false);
    expect(outcome.policy.status).toBe('CREATE_FAILED');
    expect(outcome.policy.statusReasons.join(' ')).toMatch(/unrecognized action/);
  });
  it('refuses a statement that does not parse with a ValidationFailed error naming the field', async () => {
    const error = await createPolicy(fx.client, { policyEngineId: engineId, name: 'Broken', statement: 'permit(principal, action, resource) when { 1 < };' }).catch(
      (e: unknown) => e,
    );
    expect((error as AgentCoreError).code).toBe('ValidationFailed');
    expect((error as AgentCoreError).message).toContain('definition');
  });
  it('updates only what is given, clears a description with null, and deletes until gone', async () => {
    const created = await createPolicy(fx.client, { policyEngineId: engineId, name: 'Changing', statement: REFUND_STATEMENT, description: 'before' });
    const ref = { policyEngineId: engineId, policyId: created.policyId! };
    await waitForPolicyActive(fx.client, ref, WAIT);
    const statement = REFUND_STATEMENT.replace('500', '250');
    expect((await updatePolicy(fx.client, ref, { statement })).status).toBe('UPDATING');
    const updated = await waitForPolicyActive(fx.client, ref, WAIT);
    expect(updated.policy).toMatchObject({ statement, description: 'before' });
    await updatePolicy(fx.client, ref, { description: null, enforcementMode: 'LOG_ONLY' });
    const cleared = await waitForPolicyActive(fx.client, ref, WAIT);
    expect(cleared.policy.description).toBeUndefined();
    expect(cleared.policy.enforcementMode).toBe('LOG_ONLY');
    expect((await deletePolicy(fx.client, ref)).status).toBe('DELETING');
    expect(await waitForPolicyDeleted(fx.client, ref, WAIT)).toEqual({ ok: true });
  });
  it('gives up waiting with WaitTimeout when a policy stays CREATING', async () => {
    fx.emulator.setFaults({ resources: { Stuck: { transitionMs: 600_000 } } });
    const created = await createPolicy(fx.client, { policyEngineId: engineId, name: 'Stuck', statement: REFUND_STATEMENT });
    const error = await waitForPolicyActive(fx.client, { policyEngineId: engineId, policyId: created.policyId! }, { ...WAIT, maxWaitSeconds: 0.3 }).catch(
      (e: unknown) => e,
    );
    fx.emulator.setFaults({});
    expect((error as AgentCoreError).code).toBe('WaitTimeout');
  });
  it('reports DELETE_FAILED as an outcome', async () => {
    const created = await createPolicy(fx.client, { policyEngineId: engineId, name: 'Sticky', statement: REFUND_STATEMENT });
    const ref = { policyEngineId: engineId, policyId: created.policyId! };
    await waitForPolicyActive(fx.client, ref, WAIT);
    fx.emulator.setFaults({ resources: { Sticky: { fail: 'locked' } } });
    await deletePolicy(fx.client, ref);
    const outcome = await waitForPolicyDeleted(fx.client, ref, WAIT);
    fx.emulator.setFaults({});
    expect(outcome).toMatchObject({ ok: false, policy: { status: 'DELETE_FAILED', statusReasons: ['locked'] } });
  });
});
