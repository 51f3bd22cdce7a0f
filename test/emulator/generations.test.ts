// Contract: policy generation. StartPolicyGeneration answers GENERATING; the SDK waiter then sees GENERATED (or
// GENERATE_FAILED with the reasons); assets are listed in pages, each with its text fragment, findings and, when
// translated, a Cedar definition that CreatePolicy accepts by reference. On the emulator the local engine's
// stand-in translator generates (src/emulator/generation/); name and text checks hold against the service too.
import {
  CreatePolicyCommand,
  GetPolicyCommand,
  GetPolicyGenerationCommand,
  GetPolicyGenerationSummaryCommand,
  ListPolicyGenerationAssetsCommand,
  ListPolicyGenerationsCommand,
  ListPolicyGenerationSummariesCommand,
  ValidationException,
  waitUntilPolicyActive,
  waitUntilPolicyGenerationCompleted,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAssets, seedAttached, startGeneration } from './generation-helpers.js';
import { GUIDE_GATEWAYS } from './guide-gateways.js';
import { activeEngine, emulatorOnly, REMOTE, removeEngine, startTarget, WAIT, type Target } from './helpers.js';

const { refund, payment } = GUIDE_GATEWAYS;
const UNATTACHED = { ...refund, arn: 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/other-gateway-h1j2k3l4m5' };
const SLOW = 'SlowGeneration';

let target: Target;
let engineId: string;
beforeAll(async () => {
  target = await startTarget({ faults: { resources: { [SLOW]: { transitionMs: 3_600_000 } } } });
  const engine = await activeEngine(target.client, 'Generation');
  engineId = engine.policyEngineId;
  if (!REMOTE) {
    await seedAttached(target, [refund, payment], engine.policyEngineArn);
    target.emulator!.seedGateways([UNATTACHED]);
  }
});
afterAll(async () => {
  await removeEngine(target.client, engineId);
  await target.close();
});

const generation = (policyGenerationId: string) => target.client.send(new GetPolicyGenerationCommand({ policyEngineId: engineId, policyGenerationId }));
const assetsOf = (policyGenerationId: string, maxResults?: number, nextToken?: string) =>
  target.client.send(new ListPolicyGenerationAssetsCommand({ policyEngineId: engineId, policyGenerationId, maxResults, nextToken }));

describe('policy generations', () => {
  emulatorOnly('start GENERATING (named as pitfall 1 says), the waiter sees GENERATED, and the generation is listed', async () => {
    const { client } = target;
    const started = await startGeneration(client, engineId, 'Allow refunds for amounts less than $500', refund.arn, 'refund_policy_v1');
    expect(started).toMatchObject({ status: 'GENERATING', name: 'refund_policy_v1', resource: { arn: refund.arn } });
    expect(started.policyGenerationArn).toMatch(new RegExp(`policy-engine/${engineId}/policy-generation/${started.policyGenerationId}$`));
    const waited = await waitUntilPolicyGenerationCompleted({ client, ...WAIT }, { policyEngineId: engineId, policyGenerationId: started.policyGenerationId });
    expect(waited.state).toBe('SUCCESS');
    expect(await generation(started.policyGenerationId)).toMatchObject({ status: 'GENERATED', statusReasons: [] });
    const summary = await client.send(new GetPolicyGenerationSummaryCommand({ policyEngineId: engineId, policyGenerationId: started.policyGenerationId }));
    expect(summary).not.toHaveProperty('statusReasons');
    const list = await client.send(new ListPolicyGenerationsCommand({ policyEngineId: engineId }));
    const summaries = await client.send(new ListPolicyGenerationSummariesCommand({ policyEngineId: engineId }));
    expect(list.policyGenerations?.map((g) => g.policyGenerationId)).toContain(started.policyGenerationId);
    expect(summaries.policyGenerations?.map((g) => g.name)).toContain('refund_policy_v1');
  });

  emulatorOnly('one asset per rule sentence, in pages, each with its fragment; a token of another list is refused', async () => {
    const sentences = [
      'Allow refunds for amounts less than $500.',
      'Block refunds when the reason is fraud.',
      'Allow refunds when the amount is reasonable.',
      'Block everything.',
      'Allow refunds when the order id is less than 500.',
    ];
    const { policyGenerationId, assets } = await generateAssets(target.client, engineId, sentences.join(' '), refund.arn);
    expect(assets.map((a) => a.rawTextFragment)).toEqual(sentences);
    expect(assets.map((a) => a.findings?.map((f) => f.type))).toEqual([['VALID'], ['VALID'], ['NOT_TRANSLATABLE'], ['DENY_ALL'], ['INVALID']]);
    expect(new Set(assets.map((a) => a.policyGenerationAssetId)).size).toBe(5);
    const first = await assetsOf(policyGenerationId, 2);
    const second = await assetsOf(policyGenerationId, 2, first.nextToken);
    const third = await assetsOf(policyGenerationId, 2, second.nextToken);
    expect([first, second, third].map((p) => p.policyGenerationAssets?.map((a) => a.rawTextFragment))).toEqual([sentences.slice(0, 2), sentences.slice(2, 4), sentences.slice(4)]);
    expect(third.nextToken).toBeUndefined();
    const other = await generateAssets(target.client, engineId, 'Allow refunds', refund.arn);
    const error = await assetsOf(other.policyGenerationId, 2, first.nextToken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
  });

  emulatorOnly('the vague text of pitfall 3 comes back NOT_TRANSLATABLE with no definition, and CreatePolicy refuses it', async () => {
    const { policyGenerationId, assets } = await generateAssets(target.client, engineId, 'Allow transfers when the amount is reasonable', payment.arn);
    expect(assets).toEqual([
      {
        policyGenerationAssetId: expect.any(String),
        rawTextFragment: 'Allow transfers when the amount is reasonable',
        findings: [{ type: 'NOT_TRANSLATABLE', description: expect.stringContaining('"reasonable" is vague') }],
      },
    ]);
    const definition = { policyGeneration: { policyGenerationId, policyGenerationAssetId: assets[0]!.policyGenerationAssetId! } };
    const error = await target.client.send(new CreatePolicyCommand({ policyEngineId: engineId, name: 'Vague', definition })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
  });

  emulatorOnly('CreatePolicy takes a generated asset by reference and stores its Cedar statement', async () => {
    const { policyGenerationId, assets } = await generateAssets(target.client, engineId, 'Allow transfers when the amount is less than $10,000', payment.arn);
    const [asset] = assets;
    const definition = { policyGeneration: { policyGenerationId, policyGenerationAssetId: asset!.policyGenerationAssetId! } };
    const created = await target.client.send(new CreatePolicyCommand({ policyEngineId: engineId, name: 'GeneratedTransfers', definition }));
    await waitUntilPolicyActive({ client: target.client, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId });
    const policy = await target.client.send(new GetPolicyCommand({ policyEngineId: engineId, policyId: created.policyId }));
    expect(policy.definition?.cedar?.statement).toBe(asset!.definition?.cedar?.statement);
  });

  emulatorOnly.each([
    ['a gateway the engine is not attached to', UNATTACHED.arn, 'Allow refunds', /is not associated with policy engine .*attach the engine/],
    ['an unknown gateway', 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/missing-gateway-n1p2q3r4s5', 'Allow refunds', /was not found/],
    ['an ARN that is not a gateway', 'arn:aws:iam::123456789012:role/NotAGateway', 'Allow refunds', /is not a gateway ARN/],
    ['text with no rule in it', refund.arn, '...', /no policy rule/],
  ])('GENERATE_FAILED with the reason for %s; the waiter fails and no asset is listed', async (_case, arn, text, reason) => {
    const { policyGenerationId } = await startGeneration(target.client, engineId, text, arn);
    const waited = await waitUntilPolicyGenerationCompleted({ client: target.client, ...WAIT }, { policyEngineId: engineId, policyGenerationId }).catch((e: unknown) => e);
    expect(waited).toBeInstanceOf(Error);
    const failed = await generation(policyGenerationId);
    expect(failed.status).toBe('GENERATE_FAILED');
    expect(failed.statusReasons?.join(' ')).toMatch(reason);
    expect((await assetsOf(policyGenerationId)).policyGenerationAssets).toEqual([]);
  });

  emulatorOnly('lists no asset while the generation is still GENERATING', async () => {
    const { policyGenerationId } = await startGeneration(target.client, engineId, 'Allow refunds under $500', refund.arn, SLOW);
    expect((await generation(policyGenerationId)).status).toBe('GENERATING');
    expect((await assetsOf(policyGenerationId)).policyGenerationAssets).toEqual([]);
  });

  it('refuses a name with hyphens, as the guide pitfall 1 says', async () => {
    const error = await startGeneration(target.client, engineId, 'Allow refunds under $500', refund.arn, 'refund-policy-v1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).fieldList?.[0]?.name).toBe('name');
  });

  it('refuses an empty request text', async () => {
    const error = await startGeneration(target.client, engineId, '', refund.arn, 'Empty').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).fieldList?.[0]?.name).toBe('content.rawText');
  });
});
