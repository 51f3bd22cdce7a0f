// The MCP methods a gateway serves to an authenticated principal: initialize, ping, tools/list (only the tools the
// principal could be allowed to call) and tools/call (arguments checked against the tool's input schema, decided
// by the engine's policies, recorded, then run on the target). A gateway attached in LOG_ONLY mode decides and
// records every call but runs it whatever the decision; one with no engine runs every call and records nothing.
import { performance } from 'node:perf_hooks';
import { ErrorCode, LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ErrorObject } from 'ajv';
import type { Principal } from './authenticate.js';
import { decide, denialMessage } from './decide.js';
import type { DecisionLog } from './decision-log.js';
import { invokeTool, type ToolResult } from './invoke.js';
import { RpcError, TOOL_DENIED } from './jsonrpc.js';
import { decisionRecord } from './records.js';
import type { GatewaySnapshot, GatewayTool } from './snapshot.js';

export interface CallContext {
  /** The HTTP request's id: each decision record of its calls carries it. */
  requestId: string;
  snapshot: GatewaySnapshot;
  principal: Principal;
  records: DecisionLog;
  targetTimeoutMs: number;
}

export function mcpMethods(ctx: CallContext): (request: JSONRPCRequest) => Promise<unknown> {
  return async (request) => {
    switch (request.method) {
      case 'initialize':
        return initialize(ctx, request.params);
      case 'ping':
        return {};
      case 'tools/list':
        return { tools: listTools(ctx) };
      case 'tools/call':
        return callTool(ctx, request);
      default:
        throw new RpcError(ErrorCode.MethodNotFound, `Method not found: ${request.method}`);
    }
  };
}

function initialize(ctx: CallContext, params: JSONRPCRequest['params']) {
  const asked = (params as { protocolVersion?: unknown } | undefined)?.protocolVersion;
  const protocolVersion = typeof asked === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(asked) ? asked : LATEST_PROTOCOL_VERSION;
  return { protocolVersion, capabilities: { tools: { listChanged: false } }, serverInfo: { name: ctx.snapshot.gateway.name, version: '1.0.0' } };
}

function listTools(ctx: CallContext) {
  const { enforcement, gateway } = ctx.snapshot;
  if (enforcement && 'error' in enforcement) throw new RpcError(ErrorCode.InternalError, `Policy evaluation failed for list tools: ${enforcement.error}`);
  const visible = (tool: GatewayTool) =>
    !enforcement || enforcement.mode === 'LOG_ONLY' || enforcement.engine.mayBeAllowed({ principal: ctx.principal, action: tool.name, resource: gateway.arn });
  return [...ctx.snapshot.tools.values()].filter(visible).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
}

async function callTool(ctx: CallContext, request: JSONRPCRequest): Promise<ToolResult> {
  const params = (request.params ?? {}) as { name?: unknown; arguments?: unknown };
  if (typeof params.name !== 'string') throw new RpcError(ErrorCode.InvalidParams, 'Invalid params: tools/call needs the name of a tool');
  const tool = ctx.snapshot.tools.get(params.name);
  if (!tool) throw new RpcError(ErrorCode.InvalidParams, `Unknown tool: ${params.name}`);
  const input = params.arguments ?? {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new RpcError(ErrorCode.InvalidParams, 'Invalid params: arguments must be an object');
  if (!tool.validate(input)) throw new RpcError(ErrorCode.InvalidParams, `Invalid arguments for tool ${tool.name}: ${describe(tool.validate.errors)}`);
  authorize(ctx, tool, input as Record<string, unknown>, request);
  const run = await invokeTool(tool, input as Record<string, unknown>, ctx.targetTimeoutMs);
  if (!run.ok) throw new RpcError(ErrorCode.InternalError, run.message);
  return run.result;
}

/** Decides and records the call; throws when the decision stops it. */
function authorize(ctx: CallContext, tool: GatewayTool, input: Record<string, unknown>, request: JSONRPCRequest): void {
  const { enforcement, gateway } = ctx.snapshot;
  if (!enforcement) return;
  if ('error' in enforcement) throw new RpcError(ErrorCode.InternalError, `Policy evaluation failed: ${enforcement.error}`);
  const started = performance.now();
  const authorizers = enforcement.engine.forAction(tool.name, ctx.principal);
  if ('issues' in authorizers) {
    throw new RpcError(ErrorCode.InternalError, `Policy evaluation failed: the policies do not load: ${authorizers.issues.map((i) => i.message).join('; ')}`);
  }
  const result = decide(authorizers, { principal: ctx.principal, action: tool.name, resource: gateway.arn, input, inputSchema: tool.inputSchema });
  if (!result.ok) throw new RpcError(ErrorCode.InvalidParams, `Invalid arguments for tool ${tool.name}: ${result.message}`);
  const { decision } = result;
  ctx.records.append(
    gateway.id,
    decisionRecord({
      requestId: ctx.requestId,
      gatewayArn: gateway.arn,
      policyEngineArn: enforcement.engine.engineArn,
      mode: enforcement.mode,
      principal: ctx.principal,
      requestBody: request,
      decision,
      latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
      now: Date.now(),
    }),
  );
  if (decision.decision === 'DENY' && enforcement.mode === 'ENFORCE') throw new RpcError(TOOL_DENIED, denialMessage(decision));
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '(the arguments)'} ${e.message ?? 'is not valid'}`).join('; ');
}
