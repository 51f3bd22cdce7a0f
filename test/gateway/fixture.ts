// The local gateway as a developer meets it: an emulator seeded with the seed document's refund gateway, an engine
// made and attached through the real AWS SDK client, policies created through it, and MCP calls through the stock
// `@modelcontextprotocol/sdk` client over Streamable HTTP, with a bearer token from the local issuer.
import { BedrockAgentCoreControlClient, CreatePolicyCommand, GetGatewayCommand, waitUntilPolicyActive } from '@aws-sdk/client-bedrock-agentcore-control';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { attachGateway } from '../../src/agentcore/index.js';
import { startEmulator, type Emulator, type EmulatorOptions, type MintOptions } from '../../src/emulator/index.js';
import type { GatewaySpec, TargetSpec } from '../../src/model.js';
import { activeEngine, FAKE_CREDENTIALS, WAIT } from '../emulator/helpers.js';

export const GATEWAY_ID = 'refund-gateway-a1b2c3d4e5';
export const GATEWAY_ARN = `arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/${GATEWAY_ID}`;
export const PROCESS_REFUND = 'RefundTarget___process_refund';
export const LOOKUP_ORDER = 'RefundTarget___lookup_order';

/** The seed document's target, plus a read-only tool that only support staff may call. */
export const REFUND_TARGET: TargetSpec = {
  name: 'RefundTarget',
  tools: [
    {
      name: 'process_refund',
      description: 'Process customer refund',
      inputSchema: {
        type: 'object',
        properties: { orderId: { type: 'string' }, amount: { type: 'integer' }, reason: { type: 'string' } },
        required: ['orderId', 'amount'],
      },
    },
    { name: 'lookup_order', description: 'Look up an order', inputSchema: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] } },
  ],
};

/** /work/main/policies/business_rules/refund_under_500.cedar with its variable filled. */
export const REFUND_UNDER_500 = `permit (
  principal is AgentCore::OAuthUser,
  action == AgentCore::Action::"${PROCESS_REFUND}",
  resource == AgentCore::Gateway::"${GATEWAY_ARN}"
)
when {
  principal.hasTag("username") &&
  principal.getTag("username") == "refund-agent" &&
  context.input.amount < 500
};`;

export const SUPPORT_LOOKUP = `permit (principal, action == AgentCore::Action::"${LOOKUP_ORDER}", resource)
when { principal.hasTag("role") && principal.getTag("role") == "support" };`;

export interface PolicyInput {
  name: string;
  statement: string;
  enforcementMode?: 'ACTIVE' | 'LOG_ONLY';
}

export interface GatewayOptions {
  policies?: PolicyInput[];
  /** Attach an engine holding the policies, in this mode; `none` leaves the gateway without an engine. */
  mode?: 'ENFORCE' | 'LOG_ONLY' | 'none';
  targets?: TargetSpec[];
  authorizerType?: GatewaySpec['authorizerType'];
  emulator?: EmulatorOptions;
}

export interface LocalGateway {
  emulator: Emulator;
  control: BedrockAgentCoreControlClient;
  gatewayUrl: string;
  engineArn?: string;
  /** Policy ids by name. */
  policyIds: Record<string, string>;
  token(options: MintOptions): Promise<string>;
  /** An initialized MCP client sending these headers. */
  connect(headers: Record<string, string>): Promise<Client>;
  /** An MCP client with a fresh token for `sub` with these claims. */
  as(sub: string, claims?: Record<string, unknown>): Promise<Client>;
  close(): Promise<void>;
}

export async function localGateway(options: GatewayOptions = {}): Promise<LocalGateway> {
  const emulator = await startEmulator({ transitionDelayMs: 0, region: 'us-west-2', ...options.emulator });
  const control = new BedrockAgentCoreControlClient({ region: 'us-west-2', endpoint: emulator.url, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
  const problems = emulator.seedGateways([
    { arn: GATEWAY_ARN, mode: 'ENFORCE', authorizerType: options.authorizerType ?? 'CUSTOM_JWT', targets: options.targets ?? [REFUND_TARGET] },
  ]);
  if (problems.length > 0) throw new Error(problems[0]!.message);
  const policyIds: Record<string, string> = {};
  let engineArn: string | undefined;
  if (options.mode !== 'none') {
    const engine = await activeEngine(control, 'Refunds');
    engineArn = engine.policyEngineArn;
    await attachGateway(control, GATEWAY_ARN, engine.policyEngineArn, options.mode ?? 'ENFORCE');
    for (const policy of options.policies ?? []) {
      const created = await control.send(
        new CreatePolicyCommand({
          policyEngineId: engine.policyEngineId,
          name: policy.name,
          definition: { cedar: { statement: policy.statement } },
          enforcementMode: policy.enforcementMode,
        }),
      );
      await waitUntilPolicyActive({ client: control, ...WAIT }, { policyEngineId: engine.policyEngineId, policyId: created.policyId });
      policyIds[policy.name] = created.policyId!;
    }
  }
  const { gatewayUrl } = await control.send(new GetGatewayCommand({ gatewayIdentifier: GATEWAY_ID }));
  const clients: Client[] = [];
  const token = async (mint: MintOptions) => {
    const minted = await emulator.mintToken(mint);
    if (!minted.ok) throw new Error(minted.message);
    return minted.token;
  };
  const connect = async (headers: Record<string, string>) => {
    const client = new Client({ name: 'gateway-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(gatewayUrl!), { requestInit: { headers } }));
    clients.push(client);
    return client;
  };
  return {
    emulator,
    control,
    gatewayUrl: gatewayUrl!,
    engineArn,
    policyIds,
    token,
    connect,
    as: async (sub, claims) => connect({ authorization: `Bearer ${await token({ sub, claims })}` }),
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      control.destroy();
      await emulator.close();
    },
  };
}

/** The JSON-RPC error a rejected MCP call carries. */
export async function rpcError(call: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await call;
  } catch (error) {
    const { code, message } = error as { code: number; message: string };
    return { code, message };
  }
  throw new Error('the call succeeded');
}

/** POSTs a raw body to the gateway, as a non-SDK client would. */
export async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}
