// Changes to a live gateway's targets made behind the repository's back, through the real SDK, as someone in the
// console would: a tool's input renamed, a target added with an OpenAPI, Smithy or MCP server configuration.
import {
  CreateGatewayTargetCommand,
  GetGatewayTargetCommand,
  paginateListGatewayTargets,
  UpdateGatewayTargetCommand,
  type BedrockAgentCoreControlClient,
  type TargetConfiguration,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { parseGatewayArn } from '../../src/arn.js';
import type { ToolSpec } from '../../src/model.js';

const gatewayIdOf = (arn: string) => parseGatewayArn(arn)!.gatewayId;

async function targetIdOf(sdk: BedrockAgentCoreControlClient, gatewayArn: string, name: string): Promise<string> {
  for await (const page of paginateListGatewayTargets({ client: sdk }, { gatewayIdentifier: gatewayIdOf(gatewayArn) })) {
    const found = page.items?.find((t) => t.name === name);
    if (found) return found.targetId!;
  }
  throw new Error(`no target ${name} on ${gatewayArn}`);
}

/** Gives a Lambda target new inline tools, keeping its Lambda ARN. */
export async function setLambdaTools(sdk: BedrockAgentCoreControlClient, gatewayArn: string, target: string, lambdaArn: string, tools: ToolSpec[]): Promise<void> {
  const inlinePayload = tools.map((t) => ({ name: t.name, description: t.description ?? t.name, inputSchema: t.inputSchema }));
  await replaceTarget(sdk, gatewayArn, target, { mcp: { lambda: { lambdaArn, toolSchema: { inlinePayload } } } });
}

/** A new configuration for a target, its name and description kept (UpdateGatewayTarget replaces the whole target). */
export async function replaceTarget(sdk: BedrockAgentCoreControlClient, gatewayArn: string, target: string, targetConfiguration: TargetConfiguration): Promise<void> {
  const gatewayIdentifier = gatewayIdOf(gatewayArn);
  const targetId = await targetIdOf(sdk, gatewayArn, target);
  const { description, credentialProviderConfigurations } = await sdk.send(new GetGatewayTargetCommand({ gatewayIdentifier, targetId }));
  await sdk.send(new UpdateGatewayTargetCommand({ gatewayIdentifier, targetId, name: target, description, targetConfiguration, credentialProviderConfigurations }));
}

export async function addTarget(sdk: BedrockAgentCoreControlClient, gatewayArn: string, name: string, targetConfiguration: TargetConfiguration, description?: string): Promise<void> {
  await sdk.send(
    new CreateGatewayTargetCommand({ gatewayIdentifier: gatewayIdOf(gatewayArn), name, ...(description && { description }), targetConfiguration, credentialProviderConfigurations: [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }] }),
  );
}

/** The refund tool of the example repository with `amount` renamed `refundAmount`: the reproduction. */
export const RENAMED_REFUND_TOOL: ToolSpec = {
  name: 'process_refund',
  description: 'Process customer refund',
  inputSchema: {
    type: 'object',
    properties: { orderId: { type: 'string' }, refundAmount: { type: 'integer' }, reason: { type: 'string' } },
    required: ['orderId', 'refundAmount'],
  },
};

export const REFUND_LAMBDA = 'arn:aws:lambda:us-west-2:123456789012:function:RefundProcessor';
