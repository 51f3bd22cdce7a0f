// Contract-test harness. By default the suite drives the real SDK client against a fresh local emulator over HTTP;
// with AGENTCORE_CONTRACT_TARGET=aws it runs against the AgentCore service with the standard credential chain
// (AWS_REGION, and AGENTCORE_CONTRACT_ROLE_ARN for gateways), and the emulator-only tests (fault injection,
// seeding, persistence, raw wire checks) are skipped.
import { randomBytes } from 'node:crypto';
import {
  BedrockAgentCoreControlClient,
  CreateGatewayCommand,
  CreateGatewayTargetCommand,
  CreatePolicyEngineCommand,
  DeleteGatewayCommand,
  DeleteGatewayTargetCommand,
  DeletePolicyCommand,
  DeletePolicyEngineCommand,
  ListGatewayTargetsCommand,
  paginateListPolicies,
  waitUntilPolicyActive,
  waitUntilPolicyDeleted,
  waitUntilPolicyEngineActive,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { it } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';

export const REMOTE = process.env.AGENTCORE_CONTRACT_TARGET === 'aws';
/** Tests that need the emulator itself (fault injection, seeding, restarts, raw HTTP). */
export const emulatorOnly = REMOTE ? it.skip : it;

export const REGION = REMOTE ? (process.env.AWS_REGION ?? 'us-east-1') : 'us-west-2';
export const ROLE_ARN = process.env.AGENTCORE_CONTRACT_ROLE_ARN ?? 'arn:aws:iam::123456789012:role/AgentCoreGatewayRole';
export const FAKE_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'emulator-secret' };

/** Waiter settings: fast polls against the emulator, service-like ones against AWS. */
export const WAIT = REMOTE ? { maxWaitTime: 300, minDelay: 2, maxDelay: 10 } : { maxWaitTime: 10, minDelay: 0.01, maxDelay: 0.05 };

export interface Target {
  client: BedrockAgentCoreControlClient;
  emulator?: Emulator;
  close(): Promise<void>;
}

export async function startTarget(options: EmulatorOptions & { maxAttempts?: number } = {}): Promise<Target> {
  const { maxAttempts = 1, ...emulatorOptions } = options;
  if (REMOTE) {
    const client = new BedrockAgentCoreControlClient({ region: REGION, maxAttempts });
    return { client, close: async () => client.destroy() };
  }
  const emulator = await startEmulator({ transitionDelayMs: 20, ...emulatorOptions });
  const client = new BedrockAgentCoreControlClient({ region: REGION, endpoint: emulator.url, credentials: FAKE_CREDENTIALS, maxAttempts });
  return {
    client,
    emulator,
    async close() {
      client.destroy();
      await emulator.close();
    },
  };
}

/** A name no other run uses, so tests against the real service do not collide: `<prefix>_<8 hex>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** An idempotency token in the service's pattern (33-256 characters). */
export function clientToken(): string {
  return randomBytes(20).toString('hex');
}

export async function activeEngine(client: BedrockAgentCoreControlClient, prefix = 'Engine') {
  const engine = await client.send(new CreatePolicyEngineCommand({ name: uniqueName(prefix) }));
  await waitUntilPolicyEngineActive({ client, ...WAIT }, { policyEngineId: engine.policyEngineId });
  return engine as typeof engine & { policyEngineId: string; policyEngineArn: string };
}

/** Deletes every policy of an engine and then the engine: the service refuses to delete a non-empty engine. */
export async function removeEngine(client: BedrockAgentCoreControlClient, policyEngineId: string): Promise<void> {
  const policyIds: string[] = [];
  for await (const page of paginateListPolicies({ client, pageSize: 100 }, { policyEngineId })) {
    policyIds.push(...(page.policies ?? []).map((p) => p.policyId!));
  }
  // A policy still being created or updated refuses deletion, so let each settle first (a failed one settles too).
  await Promise.all(policyIds.map((policyId) => waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId, policyId }).catch(() => undefined)));
  for (const policyId of policyIds) await client.send(new DeletePolicyCommand({ policyEngineId, policyId }));
  await Promise.all(policyIds.map((policyId) => waitUntilPolicyDeleted({ client, ...WAIT }, { policyEngineId, policyId })));
  await client.send(new DeletePolicyEngineCommand({ policyEngineId }));
}

export const REFUND_TOOLS = [
  {
    name: 'process_refund',
    description: 'Process a customer refund',
    inputSchema: {
      type: 'object' as const,
      properties: { orderId: { type: 'string' as const }, amount: { type: 'integer' as const } },
      required: ['orderId', 'amount'],
    },
  },
];

export const JWT_AUTHORIZER = {
  customJWTAuthorizer: { discoveryUrl: 'https://auth.example.com/.well-known/openid-configuration', allowedClients: ['client'] },
};

export function refundPolicy(amountLimit = 500): string {
  return `permit(
  principal is AgentCore::OAuthUser,
  action == AgentCore::Action::"RefundTarget___process_refund",
  resource
) when { context.input.amount < ${amountLimit} };`;
}

/** A gateway with the refund target, attached to `engineArn`, created through the API. */
export async function refundGateway(client: BedrockAgentCoreControlClient, engineArn?: string) {
  const gateway = await client.send(
    new CreateGatewayCommand({
      name: uniqueName('gw').replace('_', '-'),
      roleArn: ROLE_ARN,
      authorizerType: 'CUSTOM_JWT',
      authorizerConfiguration: JWT_AUTHORIZER,
      protocolType: 'MCP',
      policyEngineConfiguration: engineArn ? { arn: engineArn, mode: 'ENFORCE' } : undefined,
    }),
  );
  const target = await client.send(
    new CreateGatewayTargetCommand({
      gatewayIdentifier: gateway.gatewayId,
      name: 'RefundTarget',
      targetConfiguration: {
        mcp: { lambda: { lambdaArn: 'arn:aws:lambda:us-west-2:123456789012:function:Refund', toolSchema: { inlinePayload: REFUND_TOOLS } } },
      },
      credentialProviderConfigurations: [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }],
    }),
  );
  return { gateway: gateway as typeof gateway & { gatewayId: string; gatewayArn: string }, targetId: target.targetId! };
}

export async function removeGateway(client: BedrockAgentCoreControlClient, gatewayId: string, targetIds: string[]): Promise<void> {
  for (const targetId of targetIds) await client.send(new DeleteGatewayTargetCommand({ gatewayIdentifier: gatewayId, targetId }));
  await until(async () => ((await client.send(new ListGatewayTargetsCommand({ gatewayIdentifier: gatewayId }))).items ?? []).length === 0);
  await client.send(new DeleteGatewayCommand({ gatewayIdentifier: gatewayId }));
}

/** Polls `check` until it holds: gateways have no SDK waiters. Gives up after WAIT.maxWaitTime. */
export async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT.maxWaitTime * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, WAIT.minDelay * 1000));
  }
}
