import { describe, expect, it } from 'vitest';
import { createAuthorizer } from './authorize.js';
import type { Est } from './est.js';
import { readsTags, tagFreePart, tagKeysRead } from './tag-free.js';

const ACTION = 'T___refund';
const request = (amount: number, tags: Record<string, string>) => ({
  principal: { type: 'OAuthUser' as const, id: 'u', tags },
  action: ACTION,
  resource: 'g',
  input: { amount },
});

describe('readsTags', () => {
  it('sees a call of hasTag or getTag, not the word in a string', () => {
    expect(readsTags('permit (principal, action, resource) when { principal.hasTag("r") };')).toBe(true);
    expect(readsTags('permit (principal, action, resource) when { context.input.note == "getTag" };')).toBe(false);
  });
});

describe('tagKeysRead', () => {
  it('names the keys read with literals, and gives up on a computed one', () => {
    expect(tagKeysRead('permit (principal, action, resource) when { principal.hasTag("role") && principal.getTag("role") == "a" && principal.hasTag("tier") };')).toEqual(['role', 'tier']);
    expect(tagKeysRead('permit (principal, action, resource);')).toEqual([]);
    expect(tagKeysRead('permit (principal, action, resource) when { principal.getTag(context.input.claim) == "x" };')).toBeUndefined();
  });
});

describe('tagFreePart', () => {
  const holds = (statement: string | Est, amount: number, tags: Record<string, string> = {}) => {
    const authorize = createAuthorizer('tag-free-test', { p: statement });
    if (typeof authorize !== 'function') throw new Error(authorize.issues[0]!.message);
    const answer = authorize(request(amount, tags));
    return answer.ok && answer.reasons.includes('p');
  };
  const part = (statement: string) => {
    const derived = tagFreePart(statement);
    if (!derived.ok) throw new Error(derived.message);
    return derived.est;
  };

  it('keeps the scope and the conjuncts without tags, of when and unless clauses', () => {
    const statement = `forbid (principal is AgentCore::OAuthUser, action == AgentCore::Action::"${ACTION}", resource)
      when { principal.hasTag("role") && context.input.amount > 10 && principal.getTag("role") == "x" }
      unless { context.input.amount > 1000 || principal.hasTag("vip") };`;
    const est = part(statement);
    expect(est.effect).toBe('forbid');
    expect(est.action).toEqual({ op: '==', entity: { type: 'AgentCore::Action', id: ACTION } });
    expect(est.conditions).toHaveLength(2);
    expect(JSON.stringify(est)).not.toMatch(/Tag/);
  });

  it('holds whenever the whole policy holds, for any claims: failing, it rules the policy out', () => {
    const statement = `permit (principal, action, resource) when { principal.hasTag("u") && principal.getTag("u") == "a" && context.input.amount < 500 } unless { context.input.amount == 7 || principal.hasTag("blocked") };`;
    const derived = part(statement);
    const claims: Record<string, string>[] = [{}, { u: 'a' }, { u: 'b' }, { u: 'a', blocked: 'y' }];
    for (const amount of [7, 100, 499, 500, 900]) {
      const derivedHolds = holds(derived, amount);
      for (const tags of claims) if (holds(statement, amount, tags)) expect(derivedHolds).toBe(true);
      // Where the tag-free part fails, no claims make the policy hold.
      if (!derivedHolds) expect(claims.some((tags) => holds(statement, amount, tags))).toBe(false);
    }
    expect(holds(derived, 100)).toBe(true);
    expect(holds(derived, 900)).toBe(false);
    expect(holds(derived, 7)).toBe(false);
  });
});
