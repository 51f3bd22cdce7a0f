// What a policy says when the caller's claims are unknown (AWS's decision records carry none). A policy is
// satisfied only when every conjunct of its conditions is true (a false or erroring one makes it unsatisfied,
// whatever Cedar short-circuits), so the policy kept to its scope and the conjuncts that read no principal tag is
// satisfied whenever the whole one is: when that part fails, the policy fails for every set of claims. Conjuncts
// are the `&&` operands of a `when`, and the negated `||` operands of an `unless` (`!(a || b)` is true exactly when
// `!a` and `!b` both are). See docs/replay.md.
import { policyToEst, type Est, type EstExpr } from './est.js';
import { tokenize, unquote } from './tokens.js';

const TAG_READS = new Set(['hasTag', 'getTag']);

/** Whether the statement can read a principal tag: cheap, from its tokens (the only way to read one is a call of
 * `hasTag` or `getTag`). */
export function readsTags(statement: string): boolean {
  return tokenize(statement).some((token) => token.kind === 'ident' && TAG_READS.has(token.text));
}

/** The tag keys the statement reads, each a string literal passed to `hasTag` or `getTag`; undefined when a key is
 * computed (`getTag(context.input.claim)`), so any tag may be read. */
export function tagKeysRead(statement: string): string[] | undefined {
  const tokens = tokenize(statement);
  const keys = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'ident' || !TAG_READS.has(tokens[i]!.text)) continue;
    const [open, key, close] = [tokens[i + 1], tokens[i + 2], tokens[i + 3]];
    if (open?.text !== '(' || key?.kind !== 'string' || close?.text !== ')') return undefined;
    keys.add(unquote(key.text));
  }
  return [...keys];
}

/** The statement without the conjuncts that read tags, as an EST with the same effect and scope. */
export function tagFreePart(statement: string): { ok: true; est: Est } | { ok: false; message: string } {
  const parsed = policyToEst(statement);
  if (!parsed.ok) return parsed;
  const { annotations: _dropped, conditions, ...scope } = parsed.est;
  const conjuncts = conditions.flatMap((clause) =>
    clause.kind === 'when' ? operands(clause.body, '&&') : operands(clause.body, '||').map((arg): EstExpr => ({ '!': { arg } })),
  );
  const kept = conjuncts.filter((conjunct) => !touchesTags(conjunct));
  return { ok: true, est: { ...scope, conditions: kept.map((body) => ({ kind: 'when', body })) } };
}

function operands(expr: EstExpr, op: '&&' | '||'): EstExpr[] {
  const node = (expr as Record<string, { left: EstExpr; right: EstExpr }>)[op];
  return node && Object.keys(expr).length === 1 ? [...operands(node.left, op), ...operands(node.right, op)] : [expr];
}

function touchesTags(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(touchesTags);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, inner]) => TAG_READS.has(key) || touchesTags(inner));
}
