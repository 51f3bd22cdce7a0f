// Parses a YAML file and checks it against one of the published JSON Schemas, reporting every problem with the
// line and column of the offending node. Unknown keys are errors that suggest the closest known key; a value that
// breaks a `pattern` is told the rule in words, from the schema's `patternErrorMessage` (the keyword editors show).
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../model.js';
import { patternInWords } from '../schema-words.js';
import { plural } from '../text.js';
import { validate as engine } from './schema-validators/engine.js';
import { validate as policies } from './schema-validators/policies.js';
import { validate as tests } from './schema-validators/tests.js';
import { closest } from './suggest.js';

export type SchemaName = 'engine' | 'policies' | 'tests';

/** No manifest needs more aliases than this; more is a document built to exhaust memory. */
const MAX_ALIAS_COUNT = 100;

/** The schemas compiled at build time (scripts/schema-validators.mjs), with `verbose` errors: each gives its parent
 * schema, where the known keys for "did you mean" come from. */
const validators = { engine, policies, tests } as unknown as Record<SchemaName, ValidateFunction>;
const validatorFor = (name: SchemaName): ValidateFunction => validators[name];

export interface YamlFile {
  file: string;
  doc: Document;
  lines: LineCounter;
  /** The plain JavaScript value of the document. */
  value: unknown;
  /** The text the document was parsed from. */
  source: string;
}

/** A file that parsed but breaks its schema comes back with what was read (`partial`), and the top-level keys that
 * hold an error (`''` when the document as a whole is wrong), so a reader can keep what is sound. */
export type YamlResult =
  | { ok: true; yaml: YamlFile }
  | { ok: false; diagnostics: Diagnostic[]; partial?: { yaml: YamlFile; invalidKeys: Set<string> } };

/** Line and column of a character offset. */
export function positionOf(yaml: Pick<YamlFile, 'lines'>, offset: number): { line: number; column: number } {
  const { line, col } = yaml.lines.linePos(offset);
  return { line, column: col };
}

/** The node at a path of keys and indexes, for locating a value. Keys are looked up in an index of each map, built
 * on first use: the yaml library's own lookup scans the map, which made locating every error of a map quadratic. */
export function nodeAt(yaml: YamlFile, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = yaml.doc.contents;
  for (const part of path) {
    if (isMap(node)) node = pairOf(node, String(part))?.value;
    else if (isSeq(node) && typeof part === 'number') node = node.items[part];
    else return undefined;
  }
  return isNode(node) ? node : undefined;
}

const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** The pair of a map whose key becomes the property `key` (as in duplicateKeys). */
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
    pairIndexes.set(map, index);
  }
  return index.get(key);
}

/** Where a value sits (the start of its node), falling back to its nearest existing parent. */
export function locate(yaml: YamlFile, path: readonly (string | number)[]): { file: string; line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = nodeAt(yaml, path.slice(0, depth));
    if (node?.range) return { file: yaml.file, ...positionOf(yaml, node.range[0]) };
  }
  return { file: yaml.file, line: 1, column: 1 };
}

/** What a reader does to a document's value before the schema checks it (engine files fill `{{variables}}`):
 * the value to check, its own findings, the paths (JSON pointers) whose schema errors those findings explain, and
 * words to add to a schema error at a path (where a value came from). */
export type Prepare = (yaml: YamlFile) => {
  value: unknown;
  diagnostics: Diagnostic[];
  explained: ReadonlySet<string>;
  notes?: ReadonlyMap<string, string>;
};

export function parseYaml(file: string, text: string, schema: SchemaName, prepare?: Prepare): YamlResult {
  const lines = new LineCounter();
  // The yaml library's own duplicate-key check compares each key with every key before it (80,000 keys took 96 s);
  // duplicateKeys does the same in one pass.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const syntax = [...doc.errors, ...doc.warnings].map((error): Diagnostic => {
    const { line, col } = lines.linePos(error.pos[0]);
    return { severity: 'error', code: 'repository/yaml-syntax', message: firstLine(error.message), file, line, column: col };
  });
  if (syntax.length > 0) return { ok: false, diagnostics: syntax };
  const duplicates = duplicateKeys(doc, file, lines);
  if (duplicates.length > 0) return { ok: false, diagnostics: duplicates };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // The yaml library refuses alias chains that expand exponentially (a "billion laughs" document).
    const message = `${file} expands its aliases (*name) too far; write the values out`;
    return { ok: false, diagnostics: [{ severity: 'error', code: 'repository/yaml-syntax', message, file, line: 1, column: 1 }] };
  }
  if (value === null || value === undefined) {
    return { ok: false, diagnostics: [{ severity: 'error', code: 'repository/empty-file', message: `${file} is empty`, file, line: 1, column: 1 }] };
  }
  const read: YamlFile = { file, doc, lines, value, source: text };
  const prepared = prepare?.(read) ?? { value, diagnostics: [], explained: new Set<string>() };
  const yaml: YamlFile = { ...read, value: prepared.value };
  const validate = validatorFor(schema);
  if (validate(yaml.value) && prepared.diagnostics.length === 0) return { ok: true, yaml };
  // `propertyNames` adds a vague error of its own beside the one that says what is wrong with the key.
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'propertyNames' && !prepared.explained.has(e.instancePath));
  const noted = (e: ErrorObject, d: Diagnostic) => {
    const note = prepared.notes?.get(e.instancePath);
    return note ? { ...d, message: `${d.message} (${note})` } : d;
  };
  const diagnostics = capped(dedupe([...prepared.diagnostics, ...errors.map((e) => noted(e, schemaDiagnostic(yaml, e)))]), file);
  const invalidKeys = new Set([...errors.map(topLevelKey), ...[...prepared.explained].map((pointer) => String(pathOf(pointer)[0] ?? ''))]);
  return { ok: false, diagnostics, partial: { yaml, invalidKeys } };
}

