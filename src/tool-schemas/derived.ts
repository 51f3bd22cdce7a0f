// What reading a gateway target's tools gives: its tools in the engine file's shape, or why they cannot be known,
// and the helpers the document readers share to say so. Pure: a target configuration or a document in, tools out.
import type { InputSchema, ToolSpec } from '../model.js';

/** Where a schema kept in S3 lives, and what kind of document it is. */
export interface S3Schema {
  kind: SchemaDocumentKind;
  uri: string;
  bucketOwnerAccountId?: string;
}

/** A Lambda tool list (JSON array of tool definitions), an OpenAPI document or a Smithy JSON AST. */
export type SchemaDocumentKind = 'lambda' | 'openapi' | 'smithy';

export type DerivedTools =
  | { ok: true; tools: ToolSpec[] }
  /** `s3` is set when the tools are in a document in S3, which the caller may read and pass to toolsOfDocument. */
  | { ok: false; reason: string; s3?: S3Schema };

/** Raised inside a reader for a shape it cannot map; the reader's entry point turns it into `{ok: false}`. */
export class NotDerivable extends Error {}

export const notDerivable = (reason: string): never => {
  throw new NotDerivable(reason);
};

export function derive(read: () => ToolSpec[]): DerivedTools {
  try {
    return { ok: true, tools: read() };
  } catch (error) {
    if (error instanceof NotDerivable) return { ok: false, reason: error.message };
    throw error;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const TYPES: readonly InputSchema['type'][] = ['string', 'number', 'object', 'array', 'boolean', 'integer'];

export function isSchemaType(value: unknown): value is InputSchema['type'] {
  return typeof value === 'string' && (TYPES as readonly string[]).includes(value);
}

/** An object schema from named members: `required` only when some are, in the members' order. */
export function objectSchema(members: [name: string, schema: InputSchema, required: boolean][], description?: string): InputSchema {
  const names = new Set<string>();
  for (const [name] of members) {
    if (names.has(name)) notDerivable(`two inputs are named ${JSON.stringify(name)}`);
    names.add(name);
  }
  // From entries, so an input named `__proto__` is a property like any other, not the object's prototype.
  const properties = Object.fromEntries(members.map(([name, schema]) => [name, schema]));
  const required = members.filter(([, , isRequired]) => isRequired).map(([name]) => name);
  return {
    type: 'object',
    ...(members.length > 0 && { properties }),
    ...(required.length > 0 && { required }),
    ...(description !== undefined && { description }),
  };
}

/** A tool in the engine file's shape, its description left out when there is none. */
export function tool(name: string, inputSchema: InputSchema, description: string | undefined): ToolSpec {
  return { name, ...(description !== undefined && description !== '' && { description }), inputSchema };
}
