// Rewrites the `targets` of an engine file's gateways from what pull read live, as a person would: only the values
// that differ are written (a property's line, a tool's description, a whole tool added or removed), through the
// splices of yaml-splice.ts, so the rest of the file stays byte for byte as it was. Values are compared with the
// file's `{{variables}}` filled, so a value written through a variable that still holds is left as written. A
// target whose tools could not be read live (`toolsUnknown`) is left as written; one that is gone live is removed.
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { InputSchema, LiveTarget, TargetSpec, ToolSpec } from '../model.js';
import { flowList, flowSchema, isLeaf, item, keyed, listLines, scalar, schemaLines, targetLines, toolLines } from './targets-render.js';
import { afterLines, applySplices, dashColumn, insertLines, isBlockMap, isBlockSeq, keyColumn, removeItem, removePair, replaceValue, type Splice } from './yaml-splice.js';

export interface PulledGateway {
  /** The gateway's index in the file's `gateways` list. */
  index: number;
  targets: readonly LiveTarget[];
}

export type TargetsEdit = { ok: true; text: string } | { ok: false; message: string };

type Fill = (value: string) => string;

export function rewriteTargets(text: string, gateways: readonly PulledGateway[], fill: Fill): TargetsEdit {
  const doc = parseDocument(text, { uniqueKeys: false });
  const list = doc.get('gateways', true);
  if (!isSeq(list)) return { ok: false, message: 'the file has no `gateways:` list' };
  const edit = new Edit(text, fill);
  for (const pulled of gateways) {
    const gateway = list.items[pulled.index];
    if (!isBlockMap(gateway)) return { ok: false, message: `gateways[${pulled.index}] is not written as a block map, so its targets cannot be rewritten in place` };
    edit.targets(gateway, pulled.targets);
  }
  return { ok: true, text: applySplices(text, edit.splices) };
}

const pairOf = (map: YAMLMap, key: string) => map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
const nameOf = (node: unknown) => (isMap(node) ? node.get('name') : undefined);

class Edit {
  readonly splices: Splice[] = [];
  constructor(
    private readonly text: string,
    private readonly fill: Fill,
  ) {}

  targets(gateway: YAMLMap, live: readonly LiveTarget[]): void {
    const pair = pairOf(gateway, 'targets');
    const written = pair && isSeq(pair.value) ? pair.value.items : [];
    const known = new Map(live.map((t) => [t.name, t]));
    // What the list becomes: each written target as live has it (or as written, when live cannot say), then new ones.
    const kept = written.flatMap((node): (TargetSpec | Node)[] => {
      const target = known.get(String(nameOf(node)));
      if (!target) return [];
      return target.toolsUnknown === undefined ? [target] : [node as Node];
    });
    const added = live.filter((t) => t.toolsUnknown === undefined && !written.some((node) => nameOf(node) === t.name));
    this.list(gateway, 'targets', pair, [...kept, ...added], (node, want) => this.target(node, want), targetLines, ['authorizerType', 'mode', 'arn']);
  }

  /** A list of named maps: items kept, changed, removed and added; a list not written as a block is written anew. */
  private list<T extends { name: string }>(
    parent: YAMLMap,
    key: string,
    pair: Pair | undefined,
    want: readonly (T | Node)[],
    change: (node: YAMLMap, want: T) => void,
    render: (want: T) => string[],
    after: readonly string[],
  ): void {
    const wanted = want.filter((w): w is T => !isNodeLike(w));
    if (!pair) {
      this.insert(parent, listLines(key, wanted.map(render)), after);
      return;
    }
    const seq = pair.value;
    if (!isBlockSeq(seq)) {
      const current = isSeq(seq) ? (seq.toJSON() as unknown[]) : undefined;
      const whole = want.map((w) => (isNodeLike(w) ? (w.toJSON() as T) : w));
      if (!this.same(current, whole)) this.splices.push(replaceValue(this.text, pair, whole.length === 0 ? ['[]'] : whole.map(render).flatMap(item)));
      return;
    }
    if (want.length === 0) {
      // Every item goes: the list is written `[]`, as an empty list is.
      if (seq.items.length > 0) this.splices.push(replaceValue(this.text, pair, ['[]']));
      return;
    }
    const names = new Set(want.map((w) => (isNodeLike(w) ? String(nameOf(w)) : w.name)));
    for (const node of seq.items) {
      const target = wanted.find((w) => w.name === nameOf(node));
      if (!names.has(String(nameOf(node)))) this.splices.push(removeItem(this.text, node as Node));
      else if (target && isBlockMap(node)) change(node, target);
      else if (target && !this.same((node as Node).toJSON(), target)) {
        this.splices.push(removeItem(this.text, node as Node), insertLines(this.text, afterLines(this.text, node as Node, 0), item(render(target)), dashColumn(this.text, seq)));
      }
    }
    const added = wanted.filter((w) => !seq.items.some((node) => nameOf(node) === w.name));
    if (added.length > 0) this.splices.push(insertLines(this.text, afterLines(this.text, seq, 0), added.map(render).flatMap(item), dashColumn(this.text, seq)));
  }

