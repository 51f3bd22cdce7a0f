// The tools of a Lambda target: `toolSchema.inlinePayload` (or the same JSON array kept in S3) is already AgentCore's
// JSON Schema subset, tool by tool. Only the members the engine file knows are kept (type, properties, required,
// items, description); `outputSchema` plays no part in authorization and is left out.
import type { InputSchema, ToolSpec } from '../model.js';
import { isRecord, isSchemaType, notDerivable, tool } from './derived.js';

export function lambdaTools(payload: unknown): ToolSpec[] {
  if (!Array.isArray(payload)) return notDerivable('the tool schema is not a list of tool definitions');
  return payload.map((definition, index) => {
    if (!isRecord(definition) || typeof definition.name !== 'string') return notDerivable(`tool definition ${index + 1} has no name`);
    const description = typeof definition.description === 'string' ? definition.description : undefined;
    return tool(definition.name, subset(definition.inputSchema, `${definition.name}.inputSchema`), description);
  });
}

function subset(schema: unknown, where: string): InputSchema {
  if (!isRecord(schema) || !isSchemaType(schema.type)) return notDerivable(`${where} has no type AgentCore knows`);
  const properties = isRecord(schema.properties)
    ? Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, subset(property, `${where}.properties.${name}`)]))
    : undefined;
  const required = Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : undefined;
  return {
    type: schema.type,
    ...(properties && { properties }),
    ...(required && { required }),
    ...(schema.items !== undefined && { items: subset(schema.items, `${where}.items`) }),
    ...(typeof schema.description === 'string' && { description: schema.description }),
  };
}
