// Contract: policy generation. The local engine cannot turn natural language into Cedar, so on the emulator every
// generation ends GENERATE_FAILED with a reason that says so, and has no assets.
import {
  GetPolicyGenerationCommand,
  GetPolicyGenerationSummaryCommand,
  ListPolicyGenerationAssetsCommand,
  ListPolicyGenerationsCommand,
  ListPolicyGenerationSummariesCommand,
  StartPolicyGenerationCommand,
  ValidationException,
  waitUntilPolicyGenerationCompleted,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { activeEngine, emulatorOnly, removeEngine, startTarget, WAIT, type Target } from './helpers.js';

const GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';

let target: Target;
let engineId: string;
beforeAll(async () => {
  target = await startTarget();
  engineId = (await activeEngine(target.client, 'Generation')).policyEngineId;
});
afterAll(async () => {
  await removeEngine(target.client, engineId);
  await target.close();
});

describe('policy generations', () => {
  emulatorOnly('start GENERATING, end GENERATE_FAILED saying the local engine cannot generate, with no assets', async () => {
    const { client } = target;
    const started = await client.send(
      new StartPolicyGenerationCommand({
        policyEngineId: engineId,
        name: 'RefundRules',
        resource: { arn: GATEWAY },
        content: { rawText: 'Allow refunds under 500 dollars' },
      }),
    );
    expect(started.status).toBe('GENERATING');
    expect(started.policyGenerationArn).toMatch(new RegExp(`policy-engine/${engineId}/policy-generation/${started.policyGenerationId}$`));
    const waited = await waitUntilPolicyGenerationCompleted({ client, ...WAIT }, { policyEngineId: engineId, policyGenerationId: started.policyGenerationId }).catch(
      (e: unknown) => e,
    );
    expect(waited).toBeInstanceOf(Error);
    const read = await client.send(new GetPolicyGenerationCommand({ policyEngineId: engineId, policyGenerationId: started.policyGenerationId }));
    expect(read.status).toBe('GENERATE_FAILED');
    expect(read.statusReasons?.[0]).toMatch(/cannot generate policies from natural language/);
    const summary = await client.send(new GetPolicyGenerationSummaryCommand({ policyEngineId: engineId, policyGenerationId: started.policyGenerationId }));
    expect(summary).not.toHaveProperty('statusReasons');
    const assets = await client.send(new ListPolicyGenerationAssetsCommand({ policyEngineId: engineId, policyGenerationId: started.policyGenerationId }));
    expect(assets.policyGenerationAssets).toEqual([]);
    const list = await client.send(new ListPolicyGenerationsCommand({ policyEngineId: engineId }));
    const summaries = await client.send(new ListPolicyGenerationSummariesCommand({ policyEngineId: engineId }));
    expect(list.policyGenerations?.map((g) => g.policyGenerationId)).toEqual([started.policyGenerationId]);
    expect(summaries.policyGenerations?.map((g) => g.name)).toEqual(['RefundRules']);
  });

  emulatorOnly('refuses an empty request text', async () => {
    const error = await target.client
      .send(new StartPolicyGenerationCommand({ policyEngineId: engineId, name: 'Empty', resource: { arn: GATEWAY }, content: { rawText: '' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).fieldList?.[0]?.name).toBe('content.rawText');
  });
});
