// The tools of an OpenAPI target, as AgentCore Gateway exposes them: one tool per operation that has an
// `operationId` (the tool's name; operations without one are not exposed), described by the operation's
// `description`, else its `summary`. The input is an object of the operation's path and query parameters and the
// members of its JSON request body, each mapped to AgentCore's JSON Schema subset (mapping.ts). Header and cookie
// parameters are left out: they carry credentials and transport details, not tool arguments (our reading; AgentCore
// does not document the generated input schema). Anything the mapping cannot say exactly (a body that is not an
// object, oneOf/anyOf/allOf, which AgentCore does not support, a reference outside the document) makes the whole
// target underivable, rather than a guess a policy would be validated against.
import { parseDocument } from 'yaml';
import type { InputSchema, ToolSpec } from '../model.js';
import { isRecord, notDerivable, objectSchema, tool } from './derived.js';
import { mapJsonSchema, resolveRef } from './mapping.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** No OpenAPI document needs more aliases than this (YAML documents may use them). */
const MAX_ALIAS_COUNT = 100;

/** Parses the document, JSON or YAML text alike. */
export function readDocument(text: string, what: string): Record<string, unknown> {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) return notDerivable(`the ${what} does not parse: ${doc.errors[0]!.message.split('\n')[0]}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return notDerivable(`the ${what} expands its aliases too far`);
  }
  return isRecord(value) ? value : notDerivable(`the ${what} is not an object`);
}

export function openApiTools(text: string): ToolSpec[] {
  const document = readDocument(text, 'OpenAPI document');
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.')) {
    return notDerivable('it is not an OpenAPI 3 document (AgentCore supports OpenAPI 3.0 and 3.1, not Swagger 2.0)');
  }
  const tools: ToolSpec[] = [];
  for (const [path, item] of Object.entries(isRecord(document.paths) ? document.paths : {})) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isRecord(operation) || typeof operation.operationId !== 'string') continue;
      const where = `operation ${operation.operationId} (${method.toUpperCase()} ${path})`;
      const description = typeof operation.description === 'string' ? operation.description : typeof operation.summary === 'string' ? operation.summary : undefined;
      tools.push(tool(operation.operationId, inputOf(document, item, operation, where), description));
    }
  }
  return tools;
}

function inputOf(document: Record<string, unknown>, item: Record<string, unknown>, operation: Record<string, unknown>, where: string): InputSchema {
  const members: [string, InputSchema, boolean][] = [];
  for (const parameter of parametersOf(document, item, operation, where)) {
    const schema = mapJsonSchema(document, parameter.schema, `${where}, parameter ${parameter.name}`);
    const described = schema.description === undefined && typeof parameter.description === 'string' ? { ...schema, description: parameter.description } : schema;
    members.push([parameter.name, described, parameter.required === true || parameter.in === 'path']);
  }
  for (const member of bodyMembers(document, operation.requestBody, where)) members.push(member);
  return objectSchema(members);
}

interface Parameter {
  name: string;
  in: string;
  required?: unknown;
  description?: unknown;
  schema?: unknown;
}

/** The path item's parameters, overridden by the operation's of the same name and place; path and query only. */
function parametersOf(document: Record<string, unknown>, item: Record<string, unknown>, operation: Record<string, unknown>, where: string): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const list of [item.parameters, operation.parameters]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const parameter = resolveRef(document, raw, where);
      if (!isRecord(parameter) || typeof parameter.name !== 'string' || typeof parameter.in !== 'string') return notDerivable(`${where} has a parameter without a name or place`);
      byKey.set(`${parameter.in}\u0000${parameter.name}`, parameter as unknown as Parameter);
    }
  }
  return [...byKey.values()].filter((p) => p.in === 'path' || p.in === 'query');
}

/** The members of a JSON request body; its required members are required only when the body is. */
function bodyMembers(document: Record<string, unknown>, raw: unknown, where: string): [string, InputSchema, boolean][] {
  if (raw === undefined) return [];
  const body = resolveRef(document, raw, `${where}, request body`);
  const content = isRecord(body) && isRecord(body.content) ? body.content : {};
  const type = Object.keys(content).find((name) => name === 'application/json') ?? Object.keys(content).find((name) => /[/+]json\b/.test(name));
  if (type === undefined) return Object.keys(content).length === 0 ? [] : notDerivable(`${where} has no JSON request body (only application/json is supported)`);
  const media = content[type];
  const schema = mapJsonSchema(document, isRecord(media) ? media.schema : undefined, `${where}, request body`);
  if (schema.type !== 'object') return notDerivable(`${where} has a request body that is not an object`);
  const required = new Set(isRecord(body) && body.required === true ? (schema.required ?? []) : []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => [name, property, required.has(name)]);
}
