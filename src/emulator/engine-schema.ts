// What the engine knows of its gateways' tools: the service generates the Cedar schema an engine's policies are
// validated against from the tools of every gateway attached to the engine, and generates policies from the tools
// of one of them. This reads those gateways and their targets' inline tool schemas. Targets whose tools live
// elsewhere (S3, OpenAPI or Smithy documents, MCP servers) contribute no tools here.
import type { SchemaGateway } from '../cedar/schema.js';
import type { ToolSpec } from '../model.js';
import type { GenerationGateway } from './generation/tools.js';
import { liveResources } from './lifecycle.js';
import type { Context } from './operation.js';
import type { Engine, Gateway, Target } from './store.js';

/** Inline tool definitions of a Lambda target (`mcp.lambda.toolSchema.inlinePayload`). */
export function inlineTools(target: Target): ToolSpec[] {
  const mcp = target.attrs.targetConfiguration.mcp as { lambda?: { toolSchema?: { inlinePayload?: ToolSpec[] } } } | undefined;
  return mcp?.lambda?.toolSchema?.inlinePayload ?? [];
}

/** A gateway as the translator and the schema builder read it. */
export function gatewayTools(ctx: Pick<Context, 'part' | 'now'>, gateway: Gateway): GenerationGateway {
  return {
    arn: gateway.arn,
    // Guess: NONE and AUTHENTICATE_ONLY gateways get OAuth principals like CUSTOM_JWT ones.
    authorizerType: gateway.attrs.authorizerType === 'AWS_IAM' ? 'AWS_IAM' : 'CUSTOM_JWT',
    targets: liveResources(ctx.part.targets[gateway.id] ?? {}, ctx.now).map((t) => ({ name: t.name, description: t.attrs.description, tools: inlineTools(t) })),
  };
}

export function attachedGateways(ctx: Pick<Context, 'part' | 'now'>, engine: Engine): SchemaGateway[] {
  return liveResources(ctx.part.gateways, ctx.now)
    .filter((g) => g.attrs.policyEngineConfiguration?.arn === engine.arn)
    .map((g) => gatewayTools(ctx, g));
}
