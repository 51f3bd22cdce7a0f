// What the engine knows of its gateways' tools: the service generates the Cedar schema an engine's policies are
// validated against from the tools of every gateway attached to the engine, and generates policies from the tools
// of one of them. This reads those gateways and their targets' inline tool schemas: Lambda tool definitions, and
// the operations of inline OpenAPI and Smithy documents, read as the client reads them (src/tool-schemas/).
// Targets whose tools live elsewhere (S3, MCP servers) or whose documents cannot be mapped contribute no tools here.
import type { SchemaGateway } from '../cedar/schema.js';
import type { ToolSpec } from '../model.js';
import { toolsOfTarget } from '../tool-schemas/index.js';
import type { GenerationGateway } from './generation/tools.js';
import { liveResources } from './lifecycle.js';
import type { Context } from './operation.js';
import type { Engine, Gateway, Target } from './store.js';

/** Documents are read once per stored configuration, not on every call that needs a schema. */
const read = new WeakMap<object, ToolSpec[]>();

/** The tools of a target's inline schema; none when they are elsewhere or cannot be mapped. */
export function inlineTools(target: Target): ToolSpec[] {
  const configuration = target.attrs.targetConfiguration;
  let tools = read.get(configuration);
  if (!tools) {
    const derived = toolsOfTarget(configuration);
    tools = derived.ok ? derived.tools : [];
    read.set(configuration, tools);
  }
  return tools;
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