  private target(map: YAMLMap, want: TargetSpec): void {
    this.scalar(map, 'description', want.description, ['name']);
    this.scalar(map, 'lambdaArn', want.lambdaArn, ['name', 'description']);
    const tools = pairOf(map, 'tools');
    this.list(map, 'tools', tools, want.tools, (node, tool) => this.tool(node, tool), toolLines, ['name', 'description', 'lambdaArn', 'local']);
  }

  private tool(map: YAMLMap, want: ToolSpec): void {
    this.scalar(map, 'description', want.description, ['name']);
    this.schema(map, 'inputSchema', want.inputSchema, ['name', 'description']);
  }

  private schema(map: YAMLMap, key: string, want: InputSchema | undefined, after: readonly string[]): void {
    const pair = pairOf(map, key);
    if (!pair || want === undefined) {
      if (pair) this.splices.push(removePair(this.text, pair));
      else if (want) this.insert(map, keyed(key, want), after);
      return;
    }
    if (this.same((pair.value as Node | null)?.toJSON(), want)) return;
    const node = pair.value;
    if (!isBlockMap(node)) {
      this.splices.push(replaceValue(this.text, pair, isLeaf(want) ? [flowSchema(want)] : schemaLines(want)));
      return;
    }
    this.scalar(node, 'type', want.type, []);
    this.properties(node, want.properties);
    const required = pairOf(node, 'required');
    if (want.required === undefined) {
      if (required) this.splices.push(removePair(this.text, required));
    } else if (!required) this.insert(node, [`required: ${flowList(want.required)}`], ['type', 'properties']);
    else if (!this.same(required.value && (required.value as Node).toJSON(), want.required)) this.splices.push(replaceValue(this.text, required, [flowList(want.required)]));
    this.schema(node, 'items', want.items, ['type', 'properties', 'required']);
    this.scalar(node, 'description', want.description, ['type', 'properties', 'required', 'items']);
  }

  private properties(map: YAMLMap, want: Record<string, InputSchema> | undefined): void {
    const pair = pairOf(map, 'properties');
    const lines = (properties: Record<string, InputSchema>) => Object.entries(properties).flatMap(([name, schema]) => keyed(name, schema));
    if (!pair || want === undefined) {
      if (pair) this.splices.push(removePair(this.text, pair));
      else if (want) this.insert(map, ['properties:', ...lines(want).map((line) => `  ${line}`)], ['type']);
      return;
    }
    const node = pair.value;
    if (this.same((node as Node | null)?.toJSON(), want)) return;
    if (!isBlockMap(node)) {
      this.splices.push(replaceValue(this.text, pair, Object.keys(want).length === 0 ? ['{}'] : lines(want)));
      return;
    }
    for (const property of node.items) {
      const name = String((property.key as { value?: unknown }).value);
      if (!Object.hasOwn(want, name)) this.splices.push(removePair(this.text, property));
      else this.schema(node, name, want[name], []);
    }
    const added = Object.entries(want).filter(([name]) => !pairOf(node, name));
    if (added.length > 0) this.splices.push(insertLines(this.text, afterLines(this.text, node, 0), added.flatMap(([name, schema]) => keyed(name, schema)), keyColumn(this.text, node)));
  }

  private scalar(map: YAMLMap, key: string, want: string | undefined, after: readonly string[]): void {
    const pair = pairOf(map, key);
    if (!pair) {
      if (want !== undefined) this.insert(map, [`${key}: ${scalar(want)}`], after);
    } else if (want === undefined) this.splices.push(removePair(this.text, pair));
    else if (!isScalar(pair.value) || this.fill(String(pair.value.value)) !== want) this.splices.push(replaceValue(this.text, pair, [scalar(want)]));
  }

  /** New lines in a block map, after the last of the keys they follow (`after`), else before its first key. */
  private insert(map: YAMLMap, lines: readonly string[], after: readonly string[]): void {
    const before = map.items.filter((pair) => isScalar(pair.key) && after.includes(String(pair.key.value))).at(-1);
    const first = map.items[0]?.key as Node | undefined;
    const at = before ? afterLines(this.text, (before.value as Node | null) ?? (before.key as Node), (before.key as Node).range![0]) : this.text.lastIndexOf('\n', (first?.range?.[0] ?? 1) - 1) + 1;
    this.splices.push(insertLines(this.text, at, lines, keyColumn(this.text, map)));
  }

  /** Equal once variables are filled: maps whatever their key order, `required` lists whatever their order. */
  private same(written: unknown, want: unknown, key = ''): boolean {
    if (typeof written === 'string') return typeof want === 'string' && this.fill(written) === want;
    if (Array.isArray(written) || Array.isArray(want)) {
      if (!Array.isArray(written) || !Array.isArray(want) || written.length !== want.length) return false;
      if (key === 'required') return [...written].map(String).sort().join('\u0000') === [...want].map(String).map(this.fill).sort().join('\u0000');
      return written.every((w, i) => this.same(w, want[i]));
    }
    if (isObject(written) && isObject(want)) {
      const keys = new Set([...Object.keys(written), ...Object.keys(want)].filter((k) => written[k] !== undefined || want[k] !== undefined));
      return [...keys].every((k) => this.same(written[k], want[k], k));
    }
    return written === want;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNodeLike = (value: unknown): value is Node => isMap(value) || isSeq(value) || isScalar(value);
