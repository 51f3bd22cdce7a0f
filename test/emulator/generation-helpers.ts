// Policy generation test set-up on the emulator: the guide's gateways seeded and attached to one engine, and a
// generation run to completion through the SDK waiter with every asset listed through the SDK paginator.
import {
  GetGatewayCommand,
  paginateListPolicyGenerationAssets,
  StartPolicyGenerationCommand,
  UpdateGatewayCommand,
  waitUntilPolicyGenerationCompleted,
  type BedrockAgentCoreControlClient,
  type PolicyGenerationAsset,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { GatewaySpec } from '../../src/model.js';
import { uniqueName, until, WAIT, type Target } from './helpers.js';

const gatewayIdOf = (arn: string) => arn.slice(arn.indexOf('gateway/') + 'gateway/'.length);

/** Seeds the gateways into the emulator and attaches the engine to each, as the service requires for generation. */
export async function seedAttached(target: Target, gateways: readonly GatewaySpec[], engineArn: string): Promise<void> {
  const { client } = target;
  target.emulator!.seedGateways(gateways);
  for (const { arn } of gateways) {
    const gatewayIdentifier = gatewayIdOf(arn);
    const g = await client.send(new GetGatewayCommand({ gatewayIdentifier }));
    await client.send(
      new UpdateGatewayCommand({
        gatewayIdentifier,
        name: g.name,
        roleArn: g.roleArn,
        authorizerType: g.authorizerType,
        authorizerConfiguration: g.authorizerConfiguration,
        protocolType: g.protocolType,
        policyEngineConfiguration: { arn: engineArn, mode: 'ENFORCE' },
      }),
    );
    await until(async () => (await client.send(new GetGatewayCommand({ gatewayIdentifier }))).status === 'READY');
  }
}

export async function startGeneration(client: BedrockAgentCoreControlClient, policyEngineId: string, text: string, gatewayArn: string, name = uniqueName('Gen')) {
  const started = await client.send(new StartPolicyGenerationCommand({ policyEngineId, name, resource: { arn: gatewayArn }, content: { rawText: text } }));
  return started as typeof started & { policyGenerationId: string };
}

/** Starts a generation, waits for GENERATED with the SDK waiter and lists all its assets. */
export async function generateAssets(client: BedrockAgentCoreControlClient, policyEngineId: string, text: string, gatewayArn: string) {
  const { policyGenerationId } = await startGeneration(client, policyEngineId, text, gatewayArn);
  await waitUntilPolicyGenerationCompleted({ client, ...WAIT }, { policyEngineId, policyGenerationId });
  const assets: PolicyGenerationAsset[] = [];
  for await (const page of paginateListPolicyGenerationAssets({ client, pageSize: 100 }, { policyEngineId, policyGenerationId })) {
    assets.push(...(page.policyGenerationAssets ?? []));
  }
  return { policyGenerationId, assets };
}
