// JSON Schema (as OpenAPI 3.0 and 3.1 write it) to AgentCore's subset: type, properties, required, items,
// description. Local references (`#/components/...`) are followed; `nullable` and 3.1's `type: [T, "null"]` give
// T. Left out, as the subset has no place for them: format, enum, default, examples, bounds, patterns,
// additionalProperties. What has no type in the subset (oneOf, anyOf, allOf, not, a recursive schema, a reference
// to another document) cannot be mapped, and says where.
import type { InputSchema } from '../model.js';
import { isRecord, isSchemaType, notDerivable } from './derived.js';

const COMPOSITIONS = ['oneOf', 'anyOf', 'allOf', 'not'] as const;

/** The value a `$ref` points at inside the document, or the value itself when it is no reference. */
export function resolveRef(document: Record<string, unknown>, value: unknown, where: string, seen: ReadonlySet<string> = new Set()): unknown {
  if (!isRecord(value) || typeof value.$ref !== 'string') return value;
  const ref = value.$ref;
  if (!ref.startsWith('#/')) return notDerivable(`${where} refers to ${ref}, outside the document`);
  if (seen.has(ref)) return notDerivable(`${where} is recursive (${ref}), which AgentCore's input schemas cannot express`);
  let found: unknown = document;
  for (const part of ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    found = isRecord(found) && Object.hasOwn(found, part) ? found[part] : undefined;
  }
  if (found === undefined) return notDerivable(`${where} refers to ${ref}, which the document does not define`);
  return resolveRef(document, found, where, new Set([...seen, ref]));
}

export function mapJsonSchema(document: Record<string, unknown>, raw: unknown, where: string, seen: ReadonlySet<string> = new Set()): InputSchema {
  const ref = isRecord(raw) && typeof raw.$ref === 'string' ? raw.$ref : undefined;
  if (ref !== undefined && seen.has(ref)) return notDerivable(`${where} is recursive (${ref}), which AgentCore's input schemas cannot express`);
  const schema = resolveRef(document, raw, where, seen);
  const inside = ref === undefined ? seen : new Set([...seen, ref]);
  if (!isRecord(schema)) return notDerivable(`${where} has no schema`);
  const composed = COMPOSITIONS.find((keyword) => schema[keyword] !== undefined);
  if (composed) return notDerivable(`${where} uses ${composed}, which AgentCore does not support`);
  const type = typeOf(schema, where);
  const description = typeof schema.description === 'string' ? { description: schema.description } : {};
  if (type === 'array') {
    return { type, ...(schema.items !== undefined && { items: mapJsonSchema(document, schema.items, `${where}[]`, inside) }), ...description };
  }
  if (type !== 'object') return { type, ...description };
  const properties = Object.entries(isRecord(schema.properties) ? schema.properties : {}).map(
    ([name, property]) => [name, mapJsonSchema(document, property, `${where}.${name}`, inside)] as const,
  );
  const names = new Set(properties.map(([name]) => name));
  const required = (Array.isArray(schema.required) ? schema.required : []).filter((name): name is string => typeof name === 'string' && names.has(name));
  return {
    type,
    ...(properties.length > 0 && { properties: Object.fromEntries(properties) }),
    ...(required.length > 0 && { required }),
    ...description,
  };
}

function typeOf(schema: Record<string, unknown>, where: string): InputSchema['type'] {
  const declared = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : [schema.type];
  if (declared.length > 1) return notDerivable(`${where} allows several types (${declared.join(', ')}), which AgentCore cannot express`);
  const [type] = declared;
  if (isSchemaType(type)) return type;
  if (type !== undefined) return notDerivable(`${where} has type ${JSON.stringify(type)}, which AgentCore does not know`);
  if (schema.properties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  return notDerivable(`${where} has no type`);
}
