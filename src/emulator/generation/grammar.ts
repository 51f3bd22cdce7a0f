// The sentence grammar of the stand-in translator (documented in src/emulator/README.md):
//
//   rule     := effect [subject [claims]] [("to" | "from") tool] [clauses]
//   effect   := "allow" | "permit" | "grant" | "enable"                    -> permit
//             | "block" | "deny" | "forbid" | "prevent" | "prohibit" | "disallow" | "disable" | "reject"
//             | "refuse" | "stop" | "do not allow" | "never allow"       -> forbid
//   subject  := ["all" | "any" | "every"] ("users" | "callers" | "agents" | "clients" | "principals" | "people")
//             | "everyone" | "anyone" | ...
//   claims   := ("with" | "having") claim ("and" ["with"] claim)*
//   claim    := ("role" | "scope" | "tier" | "username" | "claim" NAME) ["of" | "="] values
//   tool     := words naming one tool, or "all tools" / "everything"
//   clauses  := see conditions.ts
//
// Anything else is refused with a reason, never guessed; so are vague words (the guide's pitfall 3).
import { comparatorAt, hardOpenerAt, parseClauses, valuesAt, type Condition } from './conditions.js';
import { refuse, type Parsed } from './parsed.js';
import { quoted, type Word } from './text.js';

export interface Claim {
  /** The OAuth claim (principal tag) name. */
  name: string;
  values: string[];
}

export interface Rule {
  effect: 'permit' | 'forbid';
  claims: Claim[];
  /** The words naming the tool; undefined when the rule is about every tool. */
  tool?: Word[];
  when: Condition[];
  unless: Condition[];
}

const PERMIT = new Set(['allow', 'permit', 'grant', 'enable']);
const FORBID = new Set(['block', 'deny', 'forbid', 'prevent', 'prohibit', 'disallow', 'disable', 'reject', 'refuse', 'stop']);
const NEGATED_PERMIT = [['do', 'not'], ["don't"], ['never']];
const QUANTIFIERS = new Set(['all', 'any', 'every']);
const PRINCIPALS = new Set(['users', 'user', 'callers', 'caller', 'agents', 'agent', 'clients', 'client', 'principals', 'principal', 'people']);
const EVERYONE = new Set(['everyone', 'anyone', 'everybody', 'anybody']);
const CLAIM_NAMES: Record<string, string> = { role: 'role', roles: 'role', scope: 'scope', scopes: 'scope', tier: 'tier', username: 'username' };
const CLAIM_VALUE = /^[A-Za-z0-9][A-Za-z0-9:._@/+-]*$/;
const CLAIM_END = new Set(['to', 'from', 'when', 'if', 'unless', 'where', 'whenever']);
const ALL_TOOLS = new Set(['all', 'any', 'every', 'the', 'tools', 'tool', 'actions', 'action', 'everything', 'anything', 'use', 'call', 'access', 'invoke', 'run']);
const SOFT_OPENERS = new Set(['for', 'with', 'of']);

/** Words the guide warns about (pitfall 3): they name no testable threshold or value. */
export const VAGUE = new Set([
  'reasonable', 'unreasonable', 'reasonably', 'appropriate', 'inappropriate', 'acceptable', 'unacceptable', 'sensible',
  'excessive', 'suspicious', 'unusual', 'significant', 'substantial', 'large', 'small', 'big', 'huge', 'tiny', 'risky',
  'legitimate', 'sufficient', 'enough', 'expensive', 'cheap', 'high-value', 'low-value', 'high-risk', 'low-risk',
]);

function effectAt(ws: readonly Word[]): { effect: Rule['effect']; next: number } | undefined {
  let i = ws[0]?.lower === 'only' ? 1 : 0;
  const negation = NEGATED_PERMIT.find((seq) => seq.every((w, k) => ws[i + k]?.lower === w));
  if (negation && PERMIT.has(ws[i + negation.length]?.lower ?? '')) return { effect: 'forbid', next: i + negation.length + 1 };
  const word = ws[i]?.lower ?? '';
  const effect = PERMIT.has(word) ? 'permit' : FORBID.has(word) ? 'forbid' : undefined;
  if (!effect) return undefined;
  i++;
  return { effect, next: ws[i]?.lower === 'only' ? i + 1 : i };
}

/** Index after a subject at `i`, or undefined when the sentence has none. */
function subjectAt(ws: readonly Word[], i: number): number | undefined {
  const word = ws[i]?.lower ?? '';
  if (EVERYONE.has(word) || PRINCIPALS.has(word)) return i + 1;
  return QUANTIFIERS.has(word) && PRINCIPALS.has(ws[i + 1]?.lower ?? '') ? i + 2 : undefined;
}

