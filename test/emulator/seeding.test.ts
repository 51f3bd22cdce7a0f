// Emulator-only: seeding gateways from engine-file specs, and state that survives a restart on the same file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BedrockAgentCoreControlClient,
  CreatePolicyCommand,
  GetGatewayCommand,
  GetGatewayTargetCommand,
  GetPolicyCommand,
  GetPolicyEngineCommand,
  ListGatewayTargetsCommand,
  UpdateGatewayCommand,
  waitUntilPolicyActive,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { describe, expect } from 'vitest';
import type { GatewaySpec } from '../../src/model.js';
import { activeEngine, emulatorOnly, FAKE_CREDENTIALS, refundPolicy, REFUND_TOOLS, startTarget, WAIT } from './helpers.js';

const ARN = 'arn:aws:bedrock-agentcore:eu-central-1:210987654321:gateway/refund-gateway-a1b2c3d4e5';
const spec = (tools = REFUND_TOOLS): GatewaySpec => ({
  arn: ARN,
  mode: 'ENFORCE',
  authorizerType: 'CUSTOM_JWT',
  targets: [{ name: 'RefundTarget', tools }],
});

const clientFor = (url: string, region: string) =>
  new BedrockAgentCoreControlClient({ region, endpoint: url, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });

describe('seeding', () => {
  emulatorOnly('creates a READY gateway under exactly the given ARN, with its targets and no engine attached', async () => {
    const target = await startTarget();
    expect(target.emulator!.seedGateways([spec()])).toEqual([]);
    const client = clientFor(target.emulator!.url, 'eu-central-1');
    const gateway = await client.send(new GetGatewayCommand({ gatewayIdentifier: 'refund-gateway-a1b2c3d4e5' }));
    expect(gateway).toMatchObject({ gatewayArn: ARN, name: 'refund-gateway', status: 'READY', authorizerType: 'CUSTOM_JWT' });
    expect(gateway.policyEngineConfiguration).toBeUndefined();
    const targets = await client.send(new ListGatewayTargetsCommand({ gatewayIdentifier: gateway.gatewayId }));
    const full = await client.send(new GetGatewayTargetCommand({ gatewayIdentifier: gateway.gatewayId, targetId: targets.items![0]!.targetId }));
    expect(full.targetConfiguration?.mcp?.lambda?.toolSchema?.inlinePayload).toEqual(REFUND_TOOLS);
    client.destroy();
    await target.close();
  });

  emulatorOnly('re-seeds idempotently: targets follow the spec, the attached engine stays', async () => {
    const target = await startTarget({ region: 'eu-central-1' });
    const client = clientFor(target.emulator!.url, 'eu-central-1');
    target.emulator!.seedGateways([spec()]);
    const engine = await activeEngine(client, 'Seeded');
    const gateway = await client.send(new GetGatewayCommand({ gatewayIdentifier: 'refund-gateway-a1b2c3d4e5' }));
    await client.send(
      new UpdateGatewayCommand({
        gatewayIdentifier: gateway.gatewayId,
        name: gateway.name,
        roleArn: gateway.roleArn,
        authorizerType: gateway.authorizerType,
        authorizerConfiguration: gateway.authorizerConfiguration,
        policyEngineConfiguration: { arn: engine.policyEngineArn, mode: 'ENFORCE' },
      }),
    );
    const renamed = [{ ...REFUND_TOOLS[0]!, name: 'issue_refund' }];
    target.emulator!.seedGateways([spec(renamed)]);
    target.emulator!.seedGateways([spec(renamed)]);
    const after = await client.send(new GetGatewayCommand({ gatewayIdentifier: gateway.gatewayId }));
    expect(after.policyEngineConfiguration).toEqual({ arn: engine.policyEngineArn, mode: 'ENFORCE' });
    const targets = await client.send(new ListGatewayTargetsCommand({ gatewayIdentifier: gateway.gatewayId }));
    expect(targets.items).toHaveLength(1);

    // The seeded tools are the schema the engine validates against.
    const stale = await client.send(new CreatePolicyCommand({ policyEngineId: engine.policyEngineId, name: 'Stale', definition: { cedar: { statement: refundPolicy() } } }));
    const fresh = await client.send(
      new CreatePolicyCommand({ policyEngineId: engine.policyEngineId, name: 'Fresh', definition: { cedar: { statement: refundPolicy().replace('process_refund', 'issue_refund') } } }),
    );
    await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engine.policyEngineId, policyId: fresh.policyId });
    await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engine.policyEngineId, policyId: stale.policyId }).catch(() => undefined);
    const read = await client.send(new GetPolicyCommand({ policyEngineId: engine.policyEngineId, policyId: stale.policyId }));
    expect(read.status).toBe('CREATE_FAILED');
    client.destroy();
    await target.close();
  });

  emulatorOnly('reports a gateway ARN it cannot seed', async () => {
    const target = await startTarget();
    const problems = target.emulator!.seedGateways([{ ...spec(), arn: 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway' }]);
    expect(problems).toMatchObject([{ code: 'InvalidGatewayArn' }]);
    await target.close();
  });
});

describe('persistence', () => {
  emulatorOnly('a new emulator on the same state file sees the same engines, policies and gateways', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'emulator-')), 'state.json');
    const first = await startTarget({ stateFile });
    first.emulator!.seedGateways([{ ...spec(), arn: ARN.replace('eu-central-1', 'us-west-2') }]);
    const engine = await activeEngine(first.client, 'Persisted');
    const policy = await first.client.send(
      new CreatePolicyCommand({ policyEngineId: engine.policyEngineId, name: 'Kept', definition: { cedar: { statement: refundPolicy() } } }),
    );
    await first.close();

    const second = await startTarget({ stateFile });
    const { client } = second;
    expect((await client.send(new GetPolicyEngineCommand({ policyEngineId: engine.policyEngineId }))).name).toBe(engine.name);
    await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engine.policyEngineId, policyId: policy.policyId });
    const kept = await client.send(new GetPolicyCommand({ policyEngineId: engine.policyEngineId, policyId: policy.policyId }));
    expect(kept.definition?.cedar?.statement).toBe(refundPolicy());
    expect((await client.send(new GetGatewayCommand({ gatewayIdentifier: 'refund-gateway-a1b2c3d4e5' }))).status).toBe('READY');
    await second.close();
  });
});
