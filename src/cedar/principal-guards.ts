// Principal guards: the leading `principal.hasTag("k")` and `principal.getTag("k") == "v"` conjuncts of a
// policy's first `when` clause, as the seed document writes every per-user policy. Cedar evaluates a condition
// left to right and stops at the first false conjunct, so a principal whose tags make a guard false, with every
// guard before it true, can never satisfy the policy, and the policy raises no error for it: leaving such a policy
// out of the set Cedar evaluates changes neither the decision, nor its reasons, nor its errors. (A getTag of a tag
// the principal lacks is an error, not false, so it never rules a policy out.)
//
// Only a shape read with certainty counts: one policy, a first clause `when { c1 && c2 && ... }` with no top-level
// `||` or `if`, literals without escapes, no line terminator Cedar and this lexer could disagree on. Anything else
// has no guards, and is always evaluated.
import { matchingClose, skipAnnotations, splitStatements, tokenize, type Token } from './tokens.js';

export type PrincipalGuard = { kind: 'has'; key: string } | { kind: 'equals'; key: string; value: string };

export function principalGuards(statement: string): PrincipalGuard[] {
  if (/[\r\u0085\u2028\u2029]/.test(statement)) return [];
  const statements = splitStatements(tokenize(statement));
  if (statements.length !== 1) return [];
  const tokens = skipAnnotations(statements[0]!);
  if (tokens[1]?.text !== '(') return [];
  const scopeEnd = matchingClose(tokens, 1);
  if (scopeEnd < 0 || tokens[scopeEnd + 1]?.text !== 'when' || tokens[scopeEnd + 2]?.text !== '{') return [];
  const bodyEnd = matchingClose(tokens, scopeEnd + 2);
  if (bodyEnd < 0) return [];
  const conjuncts = topLevelConjuncts(tokens.slice(scopeEnd + 3, bodyEnd));
  const guards: PrincipalGuard[] = [];
  for (const conjunct of conjuncts ?? []) {
    const guard = readGuard(conjunct);
    if (!guard) break;
    guards.push(guard);
  }
  return guards;
}

/** Whether the guards rule the policy out for a principal with these tags (undefined: an entity without tags). */
export function guardsExclude(guards: readonly PrincipalGuard[], tags: Readonly<Record<string, string>> | undefined): boolean {
  for (const guard of guards) {
    const present = tags !== undefined && Object.hasOwn(tags, guard.key);
    if (guard.kind === 'has') {
      if (!present) return true;
    } else {
      if (!present) return false;
      if (tags[guard.key] !== guard.value) return true;
    }
  }
  return false;
}

/** The body split at top-level `&&`; undefined when something binds looser than `&&` at the top level. */
function topLevelConjuncts(body: Token[]): Token[][] | undefined {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of body) {
    if (token.kind === 'punct' && '([{'.includes(token.text)) depth++;
    if (token.kind === 'punct' && ')]}'.includes(token.text)) depth--;
    if (depth === 0 && (token.text === '||' || (token.kind === 'ident' && token.text === 'if'))) return undefined;
    if (depth === 0 && token.text === '&&') parts.push([]);
    else parts[parts.length - 1]!.push(token);
  }
  return parts;
}

const literal = (token: Token | undefined) => (token?.kind === 'string' && !token.text.includes('\\') && token.text.length >= 2 ? token.text.slice(1, -1) : undefined);

function readGuard(tokens: Token[]): PrincipalGuard | undefined {
  const call = tokens.slice(0, 6).map((t) => t.text);
  const key = literal(tokens[4]);
  if (key === undefined || call[0] !== 'principal' || call[1] !== '.' || call[3] !== '(' || call[5] !== ')') return undefined;
  if (call[2] === 'hasTag' && tokens.length === 6) return { kind: 'has', key };
  const value = literal(tokens[7]);
  if (call[2] === 'getTag' && tokens.length === 8 && tokens[6]?.text === '==' && value !== undefined) return { kind: 'equals', key, value };
  return undefined;
}