function claimsAt(ws: readonly Word[], start: number): Parsed<{ claims: Claim[]; next: number }> {
  const claims: Claim[] = [];
  let i = start;
  for (;;) {
    if (['the', 'a', 'an'].includes(ws[i]?.lower ?? '')) i++;
    const word = ws[i]?.lower ?? '';
    let name = CLAIM_NAMES[word];
    if (name) i++;
    else if (word === 'claim' && /^[A-Za-z][A-Za-z0-9_:-]*$/.test(ws[i + 1]?.text ?? '')) {
      name = ws[i + 1]!.text;
      i += 2;
    } else {
      return refuse(`${quoted(ws.slice(i, i + 1))} is not a claim the local engine knows: say "with role X", "with scope X", "with tier X", "with username X" or "with claim NAME X".`);
    }
    if (ws[i]?.lower === 'of' || ws[i]?.text === '=') i++;
    const list = valuesAt(ws, i, CLAIM_END);
    if (!list) return refuse(`No value follows the claim "${name}".`);
    const bad = list.values.find((v) => !CLAIM_VALUE.test(v.text));
    if (bad) return refuse(`"${bad.text}" is not a claim value the local engine can write.`);
    claims.push({ name, values: list.values.map((v) => v.text) });
    i = list.next;
    if (ws[i]?.lower !== 'and') return { ok: true, value: { claims, next: i } };
    i += ws[i + 1]?.lower === 'with' ? 2 : 1;
  }
}

/** Where the tool phrase ends: at "when"/"if"/"unless", or where a condition can be read ("for amounts under $5"). */
function toolEnd(ws: readonly Word[], start: number): number {
  for (let i = start; i < ws.length; i++) {
    if (hardOpenerAt(ws, i)) return i;
    if ((SOFT_OPENERS.has(ws[i]!.lower) || comparatorAt(ws, i)) && parseClauses(ws, i).ok) return i;
  }
  return ws.length;
}

const isAllTools = (ws: readonly Word[]) =>
  ws.every((w) => ALL_TOOLS.has(w.lower)) && ws.some((w) => ['all', 'any', 'every', 'everything', 'anything'].includes(w.lower));

/** Reads one rule sentence. */
export function parseRule(ws: readonly Word[]): Parsed<Rule> {
  const vague = ws.find((w) => VAGUE.has(w.lower));
  if (vague) return refuse(`"${vague.text}" is vague: state a precise, testable condition such as "when the amount is less than $10,000".`);
  const effect = effectAt(ws);
  if (!effect) return refuse('A rule starts with "Allow" (or "Permit") or "Block" (or "Deny", "Forbid", "Prevent").');
  let i = effect.next;
  let claims: Claim[] = [];
  const subjectEnd = subjectAt(ws, i);
  if (subjectEnd !== undefined) {
    i = subjectEnd;
    if (ws[i]?.lower === 'with' || ws[i]?.lower === 'having') {
      const read = claimsAt(ws, i + 1);
      if (!read.ok) return read;
      ({ claims, next: i } = read.value);
    }
    if (ws[i]?.lower === 'to' || ws[i]?.lower === 'from') i++;
    else if (i < ws.length && !hardOpenerAt(ws, i)) return refuse(`Expected "to" or "from" before ${quoted(ws.slice(i))}.`);
  } else {
    const link = ws.findIndex((w, k) => k >= i && (w.lower === 'to' || w.lower === 'from') && !['up', 'equal'].includes(ws[k - 1]?.lower ?? ''));
    const opener = ws.findIndex((_, k) => k >= i && hardOpenerAt(ws, k) !== undefined);
    if (link > i && (opener < 0 || link < opener)) {
      return refuse(`${quoted(ws.slice(i, link))} is not a principal the local engine understands: say "users", or "users with role NAME".`);
    }
  }
  const end = toolEnd(ws, i);
  const toolWords = ws.slice(i, end);
  if (toolWords.length === 0 && subjectEnd === undefined) return refuse('The rule names no tool.');
  let clauses = { when: [] as Condition[], unless: [] as Condition[] };
  if (end < ws.length) {
    const read = parseClauses(ws, end);
    if (!read.ok) return read;
    clauses = read.value;
  }
  const tool = toolWords.length === 0 || isAllTools(toolWords) ? undefined : toolWords;
  return { ok: true, value: { effect: effect.effect, claims, tool, ...clauses } };
}
