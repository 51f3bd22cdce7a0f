// `{{variable}}` in an engine file's own string values (a gateway's `arn` above all, so an ARN is written once, in
// `variables`), filled from that file's `variables` before the schema checks the file. The engine's `name` is never
// filled (it names the engine everywhere, also before its file is read), nor are the variables themselves (a value
// is used as written, never filled again). Only a well-formed `{{name}}` is a placeholder; an unknown one is an
// error at its place in the file, with the closest variable's name.
import { isScalar } from 'yaml';
import type { Diagnostic } from '../model.js';
import { clip } from '../text.js';
import { fillPlain, noSuchVariable } from './variables.js';
import { describePath, nodeAt, positionOf, type Prepare, type YamlFile } from './yaml-file.js';

/** The top-level keys whose values are never filled. */
const NOT_FILLED = new Set(['name', 'variables']);

type Path = (string | number)[];

/** Fills every string of the document but those NOT_FILLED, as a `Prepare` for parseYaml. */
export const fillEngineVariables: Prepare = (yaml) => {
  const root = yaml.value;
  const variables = ownVariables(root);
  const diagnostics: Diagnostic[] = [];
  const explained = new Set<string>();
  const notes = new Map<string, string>();
  const fill = (value: unknown, path: Path): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('{{')) return value;
      const filled = fillPlain(value, variables);
      for (const name of new Set(filled.unknown)) diagnostics.push(unknownVariable(yaml, path, name, variables));
      if (filled.unknown.length > 0) explained.add(pointer(path));
      else if (filled.text !== value) notes.set(pointer(path), `its value ${JSON.stringify(clip(filled.text, 200))} is filled from ${clip(value, 200)}`);
      return filled.text;
    }
    if (Array.isArray(value)) return value.map((item, index) => fill(item, [...path, index]));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, path.length === 0 && NOT_FILLED.has(key) ? item : fill(item, [...path, key])]));
    }
    return value;
  };
  return { value: fill(root, []), diagnostics, explained, notes };
};

/** The file's variables as far as they are strings (the schema reports the rest). */
function ownVariables(root: unknown): Record<string, string> {
  const variables = root !== null && typeof root === 'object' ? (root as Record<string, unknown>).variables : undefined;
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) return {};
  return Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function unknownVariable(yaml: YamlFile, path: Path, name: string, variables: Record<string, string>): Diagnostic {
  const message = `unknown variable {{${name}}} in ${describePath(yaml, path)}: ${noSuchVariable(name, { file: yaml.file, variables })}`;
  return { severity: 'error', code: 'repository/unknown-variable', message, file: yaml.file, ...placeholderPosition(yaml, path, name) };
}

/** The placeholder's own line and column, found in the scalar's text; the value's start when it is written otherwise. */
function placeholderPosition(yaml: YamlFile, path: Path, name: string): { line: number; column: number } {
  const node = nodeAt(yaml, path);
  if (!isScalar(node) || !node.range) return { line: 1, column: 1 };
  const written = yaml.source.slice(node.range[0], node.range[1]);
  const at = written.search(new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`));
  return positionOf(yaml, node.range[0] + Math.max(at, 0));
}

const pointer = (path: Path) => `/${path.map((part) => String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
