import { GetGatewayCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentCoreError } from './errors.js';
import { attachGateway, gatewayReplacement, waitForGatewayReady } from './gateways.js';
import { createEngine } from './policies.js';
import { GATEWAY_ARN, startFixture, WAIT, type Fixture } from '../../test/helpers/agentcore-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(() => fx.close());

const VOLATILE = ['status', 'updatedAt', 'policyEngineConfiguration', '$metadata'];
const stable = (gateway: object) => Object.fromEntries(Object.entries(gateway).filter(([k]) => !VOLATILE.includes(k)));

describe('attachGateway', () => {
  it('changes only the engine configuration of the whole gateway', async () => {
    const engine = await createEngine(fx.client, { name: 'Attach' }, WAIT);
    const before = await fx.client.send(new GetGatewayCommand({ gatewayIdentifier: 'refund-gateway-a1b2c3d4e5' }));
    const answer = await attachGateway(fx.client, GATEWAY_ARN, engine.arn, 'ENFORCE');
    expect(answer.status).toBe('UPDATING');
    expect(await waitForGatewayReady(fx.client, GATEWAY_ARN, WAIT)).toEqual({ ok: true });
    const after = await fx.client.send(new GetGatewayCommand({ gatewayIdentifier: 'refund-gateway-a1b2c3d4e5' }));
    expect(after.policyEngineConfiguration).toEqual({ arn: engine.arn, mode: 'ENFORCE' });
    expect(stable(after)).toEqual(stable(before));
  });

  it('reports an unknown gateway clearly', async () => {
    const error = await attachGateway(fx.client, GATEWAY_ARN.replace('refund-gateway', 'absent'), 'arn:x', 'ENFORCE').catch((e: unknown) => e);
    expect((error as AgentCoreError).code).toBe('GatewayNotFound');
  });

  it('times out waiting for a gateway that stays UPDATING', async () => {
    const engine = await createEngine(fx.client, { name: 'Slow' }, WAIT);
    fx.emulator.setFaults({ resources: { 'refund-gateway': { transitionMs: 600_000 } } });
    await attachGateway(fx.client, GATEWAY_ARN, engine.arn, 'LOG_ONLY');
    const error = await waitForGatewayReady(fx.client, GATEWAY_ARN, { ...WAIT, maxWaitSeconds: 0.2 }).catch((e: unknown) => e);
    fx.emulator.setFaults({});
    expect((error as AgentCoreError).code).toBe('WaitTimeout');
  });
});

describe('gatewayReplacement', () => {
  it('carries every writable member and drops the read-only ones', () => {
    const request = gatewayReplacement(
      {
        $metadata: {},
        gatewayId: 'g-a1b2c3d4e5',
        gatewayArn: 'arn',
        gatewayUrl: 'https://g',
        name: 'g',
        roleArn: 'arn:aws:iam::1:role/r',
        authorizerType: 'AWS_IAM',
        exceptionLevel: 'DEBUG',
        kmsKeyArn: 'arn:kms',
        status: 'READY',
        createdAt: new Date(0),
        updatedAt: new Date(0),
        policyEngineConfiguration: { arn: 'old', mode: 'LOG_ONLY' },
      },
      { arn: 'new', mode: 'ENFORCE' },
    );
    expect(Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined))).toEqual({
      gatewayIdentifier: 'g-a1b2c3d4e5',
      name: 'g',
      roleArn: 'arn:aws:iam::1:role/r',
      authorizerType: 'AWS_IAM',
      exceptionLevel: 'DEBUG',
      kmsKeyArn: 'arn:kms',
      policyEngineConfiguration: { arn: 'new', mode: 'ENFORCE' },
    });
  });
});
