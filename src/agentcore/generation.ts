// Policy generation from natural language: start one for an engine and a gateway (StartPolicyGeneration), wait
// until the service is done (the SDK's waitUntilPolicyGenerationCompleted), then list every asset it produced
// (paginated ListPolicyGenerationAssets) with its statement, the text fragment it came from and its findings. A
// generation that ends GENERATE_FAILED is an outcome with the service's reasons, not an exception.
import {
  GetPolicyGenerationCommand,
  paginateListPolicyGenerationAssets,
  StartPolicyGenerationCommand,
  waitUntilPolicyGenerationCompleted,
  type BedrockAgentCoreControlClient,
  type PolicyGenerationAsset,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { call } from './errors.js';
import { waited, waiterConfig, type WaitOptions } from './wait.js';

export interface GenerationRequest {
  policyEngineId: string;
  /** The gateway the policies are for: the service generates from its tools' schemas. */
  gatewayArn: string;
  text: string;
  name: string;
}

export type FindingType = 'VALID' | 'INVALID' | 'NOT_TRANSLATABLE' | 'ALLOW_ALL' | 'ALLOW_NONE' | 'DENY_ALL' | 'DENY_NONE';

export interface GeneratedAsset {
  assetId: string;
  /** The part of the text this asset translates. */
  fragment: string;
  /** The Cedar statement (from `definition.cedar`, or `definition.policy` for the extended language). */
  statement?: string;
  /** Which member the statement came from. */
  definition?: 'cedar' | 'policy';
  findings: { type: FindingType | string; description: string }[];
}

export type GenerationOutcome =
  | { ok: true; generationId: string; assets: GeneratedAsset[] }
  | { ok: false; generationId: string; status: string; reasons: string[] };

/** Starts a generation and waits for it; `onWait` is told once the service has accepted it. */
export async function generatePolicies(
  client: BedrockAgentCoreControlClient,
  request: GenerationRequest,
  wait: WaitOptions,
  onWait?: (generationId: string) => void,
): Promise<GenerationOutcome> {
  const { policyEngineId, gatewayArn, text, name } = request;
  const started = await call('StartPolicyGeneration', () =>
    client.send(new StartPolicyGenerationCommand({ policyEngineId, name, resource: { arn: gatewayArn }, content: { rawText: text } })),
  );
  const policyGenerationId = started.policyGenerationId!;
  onWait?.(policyGenerationId);
  const ref = { policyEngineId, policyGenerationId };
  const done = await waited(`Policy generation ${name}`, () => waitUntilPolicyGenerationCompleted(waiterConfig(client, wait), ref), wait);
  if (!done) {
    const failed = await call('GetPolicyGeneration', () => client.send(new GetPolicyGenerationCommand(ref)));
    return { ok: false, generationId: policyGenerationId, status: failed.status ?? 'GENERATE_FAILED', reasons: failed.statusReasons ?? [] };
  }
  const assets = await call('ListPolicyGenerationAssets', async () => {
    const all: GeneratedAsset[] = [];
    for await (const page of paginateListPolicyGenerationAssets({ client, pageSize: 100 }, ref)) for (const asset of page.policyGenerationAssets ?? []) all.push(toAsset(asset));
    return all;
  });
  return { ok: true, generationId: policyGenerationId, assets };
}

export function toAsset(asset: PolicyGenerationAsset): GeneratedAsset {
  const cedar = asset.definition?.cedar?.statement;
  const policy = asset.definition?.policy?.statement;
  return {
    assetId: asset.policyGenerationAssetId ?? '',
    fragment: asset.rawTextFragment ?? '',
    ...(cedar !== undefined ? { statement: cedar, definition: 'cedar' as const } : policy !== undefined ? { statement: policy, definition: 'policy' as const } : {}),
    findings: (asset.findings ?? []).map((f) => ({ type: f.type ?? 'UNKNOWN', description: f.description ?? '' })),
  };
}
