// The local engine's stand-in for AgentCore's natural-language policy generation: a deterministic translator for
// a documented subset of English (src/emulator/README.md). Each rule sentence of the text becomes one draft: a Cedar
// statement in the guide's style, or the reason it is outside the subset. It never guesses: a phrase it cannot
// bind to the gateway's tools and fields is refused.
import { parseRule, type Claim, type Rule } from './grammar.js';
import { refuse, type Parsed } from './parsed.js';
import { cedarString, renderRule, type CedarRule } from './cedar-text.js';
import { conditionExpressions } from './fields.js';
import { splitRules, words } from './text.js';
import { bindTool, type GenerationGateway, type ToolScope } from './tools.js';

export type { GenerationGateway } from './tools.js';

export type Draft =
  | { rawTextFragment: string; statement: string; /** What the translator took for granted. */ notes: string[] }
  | { rawTextFragment: string; untranslatable: string };

/** `principal.hasTag("role") && principal.getTag("role") == "manager"`; scopes match inside the scope list. */
export function claimExpressions(claim: Claim): string[] {
  const tag = cedarString(claim.name);
  const value = `principal.getTag(${tag})`;
  let test: string;
  if (claim.name === 'scope') {
    const likes = claim.values.map((v) => `${value} like ${cedarString(`*${v}*`)}`);
    test = likes.length === 1 ? likes[0]! : `(${likes.join(' || ')})`;
  } else {
    test = claim.values.length === 1 ? `${value} == ${cedarString(claim.values[0]!)}` : `[${claim.values.map(cedarString).join(', ')}].contains(${value})`;
  }
  return [`principal.hasTag(${tag})`, test];
}

function conditions(list: Rule['when'], scope: ToolScope): Parsed<string[]> {
  const out: string[] = [];
  for (const condition of list) {
    const written = conditionExpressions(condition, scope);
    if (!written.ok) return written;
    out.push(...written.value);
  }
  return { ok: true, value: out };
}

/** Binds a parsed rule to the gateway: its principal type, tool and fields. */
export function resolveRule(rule: Rule, gateway: GenerationGateway): Parsed<{ rule: CedarRule; notes: string[] }> {
  const iam = gateway.authorizerType === 'AWS_IAM';
  if (iam && rule.claims.length > 0) return refuse('The gateway authenticates callers with AWS IAM: its principals carry no claims to test.');
  const scope = bindTool(rule.tool, gateway);
  if (!scope.ok) return scope;
  const when = conditions(rule.when, scope.value);
  if (!when.ok) return when;
  const unless = conditions(rule.unless, scope.value);
  if (!unless.ok) return unless;
  const claims = rule.claims.flatMap(claimExpressions);
  const unconditional = claims.length === 0 && when.value.length === 0 && unless.value.length === 0;
  const cedar: CedarRule = {
    effect: rule.effect,
    // Unconditional forbids and "allow/block everything" leave the principal open, as the guide's emergency
    // shutdowns do (`forbid (principal, action, resource)`); IAM principals cannot be constrained at all.
    principalType: iam || (unconditional && (rule.effect === 'forbid' || !scope.value.action)) ? undefined : 'OAuthUser',
    action: scope.value.action,
    resource: scope.value.action ? gateway.arn : undefined,
    when: [...claims, ...when.value],
    unless: unless.value,
  };
  return { ok: true, value: { rule: cedar, notes: scope.value.notes } };
}

/** One draft per rule sentence of the text. */
export function translate(text: string, gateway: GenerationGateway): Draft[] {
  return splitRules(text).map((rawTextFragment) => {
    const parsed = parseRule(words(rawTextFragment));
    const resolved = parsed.ok ? resolveRule(parsed.value, gateway) : parsed;
    if (!resolved.ok) return { rawTextFragment, untranslatable: resolved.reason };
    return { rawTextFragment, statement: renderRule(resolved.value.rule), notes: resolved.value.notes };
  });
}
