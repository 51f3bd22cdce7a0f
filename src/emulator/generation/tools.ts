// Binding the tool phrase of a rule to one tool of the gateway (by its name, its description and its target's
// name), and listing the input properties its conditions may name. A gateway with a single tool takes any tool
// phrase, and the asset says so; otherwise no match or a tie is refused.
import type { GatewaySpec, InputSchema, TargetSpec, ToolSpec } from '../../model.js';
import { actionName } from '../../cedar/schema.js';
import { bestMatch, stemsOf, type Candidate } from './match.js';
import { refuse, type Parsed } from './parsed.js';
import { contentWords, spelled, type Word } from './text.js';

/** What the translator reads of a gateway: its ARN, how callers authenticate, and its targets' tools. */
export type GenerationGateway = Pick<GatewaySpec, 'arn' | 'authorizerType' | 'targets'>;

export interface Property {
  name: string;
  schema: InputSchema;
  /** Required by every tool in scope, so no `has` guard is needed. */
  required: boolean;
}

/** The action a rule is about (undefined: every action) and the properties its conditions may name. */
export interface ToolScope {
  action?: string;
  properties: Property[];
  /** Stems of the tool's own words: "the refund amount" names `amount` of `process_refund`. */
  toolStems: Set<string>;
  notes: string[];
}

interface GatewayTool {
  action: string;
  tool: ToolSpec;
  target: TargetSpec;
}

const NOISE = new Set(['use', 'call', 'invoke', 'access', 'run', 'tool', 'tools', 'all', 'any', 'every']);

const toolsOf = (gateway: GenerationGateway): GatewayTool[] =>
  gateway.targets.flatMap((target) => target.tools.map((tool) => ({ action: actionName(target.name, tool.name), tool, target })));

const candidateOf = (t: GatewayTool): Candidate<GatewayTool> => ({
  item: t,
  name: t.tool.name,
  context: [t.tool.description, t.target.name, t.target.description].filter(Boolean).join(' '),
});

function propertiesOf(tools: readonly GatewayTool[]): Property[] {
  const byName = new Map<string, Property & { count: number }>();
  for (const { tool } of tools) {
    const required = new Set(tool.inputSchema.required ?? []);
    for (const [name, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
      const seen = byName.get(name);
      if (seen) byName.set(name, { ...seen, required: seen.required && required.has(name), count: seen.count + 1 });
      else byName.set(name, { name, schema, required: required.has(name), count: 1 });
    }
  }
  return [...byName.values()].map(({ count, ...p }) => ({ ...p, required: p.required && count === tools.length }));
}

function scopeOf(tool: GatewayTool, notes: string[]): ToolScope {
  const stems = stemsOf(candidateOf(tool));
  return { action: tool.action, properties: propertiesOf([tool]), toolStems: new Set([...stems.name, ...stems.context]), notes };
}

/** The tool the phrase names; every tool when the phrase is undefined. */
export function bindTool(phrase: readonly Word[] | undefined, gateway: GenerationGateway): Parsed<ToolScope> {
  const tools = toolsOf(gateway);
  if (!phrase) return { ok: true, value: { properties: propertiesOf(tools), toolStems: new Set(), notes: [] } };
  const said = spelled(phrase);
  if (tools.length === 0) return refuse(`The gateway ${gateway.arn} has no tools the local engine can read (it reads inline Lambda tool schemas).`);
  const words = contentWords(phrase.filter((w) => !NOISE.has(w.lower)).map((w) => w.text).join(' '));
  const match = bestMatch(words, tools.map(candidateOf));
  const names = tools.map((t) => t.action).join(', ');
  if (match.kind === 'tie') return refuse(`"${said}" matches several tools equally (${match.items.map((t) => t.action).join(', ')}): name the tool.`);
  if (match.kind === 'none') {
    if (tools.length > 1) return refuse(`No tool of the gateway matches "${said}"; its tools are ${names}.`);
    return { ok: true, value: scopeOf(tools[0]!, [`"${said}" names no tool of the gateway; its only tool, ${tools[0]!.action}, was used.`]) };
  }
  const loose = match.unmatched.length > 0 ? [`"${match.unmatched.map((w) => w.text).join(' ')}" matched nothing in ${match.item.action}.`] : [];
  return { ok: true, value: scopeOf(match.item, loose) };
}
