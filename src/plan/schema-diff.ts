// How the live gateways' targets and tools differ from the snapshot the engine file keeps of them, tool by tool and
// field by field, in words. Pure: which of these differences break a declared policy is decided by validating the
// policies against the live schema (src/run/schema-drift.ts); the rest only make the snapshot stale. Targets whose
// tools cannot be read live (`toolsUnknown`) and gateways not found live are not compared.
import type { GatewaySpec, InputSchema, LiveGateway, LiveTarget, TargetSpec, ToolSpec } from '../model.js';

export interface ToolDrift {
  gateway: { arn: string; name: string };
  target: string;
  /** Absent for a difference of the target itself (its description or Lambda ARN). */
  tool?: string;
  /** Each difference in words, naming its field (`input amount is no longer live`). */
  changes: string[];
  /** Input fields the differences are about, as paths (`amount`, `lines[].sku`). */
  fields: string[];
  /** The tool as live has it; absent when it is not live (gone, or its target is). */
  live?: ToolSpec;
}

const byName = <T extends { name: string }>(list: readonly T[]) => new Map(list.map((item) => [item.name, item]));

export function schemaDrift(declared: readonly GatewaySpec[], live: readonly LiveGateway[]): ToolDrift[] {
  const drift: ToolDrift[] = [];
  for (const spec of declared) {
    const gateway = live.find((g) => g.arn === spec.arn);
    if (!gateway) continue;
    const where = { arn: gateway.arn, name: gateway.name };
    const liveTargets = byName(gateway.targets);
    for (const target of spec.targets) {
      const found = liveTargets.get(target.name);
      if (found?.toolsUnknown !== undefined) continue;
      if (!found) {
        for (const tool of target.tools) drift.push({ gateway: where, target: target.name, tool: tool.name, changes: [`target ${target.name} is no longer live`], fields: [] });
        continue;
      }
      drift.push(...targetDrift(where, target, found));
    }
    for (const target of gateway.targets) {
      if (target.toolsUnknown !== undefined || spec.targets.some((t) => t.name === target.name)) continue;
      for (const tool of target.tools) drift.push({ gateway: where, target: target.name, tool: tool.name, changes: [`target ${target.name} is new live`], fields: [], live: tool });
    }
  }
  return drift;
}

function targetDrift(gateway: ToolDrift['gateway'], declared: TargetSpec, live: LiveTarget): ToolDrift[] {
  const drift: ToolDrift[] = [];
  const own = [
    ...(declared.description !== live.description ? ['its description differs'] : []),
    ...(declared.lambdaArn !== undefined && declared.lambdaArn !== live.lambdaArn ? ['its Lambda ARN differs'] : []),
  ];
  if (own.length > 0) drift.push({ gateway, target: declared.name, changes: own, fields: [] });
  const liveTools = byName(live.tools);
  for (const tool of declared.tools) {
    const found = liveTools.get(tool.name);
    if (!found) {
      drift.push({ gateway, target: declared.name, tool: tool.name, changes: ['the tool is no longer live'], fields: [] });
      continue;
    }
    const changes: Change[] = [...(tool.description !== found.description ? [{ words: 'its description differs' }] : []), ...inputDrift(tool.inputSchema, found.inputSchema, '')];
    if (changes.length > 0) drift.push({ gateway, target: declared.name, tool: tool.name, changes: changes.map((c) => c.words), fields: fieldsOf(changes), live: found });
  }
  for (const tool of live.tools) {
    if (!declared.tools.some((t) => t.name === tool.name)) drift.push({ gateway, target: declared.name, tool: tool.name, changes: ['the tool is new live'], fields: [], live: tool });
  }
  return drift;
}

interface Change {
  words: string;
  field?: string;
}

const fieldsOf = (changes: Change[]) => [...new Set(changes.flatMap((c) => (c.field ? [c.field] : [])))];

/** The differences of two input schemas, with the path of each field (`''` is the input itself). */
export function inputDrift(declared: InputSchema, live: InputSchema, path: string): Change[] {
  const name = path === '' ? 'the input' : `input ${path}`;
  if (declared.type !== live.type) return [{ words: `${name} is ${live.type} live, ${declared.type} in the file`, field: path || undefined }];
  const changes: Change[] = [];
  if (declared.description !== live.description && path !== '') changes.push({ words: `${name}: its description differs`, field: path });
  if (declared.type === 'array' && declared.items && live.items) changes.push(...inputDrift(declared.items, live.items, `${path}[]`));
  else if (declared.type === 'array' && (declared.items === undefined) !== (live.items === undefined)) changes.push({ words: `${name}: its items differ`, field: path });
  if (declared.type !== 'object') return changes;
  const before = declared.properties ?? {};
  const after = live.properties ?? {};
  const required = (schema: InputSchema, key: string) => (schema.required ?? []).includes(key);
  for (const key of Object.keys(before)) {
    const field = path === '' ? key : `${path}.${key}`;
    if (!Object.hasOwn(after, key)) changes.push({ words: `input ${field} is no longer live`, field });
    else {
      if (required(declared, key) !== required(live, key)) changes.push({ words: `input ${field} is ${required(live, key) ? 'required' : 'optional'} live`, field });
      changes.push(...inputDrift(before[key]!, after[key]!, field));
    }
  }
  for (const key of Object.keys(after)) {
    const field = path === '' ? key : `${path}.${key}`;
    if (!Object.hasOwn(before, key)) changes.push({ words: `input ${field} is new live${required(live, key) ? ' (required)' : ''}`, field });
  }
  return changes;
}
