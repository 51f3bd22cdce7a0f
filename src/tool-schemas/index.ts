// The tools of a gateway target, read from its target configuration as AgentCore returns it (GetGatewayTarget):
// Lambda tool definitions inline, OpenAPI and Smithy documents inline, or any of them kept in S3 (the caller reads
// S3 and hands the text to toolsOfDocument). MCP servers, API Gateway, connectors and HTTP targets list their
// tools only at run time: their tools cannot be known from the configuration. Shared by the client layer and the
// emulator, so both see a target's tools alike.
import type { ToolSpec } from '../model.js';
import { derive, isRecord, type DerivedTools, type S3Schema, type SchemaDocumentKind } from './derived.js';
import { lambdaTools } from './lambda.js';
import { openApiTools } from './openapi.js';
import { smithyTools } from './smithy.js';

export type { DerivedTools, S3Schema, SchemaDocumentKind };

const RUNTIME_ONLY: Record<string, string> = {
  mcpServer: 'an MCP server lists its tools only when asked at run time',
  apiGateway: 'an API Gateway target takes its tools from the REST API at run time',
  connector: 'a connector target takes its tools from the connector at run time',
};

export function toolsOfTarget(configuration: unknown): DerivedTools {
  const mcp = isRecord(configuration) ? configuration.mcp : undefined;
  if (!isRecord(mcp)) return { ok: false, reason: 'it is not an MCP target (HTTP and inference targets have no tool schema)' };
  if (isRecord(mcp.lambda)) return fromSchema('lambda', mcp.lambda.toolSchema);
  if (mcp.openApiSchema !== undefined) return fromSchema('openapi', mcp.openApiSchema);
  if (mcp.smithyModel !== undefined) return fromSchema('smithy', mcp.smithyModel);
  const kind = Object.keys(mcp)[0];
  return { ok: false, reason: (kind && RUNTIME_ONLY[kind]) ?? `its target type (${kind ?? 'none'}) has no tool schema this tool can read` };
}

/** Tools of a schema document's text (a Lambda tool list as JSON, an OpenAPI document, a Smithy JSON AST). */
export function toolsOfDocument(kind: SchemaDocumentKind, text: string): DerivedTools {
  if (kind === 'lambda') return derive(() => lambdaTools(parseJson(text)));
  return derive(() => (kind === 'openapi' ? openApiTools(text) : smithyTools(text)));
}

function fromSchema(kind: SchemaDocumentKind, schema: unknown): DerivedTools {
  if (!isRecord(schema)) return { ok: false, reason: 'its tool schema is missing' };
  if (isRecord(schema.s3)) {
    const { uri, bucketOwnerAccountId } = schema.s3;
    if (typeof uri !== 'string') return { ok: false, reason: 'its tool schema is in S3 without a URI' };
    const s3: S3Schema = { kind, uri, ...(typeof bucketOwnerAccountId === 'string' && { bucketOwnerAccountId }) };
    return { ok: false, reason: `its tool schema is in S3 (${uri})`, s3 };
  }
  const payload = schema.inlinePayload;
  if (kind === 'lambda') return derive(() => lambdaTools(payload));
  if (typeof payload !== 'string') return { ok: false, reason: 'its inline schema is not a document' };
  return toolsOfDocument(kind, payload);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Tools by name, for comparisons. */
export function toolsByName(tools: readonly ToolSpec[]): Map<string, ToolSpec> {
  return new Map(tools.map((t) => [t.name, t]));
}
