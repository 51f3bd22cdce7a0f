// The Cedar schema an engine's policies are validated against: the service generates it from the tools of every
// gateway attached to the engine, so this collects those gateways and their targets' inline tool schemas.
// Targets whose tools live elsewhere (S3, OpenAPI or Smithy documents, MCP servers) contribute no tools here.
import type { SchemaGateway, SchemaTarget } from '../cedar/schema.js';
import type { InputSchema } from '../model.js';
import { liveResources } from './lifecycle.js';
import type { Context } from './operation.js';
import type { Engine, Target } from './store.js';

interface ToolDefinition {
  name: string;
  description?: string;
  inputSchema: InputSchema;
}

/** Inline tool definitions of a Lambda target (`mcp.lambda.toolSchema.inlinePayload`). */
export function inlineTools(target: Target): ToolDefinition[] {
  const mcp = target.attrs.targetConfiguration.mcp as { lambda?: { toolSchema?: { inlinePayload?: ToolDefinition[] } } } | undefined;
  return mcp?.lambda?.toolSchema?.inlinePayload ?? [];
}

export function attachedGateways(ctx: Pick<Context, 'part' | 'now'>, engine: Engine): SchemaGateway[] {
  return liveResources(ctx.part.gateways, ctx.now)
    .filter((g) => g.attrs.policyEngineConfiguration?.arn === engine.arn)
    .map((g) => ({
      // Guess: NONE and AUTHENTICATE_ONLY gateways get OAuth principals like CUSTOM_JWT ones.
      authorizerType: g.attrs.authorizerType === 'AWS_IAM' ? 'AWS_IAM' : 'CUSTOM_JWT',
      targets: liveResources(ctx.part.targets[g.id] ?? {}, ctx.now).map(
        (t): SchemaTarget => ({ name: t.name, tools: inlineTools(t).map((tool) => ({ name: tool.name, inputSchema: tool.inputSchema })) }),
      ),
    }));
}
