// The tools of a Smithy target, from the model's JSON AST (the form AgentCore takes; IDL text cannot be read here):
// one tool per operation of the model's services (their `operations` and those of their resources, nested), named
// by the operation's shape name (`com.example#GetOrder` gives `GetOrder`) and described by its documentation
// trait. The input is the members of the operation's input structure, required when they carry
// `smithy.api#required`. Shapes map to AgentCore's JSON Schema subset: string, enum, timestamp and blob to string;
// byte, short, integer, long, intEnum and bigInteger to integer; float, double and bigDecimal to number; boolean;
// list and set to array; structure to object; map to an object without properties. A document or union shape, or
// a recursive structure, has no type in the subset: the whole target is then underivable. Traits other than
// documentation and required (jsonName, http bindings, constraints) are left out. A model without a service gives
// a tool for every operation shape.
import type { InputSchema, ToolSpec } from '../model.js';
import { isRecord, notDerivable, objectSchema, tool } from './derived.js';
import { readDocument } from './openapi.js';

type Shape = Record<string, unknown>;

const SCALARS: Record<string, InputSchema['type']> = {
  string: 'string',
  enum: 'string',
  timestamp: 'string',
  blob: 'string',
  byte: 'integer',
  short: 'integer',
  integer: 'integer',
  long: 'integer',
  intEnum: 'integer',
  bigInteger: 'integer',
  float: 'number',
  double: 'number',
  bigDecimal: 'number',
  boolean: 'boolean',
};

const DOCUMENTATION = 'smithy.api#documentation';
const REQUIRED = 'smithy.api#required';
const PRELUDE = 'smithy.api#';
const UNIT = 'smithy.api#Unit';
const RESOURCE_OPERATIONS = ['create', 'put', 'read', 'update', 'delete', 'list'] as const;

export function smithyTools(text: string): ToolSpec[] {
  const model = readDocument(text, 'Smithy model');
  if (!isRecord(model.shapes)) return notDerivable('the Smithy model has no shapes (AgentCore takes the JSON AST)');
  const shapes = model.shapes as Record<string, Shape>;
  return operationsOf(shapes).map((id) => {
    const operation = shapes[id]!;
    const input = targetOf(operation.input);
    const name = id.slice(id.indexOf('#') + 1);
    const inputSchema = input === undefined || input === UNIT ? objectSchema([]) : shapeSchema(shapes, input, `operation ${name} input`, new Set());
    return tool(name, inputSchema, documentation(operation));
  });
}

/** The operation ids of every service, in the order they are listed, each once; every operation without a service. */
function operationsOf(shapes: Record<string, Shape>): string[] {
  const services = Object.values(shapes).filter((shape) => isRecord(shape) && shape.type === 'service');
  if (services.length === 0) return Object.keys(shapes).filter((id) => shapes[id]?.type === 'operation');
  const found = new Set<string>();
  const visit = (shape: Shape | undefined, seen: Set<Shape>) => {
    if (!shape || seen.has(shape)) return;
    seen.add(shape);
    const operations = [...RESOURCE_OPERATIONS.map((key) => shape[key]), ...listOf(shape.operations), ...listOf(shape.collectionOperations)];
    for (const id of operations.map(targetOf)) if (id !== undefined && shapes[id]?.type === 'operation') found.add(id);
    for (const id of listOf(shape.resources).map(targetOf)) if (id !== undefined) visit(shapes[id], seen);
  };
  for (const service of services) visit(service, new Set());
  return [...found];
}

function shapeSchema(shapes: Record<string, Shape>, id: string, where: string, seen: ReadonlySet<string>): InputSchema {
  if (id.startsWith(PRELUDE)) return preludeSchema(id, where);
  const shape = shapes[id];
  if (!isRecord(shape)) return notDerivable(`${where} refers to ${id}, which the model does not define`);
  if (seen.has(id)) return notDerivable(`${where} is recursive (${id}), which AgentCore's input schemas cannot express`);
  const inside = new Set([...seen, id]);
  const description = documentation(shape);
  const described = description === undefined ? {} : { description };
  const type = String(shape.type);
  if (SCALARS[type]) return { type: SCALARS[type], ...described };
  if (type === 'list' || type === 'set') {
    const member = targetOf(shape.member);
    return { type: 'array', ...(member !== undefined && { items: shapeSchema(shapes, member, `${where}[]`, inside) }), ...described };
  }
  if (type === 'map') return { type: 'object', ...described };
  if (type !== 'structure') return notDerivable(`${where} is a ${type} shape (${id}), which AgentCore's input schemas cannot express`);
  const members = Object.entries(isRecord(shape.members) ? shape.members : {}).map(([name, member]): [string, InputSchema, boolean] => {
    const target = targetOf(member);
    if (target === undefined) return notDerivable(`${where}.${name} has no target`);
    const schema = shapeSchema(shapes, target, `${where}.${name}`, inside);
    const own = isRecord(member) ? documentation(member) : undefined;
    return [name, own === undefined ? schema : { ...schema, description: own }, isRecord(member) && isRecord(member.traits) && member.traits[REQUIRED] !== undefined];
  });
  return objectSchema(members, description);
}

/** `smithy.api#String`, `smithy.api#PrimitiveLong` and the like; Document has no type in the subset. */
function preludeSchema(id: string, where: string): InputSchema {
  const type = SCALARS[lowerFirst(id.slice(PRELUDE.length).replace(/^Primitive/, ''))];
  return type ? { type } : notDerivable(`${where} is a ${id}, which AgentCore's input schemas cannot express`);
}

function targetOf(reference: unknown): string | undefined {
  return isRecord(reference) && typeof reference.target === 'string' ? reference.target : undefined;
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function documentation(shape: Shape): string | undefined {
  const text = isRecord(shape.traits) ? shape.traits[DOCUMENTATION] : undefined;
  return typeof text === 'string' ? text : undefined;
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
