// Writes targets, tools and input schemas as an engine file writes them by hand: block maps, with each property's
// schema on one line in flow style when it has no properties or items of its own (`amount: { type: integer }`), and
// `required` as a flow list (`[orderId, amount]`). Strings are written plain where YAML reads them back unchanged,
// and double-quoted otherwise. Lines come without indentation; the caller indents them where they go.
import { stringify } from 'yaml';
import type { InputSchema, TargetSpec, ToolSpec } from '../model.js';

/** A string as a YAML scalar that reads back as the same string, in block and in flow context alike. */
export function scalar(text: string): string {
  const plain = stringify(text, { lineWidth: 0 }).trimEnd();
  const flowSafe = !/[,[\]{}]/.test(text);
  return plain === text && flowSafe ? text : JSON.stringify(text);
}

/** A schema written on one line: it has no properties or items. */
export function isLeaf(schema: InputSchema): boolean {
  return schema.properties === undefined && schema.items === undefined;
}

export function flowSchema(schema: InputSchema): string {
  const pairs = [`type: ${scalar(schema.type)}`, ...(schema.required ? [`required: ${flowList(schema.required)}`] : []), ...(schema.description !== undefined ? [`description: ${scalar(schema.description)}`] : [])];
  return `{ ${pairs.join(', ')} }`;
}

export const flowList = (items: readonly string[]) => `[${items.map(scalar).join(', ')}]`;

/** The lines of a schema's block map: type, properties, required, items, description. */
export function schemaLines(schema: InputSchema): string[] {
  const lines = [`type: ${scalar(schema.type)}`];
  if (schema.properties) {
    lines.push('properties:');
    for (const [name, property] of Object.entries(schema.properties)) lines.push(...keyed(name, property).map(indent));
  }
  if (schema.required) lines.push(`required: ${flowList(schema.required)}`);
  if (schema.items) lines.push(...keyed('items', schema.items));
  if (schema.description !== undefined) lines.push(`description: ${scalar(schema.description)}`);
  return lines;
}

/** `key: { type: string }`, or `key:` and the schema's block map under it. */
export function keyed(key: string, schema: InputSchema): string[] {
  return isLeaf(schema) ? [`${scalar(key)}: ${flowSchema(schema)}`] : [`${scalar(key)}:`, ...schemaLines(schema).map(indent)];
}

export function toolLines(tool: ToolSpec): string[] {
  return [`name: ${scalar(tool.name)}`, ...(tool.description !== undefined ? [`description: ${scalar(tool.description)}`] : []), 'inputSchema:', ...schemaLines(tool.inputSchema).map(indent)];
}

export function targetLines(target: TargetSpec): string[] {
  const lines = [`name: ${scalar(target.name)}`];
  if (target.description !== undefined) lines.push(`description: ${scalar(target.description)}`);
  if (target.lambdaArn !== undefined) lines.push(`lambdaArn: ${scalar(target.lambdaArn)}`);
  if (target.local !== undefined) lines.push(`local: { url: ${scalar(target.local.url)} }`);
  lines.push(...listLines('tools', target.tools.map(toolLines)));
  return lines;
}

/** `key:` and a block list of items (each given as its lines), or `key: []` for none. */
export function listLines(key: string, items: string[][]): string[] {
  if (items.length === 0) return [`${key}: []`];
  return [`${key}:`, ...items.flatMap((lines) => item(lines).map(indent))];
}

/** An item of a block list: `- ` before its first line, its other lines under it. */
export function item(lines: readonly string[]): string[] {
  return lines.map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`));
}

export const indent = (line: string) => `  ${line}`;
