// Parses a YAML file and checks it against one of the published JSON Schemas, reporting every problem with the
// line and column of the offending node. Unknown keys are errors that suggest the closest known key.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../model.js';
import engineSchema from '../../schemas/engine.schema.json' with { type: 'json' };
import policiesSchema from '../../schemas/policies.schema.json' with { type: 'json' };
import testsSchema from '../../schemas/tests.schema.json' with { type: 'json' };
import { closest } from './suggest.js';

export type SchemaName = 'engine' | 'policies' | 'tests';

/** No manifest needs more aliases than this; more is a document built to exhaust memory. */
const MAX_ALIAS_COUNT = 100;

let validators: Record<SchemaName, ValidateFunction> | undefined;
function validatorFor(name: SchemaName): ValidateFunction {
  if (!validators) {
    // Compiled once, lazily: compiling costs more than validating every file of a large repository. `verbose`
    // gives each error its parent schema, where the known keys for "did you mean" come from.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, strictTypes: false });
    validators = { engine: ajv.compile(engineSchema), policies: ajv.compile(policiesSchema), tests: ajv.compile(testsSchema) };
  }
  return validators[name];
}

export interface YamlFile {
  file: string;
  doc: Document;
  lines: LineCounter;
  /** The plain JavaScript value of the document. */
  value: unknown;
}

export type YamlResult = { ok: true; yaml: YamlFile } | { ok: false; diagnostics: Diagnostic[] };

/** Line and column of a character offset. */
export function positionOf(yaml: Pick<YamlFile, 'lines'>, offset: number): { line: number; column: number } {
  const { line, col } = yaml.lines.linePos(offset);
  return { line, column: col };
}

/** The node at a path of keys and indexes, for locating a value. */
export function nodeAt(yaml: YamlFile, path: readonly (string | number)[]): Node | undefined {
  const node = path.length === 0 ? yaml.doc.contents : yaml.doc.getIn(path, true);
  return node && typeof node === 'object' && 'range' in node ? (node as Node) : undefined;
}

/** Where a value sits (the start of its node), falling back to its nearest existing parent. */
export function locate(yaml: YamlFile, path: readonly (string | number)[]): { file: string; line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = nodeAt(yaml, path.slice(0, depth));
    if (node?.range) return { file: yaml.file, ...positionOf(yaml, node.range[0]) };
  }
  return { file: yaml.file, line: 1, column: 1 };
}

export function parseYaml(file: string, text: string, schema: SchemaName): YamlResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const syntax = [...doc.errors, ...doc.warnings].map((error): Diagnostic => {
    const { line, col } = lines.linePos(error.pos[0]);
    const code = error.code === 'DUPLICATE_KEY' ? 'repository/duplicate-key' : 'repository/yaml-syntax';
    return { severity: 'error', code, message: firstLine(error.message), file, line, column: col };
  });
  if (syntax.length > 0) return { ok: false, diagnostics: syntax };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // The yaml library refuses alias chains that expand exponentially (a "billion laughs" document).
    const message = `${file} expands its aliases (*name) too far; write the values out`;
    return { ok: false, diagnostics: [{ severity: 'error', code: 'repository/yaml-syntax', message, file, line: 1, column: 1 }] };
  }
  const yaml: YamlFile = { file, doc, lines, value };
  if (value === null || value === undefined) {
    return { ok: false, diagnostics: [{ severity: 'error', code: 'repository/empty-file', message: `${file} is empty`, file, line: 1, column: 1 }] };
  }
  const validate = validatorFor(schema);
  if (validate(value)) return { ok: true, yaml };
  return { ok: false, diagnostics: dedupe((validate.errors ?? []).map((e) => schemaDiagnostic(yaml, e))) };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function pathOf(instancePath: string): (string | number)[] {
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
  const detail =
    error.keyword === 'enum'
      ? `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
      : error.keyword === 'required'
        ? `is missing the required key "${(error.params as { missingProperty: string }).missingProperty}"`
        : (error.message ?? 'is invalid');
  return { severity: 'error', code: 'repository/schema', message: `${where} ${detail}`, ...locate(yaml, path) };
}

function knownKeys(error: ErrorObject): string[] {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

function locateKey(yaml: YamlFile, path: (string | number)[], key: string): { file: string; line: number; column: number } {
  const map = nodeAt(yaml, path);
  if (isMap(map)) {
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
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
function describePath(yaml: YamlFile, path: (string | number)[]): string {
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
