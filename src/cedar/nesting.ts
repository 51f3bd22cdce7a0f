// How deeply a statement nests, counted from its tokens, so a statement too deep for cedar-wasm is refused before
// Cedar sees it. cedar-wasm parses, validates and evaluates recursively on a fixed stack; past its depth it traps
// (`RuntimeError: memory access out of bounds`, or `RangeError: Maximum call stack size exceeded`) and the trapped
// instance fails every later call (src/cedar/wasm.ts replaces it, but the statement is still refused).
//
// Measured with cedar-wasm 4.13 on Node 20 (the deepest that passed, from a shallow JS stack / from 3,000 JS frames
// deep, for parse, validate, format and authorize, whichever trapped first):
//   - brackets ( [ { nested: 77 / 57 (parse, validate, format and authorize all alike);
//   - a chain of * + -, of member accesses (.a, ["a"], .method()), or nested `if`: 103 / 76 (authorize; validate
//     ~190, format ~2,800);
//   - a chain of && or ||: format 3,794 / 2,793; parse, validate and authorize took 20,000;
//   - ! and unary - chains, and lists and records of any length: 20,000 everywhere.
// Each bracket, `if`, and operator of a chain is one level here (the && and || of a chain are one level per 25), a
// chain's levels are its longest run (Cedar nests a chain to the left), and the levels of nested brackets add up:
// the count bounds the depth of Cedar's syntax tree. At most MAX_NESTING levels is half the shallowest limit above,
// and more than any policy written by hand needs.
import type { CedarIssue } from './issues.js';
import { tokenize, type Token } from './tokens.js';

export const MAX_NESTING = 40;

/** Operators by how loosely they bind: a chain at one level is broken by any looser operator. */
const LEVEL = new Map<string, number>([
  ['if', 0], ['||', 1], ['&&', 2],
  ...['==', '!=', '<', '<=', '>', '>=', 'in', 'has', 'like', 'is'].map((op): [string, number] => [op, 3]),
  ['+', 4], ['-', 4], ['*', 5], ['.', 6],
]);
const LEVELS = 7;
const IF = 0;
const MEMBER = 6;
const KEYWORDS = new Set(['if', 'then', 'else', 'in', 'has', 'like', 'is', 'when', 'unless']);

interface Frame {
  /** Operators of the chain being read, per level. */
  run: number[];
  /** The longest chain seen per level. */
  longest: number[];
  /** The sum of `longest`: this bracket's own levels. */
  levels: number;
  /** The deepest bracket closed inside this one. */
  inner: number;
  bracket: boolean;
}

const frame = (bracket: boolean): Frame => ({ run: new Array<number>(LEVELS).fill(0), longest: new Array<number>(LEVELS).fill(0), levels: 0, inner: 0, bracket });

/** The depth of the open brackets, innermost first: each frame adds its own levels to the deepest inside it. */
function depthOf(stack: Frame[]): number {
  let depth = 0;
  for (let i = stack.length - 1; i >= 0; i--) {
    const f = stack[i]!;
    depth = (f.bracket ? 1 : 0) + f.levels + Math.max(f.inner, depth);
  }
  return depth;
}

/** An operand has just ended: a `[` here indexes it and a `-` subtracts, rather than opening a list or negating. */
function endsOperand(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.kind === 'ident') return !KEYWORDS.has(token.text);
  return token.kind !== 'punct' || token.text === ')' || token.text === ']' || token.text === '}';
}

/** One more operator of a chain at `level`; true when it made the longest chain at that level longer. */
function chain(f: Frame, level: number): boolean {
  for (let l = level + 1; l < LEVELS; l++) f.run[l] = 0;
  const run = ++f.run[level]!;
  if (run <= f.longest[level]!) return false;
  f.longest[level] = run;
  f.levels++;
  return true;
}

/** The first token at which a text nests deeper than `limit` levels (counted per statement); undefined when it never
 * does. Never throws, whatever the text. */
export function nestingPastLimit(tokens: readonly Token[], limit = MAX_NESTING): Token | undefined {
  let stack = [frame(false)];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const top = stack[stack.length - 1]!;
    const text = token.kind === 'string' || token.kind === 'number' ? '' : token.text;
    let grew = false;
    if (text === '(' || text === '[' || text === '{') {
      if (text === '[' && endsOperand(tokens[i - 1])) chain(top, MEMBER);
      stack.push(frame(true));
      grew = true;
    } else if (text === ')' || text === ']' || text === '}') {
      if (stack.length > 1) {
        const closed = stack.pop()!;
        const parent = stack[stack.length - 1]!;
        parent.inner = Math.max(parent.inner, depthOf([closed]));
      }
    } else if (text === ';' && stack.length === 1) {
      stack = [frame(false)];
    } else if (text === ',') {
      top.run.fill(0);
    } else if (text === 'then' || text === 'else') {
      top.run.fill(0, IF + 1);
    } else if (LEVEL.has(text) && (text !== '-' || endsOperand(tokens[i - 1]))) {
      grew = chain(top, LEVEL.get(text)!);
    }
    if (grew && depthOf(stack) > limit) return token;
  }
  return undefined;
}

/** What to tell the author of a statement at the token where it nests past the limit. */
export function nestingMessage(limit = MAX_NESTING): string {
  return (
    `the statement nests more than ${limit} levels deep here (each bracket, \`if\` and operator of a chain is a level), ` +
    'deeper than Cedar can safely check or evaluate; split it up (many alternatives read better as a set: [a, b].contains(x))'
  );
}

/** Every token that adds a level holds one of these characters or is one of these words, and only `[` can add two
 * (an index is a member access and a bracket). A string literal, a comment or `==` may match too: the count is an
 * upper bound of the depth. */
const MAY_ADD_LEVEL = /[([{.*+\-|&=<>]|\b(?:if|in|has|like|is)\b/g;

/** False when `text` cannot nest past `limit`, found without tokenizing it (most statements are short). */
function mayNestPast(text: string, limit: number): boolean {
  MAY_ADD_LEVEL.lastIndex = 0;
  let count = 0;
  for (let match = MAY_ADD_LEVEL.exec(text); match; match = MAY_ADD_LEVEL.exec(text)) {
    count += match[0] === '[' ? 2 : 1;
    if (count > limit) return true;
  }
  return false;
}

/** A Cedar issue (UTF-8 byte span, as cedar-wasm reports them) at the token where `text` nests past `limit`. */
export function nestingIssue(text: string, limit = MAX_NESTING): CedarIssue | undefined {
  if (!mayNestPast(text, limit)) return undefined;
  const token = nestingPastLimit(tokenize(text), limit);
  if (!token) return undefined;
  const start = Buffer.byteLength(text.slice(0, token.start), 'utf8');
  return { severity: 'error', message: nestingMessage(limit), start, end: start + Buffer.byteLength(token.text, 'utf8') };
}
