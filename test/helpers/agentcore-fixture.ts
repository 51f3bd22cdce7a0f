// Test fixture for this layer: a fresh emulator with seeded gateways and a client built by createControlClient, so
// the tests go through HTTP exactly as the CLI does.
import type { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { startEmulator, type Emulator, type FaultOptions } from '../../src/emulator/index.js';
import type { EngineSpec, GatewaySpec } from '../../src/model.js';
import { createControlClient } from '../../src/agentcore/client.js';
import { LOCAL_WAIT } from '../../src/agentcore/wait.js';

export const GATEWAY_ARN = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';

export const REFUND_GATEWAY: GatewaySpec = {
  arn: GATEWAY_ARN,
  mode: 'ENFORCE',
  authorizerType: 'CUSTOM_JWT',
  targets: [
    {
      name: 'RefundTarget',
      description: 'Refund Lambda',
      lambdaArn: 'arn:aws:lambda:us-west-2:123456789012:function:RefundProcessor',
      tools: [
        {
          name: 'process_refund',
          description: 'Process customer refund',
          inputSchema: { type: 'object', properties: { orderId: { type: 'string' }, amount: { type: 'integer' } }, required: ['orderId', 'amount'] },
        },
      ],
    },
  ],
};

export function engineSpec(name: string, gateways: GatewaySpec[] = [REFUND_GATEWAY]): EngineSpec {
  return { file: `engines/${name}.yaml`, name, region: 'us-west-2', groups: ['authorization'], prune: false, variables: {}, gateways };
}

export const WAIT = { ...LOCAL_WAIT, maxWaitSeconds: 10 };

export interface Fixture {
  emulator: Emulator;
  client: BedrockAgentCoreControlClient;
  close(): Promise<void>;
}

export async function startFixture(faults?: FaultOptions): Promise<Fixture> {
  const emulator = await startEmulator({ transitionDelayMs: 15, faults });
  emulator.seedGateways([REFUND_GATEWAY]);
  const client = createControlClient({ region: 'us-west-2', endpoint: emulator.url }, { maxAttempts: 1, env: {} });
  return {
    emulator,
    client,
    async close() {
      client.destroy();
      await emulator.close();
    },
  };
}

export const REFUND_STATEMENT = `permit(
  principal is AgentCore::OAuthUser,
  action == AgentCore::Action::"RefundTarget___process_refund",
  resource == AgentCore::Gateway::"${GATEWAY_ARN}"
) when { context.input.amount < 500 };`;
