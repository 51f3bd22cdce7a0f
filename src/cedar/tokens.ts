// A small Cedar lexer and scope reader. Full parsing is cedar-wasm's job; this reads just enough of a policy that
// already parses (its effect, scope and whether it has conditions) without a round trip through wasm, finds string
// literals so `{{variables}}` are only ever filled inside them, and measures how deeply a statement nests before
// Cedar is given it. Where a token starts and ends must agree with Cedar's own lexer exactly (tokens.cedar.test.ts
// checks it against cedar-wasm on generated texts): a comment that ended elsewhere for Cedar would turn a string
// literal the tool fills into Cedar code.

export type TokenKind = 'ident' | 'string' | 'number' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  /** UTF-16 offsets into the source. */
  start: number;
  end: number;
}

const TWO_CHAR_PUNCT = new Set(['::', '==', '!=', '<=', '>=', '&&', '||']);

// Character classes by code, not regex: the lexer runs over every policy of a repository on every command.
const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c);
/** Cedar's whitespace is Unicode's White_Space, as measured against cedar-wasm 4.13 over every code point: not the
 * byte-order mark, nor zero-width spaces. */
const isSpace = (c: number) =>
  c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 0x85 && (c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000);
/** A `//` comment ends at a line feed or a carriage return (a lone one too), and at nothing else: not at form feed,
 * vertical tab, NEL or the Unicode line and paragraph separators (measured against cedar-wasm 4.13). */
const COMMENT_END = /[\n\r]/g;

/** Splits Cedar text into tokens, skipping whitespace and `//` comments. Never throws: unknown characters become
 * one-character punctuation, and an unterminated string runs to the end of the text. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      COMMENT_END.lastIndex = i + 2;
      i = COMMENT_END.exec(text)?.index ?? length;
    } else if (c === 34) {
      const start = i++;
      while (i < length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      i = Math.min(i + 1, length);
      tokens.push({ kind: 'string', text: text.slice(start, i), start, end: i });
    } else if (isIdentStart(c)) {
      const start = i;
      while (i < length && isIdentPart(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), start, end: i });
    } else if (isDigit(c)) {
      const start = i;
      while (i < length && isDigit(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'number', text: text.slice(start, i), start, end: i });
    } else {
      const len = TWO_CHAR_PUNCT.has(text.slice(i, i + 2)) ? 2 : 1;
      tokens.push({ kind: 'punct', text: text.slice(i, i + len), start: i, end: i + len });
      i += len;
    }
  }
  return tokens;
}

/** The policies in a text, as token ranges: each ends with a top-level `;`. A trailing statement without `;` counts. */
export function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'punct' && '([{'.includes(token.text)) depth++;
    if (token.kind === 'punct' && ')]}'.includes(token.text)) depth--;
    if (token.kind === 'punct' && token.text === ';' && depth <= 0) {
      statements.push(current);
      current = [];
    } else {
      current.push(token);
    }
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

export type ScopeOp = 'all' | '==' | 'in' | 'is';

export interface ScopeElement {
  op: ScopeOp;
  /** For `is`: the entity type; for `==`/`in`: the type of the entity named. */
  entityType?: string;
  /** For `==`/`in` with one entity: its id, unquoted. */
  entityId?: string;
  /** For `in [..]`: the ids of every entity in the list. */
  entityIds?: string[];
}

export interface PolicyShape {
  effect: 'permit' | 'forbid';
  principal: ScopeElement;
  action: ScopeElement;
  resource: ScopeElement;
  hasConditions: boolean;
  /** Start and end (UTF-16) of the effect keyword, for locating findings. */
  effectStart: number;
}

/** Shapes already read, by text: a plan reads the shape of each statement on both sides, which are mostly the same
 * text. Bounded, so a long-lived process (the emulator) does not keep every statement it ever saw. */
const shapes = new Map<string, PolicyShape | undefined>();
const MAX_SHAPES = 20_000;

/** Reads effect, scope and conditions of a single policy that cedar-wasm has already accepted; undefined when the
 * text is not shaped like one policy. The shape is shared between callers: read it, never change it. */
export function readPolicyShape(text: string): PolicyShape | undefined {
  if (shapes.has(text)) return shapes.get(text);
  if (shapes.size >= MAX_SHAPES) shapes.clear();
  const shape = shapeOf(text);
  shapes.set(text, shape);
  return shape;
}

function shapeOf(text: string): PolicyShape | undefined {
  const statements = splitStatements(tokenize(text));
  if (statements.length !== 1) return undefined;
  const tokens = skipAnnotations(statements[0]!);
  const effect = tokens[0];
  if (!effect || (effect.text !== 'permit' && effect.text !== 'forbid') || tokens[1]?.text !== '(') return undefined;
  const close = matchingClose(tokens, 1);
  if (close < 0) return undefined;
  const parts = splitTopLevel(tokens.slice(2, close), ',');
  if (parts.length < 3) return undefined;
  return {
    effect: effect.text,
    principal: readScopeElement(parts[0]!),
    action: readScopeElement(parts[1]!),
    resource: readScopeElement(parts[2]!),
    hasConditions: tokens.slice(close + 1).some((t) => t.text === 'when' || t.text === 'unless'),
    effectStart: effect.start,
  };
}

export function skipAnnotations(tokens: Token[]): Token[] {
  let i = 0;
  while (tokens[i]?.text === '@') {
    i += 2; // `@` and the annotation name
    if (tokens[i]?.text === '(') i = matchingClose(tokens, i) + 1;
    if (i <= 0) return [];
  }
  return tokens.slice(i);
}

export function matchingClose(tokens: Token[], openIndex: number): number {
  let depth = 0;
  for (let i = openIndex; i < tokens.length; i++) {
    const text = tokens[i]!.text;
    if (tokens[i]!.kind !== 'punct') continue;
    if (text === '(' || text === '[' || text === '{') depth++;
    if (text === ')' || text === ']' || text === '}') depth--;
    if (depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(tokens: Token[], separator: string): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'punct' && '([{'.includes(token.text)) depth++;
    if (token.kind === 'punct' && ')]}'.includes(token.text)) depth--;
    if (depth === 0 && token.kind === 'punct' && token.text === separator) parts.push([]);
    else parts[parts.length - 1]!.push(token);
  }
  return parts;
}

function readScopeElement(tokens: Token[]): ScopeElement {
  const op = tokens[1]?.text;
  if (op === 'is') return { op: 'is', entityType: readPath(tokens.slice(2)).path };
  if (op === '==' || op === 'in') {
    const rest = tokens.slice(2);
    if (rest[0]?.text === '[') {
      const ids = splitTopLevel(rest.slice(1, -1), ',').map((part) => readPath(part).id).filter((id) => id !== undefined);
      return { op: 'in', entityIds: ids };
    }
    const { path, id } = readPath(rest);
    return { op, entityType: path, entityId: id };
  }
  return { op: 'all' };
}

/** Reads `A::B::"id"` into its type path and unquoted id. */
function readPath(tokens: Token[]): { path: string; id?: string } {
  const names: string[] = [];
  let id: string | undefined;
  for (const token of tokens) {
    if (token.kind === 'ident') names.push(token.text);
    else if (token.kind === 'string') {
      id = unquote(token.text);
      break;
    } else if (token.text !== '::') break;
  }
  return { path: names.join('::'), id };
}

/** Decodes a Cedar string literal's common escapes. */
export function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(["\\nrt0'])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '0': '\0' })[c] ?? c);
}