/** More schema errors than this in one file are a file written to flood the output; the rest are counted. */
export const MAX_SCHEMA_DIAGNOSTICS = 100;

function capped(diagnostics: Diagnostic[], file: string): Diagnostic[] {
  if (diagnostics.length <= MAX_SCHEMA_DIAGNOSTICS) return diagnostics;
  const shown = diagnostics.slice(0, MAX_SCHEMA_DIAGNOSTICS);
  const rest = diagnostics.length - MAX_SCHEMA_DIAGNOSTICS;
  const last = shown[shown.length - 1]!;
  const message = `${file} has ${plural(rest, 'more schema error')} after this one, not listed; fix these first`;
  return [...shown, { severity: 'error', code: 'repository/schema', message, file, line: last.line, column: last.column }];
}

/** The top-level key an error is about: the key it is under, or the one missing or unknown at the top. */
function topLevelKey(error: ErrorObject): string {
  const [first] = pathOf(error.instancePath);
  if (first !== undefined) return String(first);
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  return params.missingProperty ?? params.additionalProperty ?? '';
}

/** Keys set twice in one map, by the property they become (so `1` and `"1"` collide, as they would in the value),
 * each reported where it is set again. Keys that are not scalars are left to the schema. */
export function duplicateKeys(doc: Document, file: string, lines: LineCounter): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(doc, {
    Map(_, map) {
      const first = new Map<string, number>();
      for (const { key } of map.items) {
        if (!isScalar(key) || !key.range) continue;
        const name = String(key.value);
        const earlier = first.get(name);
        if (earlier === undefined) {
          first.set(name, key.range[0]);
          continue;
        }
        const { line, col } = lines.linePos(key.range[0]);
        const message = `duplicate key ${JSON.stringify(name)}: it is already set on line ${lines.linePos(earlier).line}`;
        found.push({ severity: 'error', code: 'repository/duplicate-key', message, file, line, column: col });
      }
    },
  });
  return found;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** The keys and indexes of a JSON pointer (`/gateways/0/arn`). */
export function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function schemaDiagnostic(yaml: YamlFile, error: ErrorObject): Diagnostic {
  const path = pathOf(error.instancePath);
  const where = path.length > 0 ? describePath(yaml, path) : 'the document';
  if (error.keyword === 'additionalProperty' || error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const known = knownKeys(error);
    const hint = closest(key, known);
    return {
      severity: 'error',
      code: 'repository/unknown-key',
      message: `unknown key "${key}" in ${where}${hint ? `; did you mean "${hint}"?` : ''}`,
      ...locateKey(yaml, path, key),
    };
  }
  if (error.propertyName !== undefined) {
    // A key that breaks `propertyNames` (a variable's name): say which key, at the key.
    const rule = error.keyword === 'pattern' ? patternInWords(error) : (error.message ?? 'is invalid');
    return { severity: 'error', code: 'repository/schema', message: `key ${JSON.stringify(error.propertyName)} in ${where}: ${rule}`, ...locateKey(yaml, path, error.propertyName) };
  }
  const detail =
    error.keyword === 'enum'
      ? oneOf(error)
      : error.keyword === 'required'
        ? `is missing the required key "${(error.params as { missingProperty: string }).missingProperty}"`
        : error.keyword === 'pattern'
          ? patternInWords(error)
          : (error.message ?? 'is invalid');
  return { severity: 'error', code: 'repository/schema', message: `${where} ${detail}`, ...locate(yaml, path) };
}

/** `must be one of "a", "b"`, with the closest one when the value looks like a misspelling of it. */
function oneOf(error: ErrorObject): string {
  const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
  const words = allowed.filter((value): value is string => typeof value === 'string');
  const hint = typeof error.data === 'string' ? closest(error.data, words) : undefined;
  return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}${hint ? `; did you mean "${hint}"?` : ''}`;
}

function knownKeys(error: ErrorObject): string[] {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

function locateKey(yaml: YamlFile, path: (string | number)[], key: string): { file: string; line: number; column: number } {
  const map = nodeAt(yaml, path);
  if (isMap(map)) {
    const pair = pairOf(map, key);
    const range = isScalar(pair?.key) ? pair.key.range : undefined;
    if (range) return { file: yaml.file, ...positionOf(yaml, range[0]) };
  }
  return locate(yaml, path);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `policies[2] (RefundUnder500).version`: indexes in brackets, and an entry's name where it has one, so a
 * message says which entry without counting. */
export function describePath(yaml: Pick<YamlFile, 'value'>, path: readonly (string | number)[]): string {
  let text = '';
  let value = yaml.value;
  for (const part of path) {
    value = (value as Record<string | number, unknown> | undefined)?.[part];
    if (typeof part === 'number') {
      const name = (value as { name?: unknown } | undefined)?.name;
      text += typeof name === 'string' ? `[${part}] (${name})` : `[${part}]`;
    } else text += text === '' ? part : `.${part}`;
  }
  return text;
}
