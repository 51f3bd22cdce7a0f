import { describe, expect, it } from 'vitest';
import { parseRule, type Rule } from './grammar.js';
import { words } from './text.js';

function rule(text: string): Rule {
  const parsed = parseRule(words(text));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}
const reason = (text: string) => {
  const parsed = parseRule(words(text));
  return parsed.ok ? 'parsed' : parsed.reason;
};
const tool = (r: Rule) => r.tool?.map((w) => w.text).join(' ');

describe('parseRule', () => {
  it('reads allow and block phrasings', () => {
    for (const text of ['Allow refunds', 'Permit refunds', 'Only allow refunds', 'Enable users to process refunds']) expect(rule(text).effect, text).toBe('permit');
    for (const text of ['Block refunds', 'Deny refunds', 'Forbid refunds', 'Prevent users from refunding', 'Do not allow refunds', 'Never allow refunds']) {
      expect(rule(text).effect, text).toBe('forbid');
    }
  });

  it('reads the subject, its claims and the tool phrase', () => {
    const r = rule('Allow users with role manager or director and with scope payment:process to approve expenses when the amount exceeds $5000');
    expect(r.claims).toEqual([
      { name: 'role', values: ['manager', 'director'] },
      { name: 'scope', values: ['payment:process'] },
    ]);
    expect(tool(r)).toBe('approve expenses');
    expect(r.when).toHaveLength(1);
    expect(rule('Block users with claim department finance from filing claims').claims).toEqual([{ name: 'department', values: ['finance'] }]);
    expect(rule('Allow all users to ship packages').claims).toEqual([]);
  });

  it('reads rules without a subject, and a tool phrase ended by a condition it can read', () => {
    const r = rule('Allow refunds for amounts less than $500');
    expect(tool(r)).toBe('refunds');
    expect(r.when[0]!.field.map((w) => w.text)).toEqual(['amounts']);
    expect(tool(rule('Allow users to calculate rates for packages when the weight is under 5'))).toBe('calculate rates for packages');
  });

  it('reads "every tool" phrasings as no tool', () => {
    for (const text of ['Block everything', 'Deny all users from all tools', 'Block users with username suspended-user']) expect(rule(text).tool, text).toBeUndefined();
  });

  it('refuses vague words, unknown principals, unknown claims and rules without an effect', () => {
    expect(reason('Allow managers to approve high-value decisions')).toMatch(/"high-value" is vague/);
    expect(reason('Allow managers to approve decisions')).toMatch(/"managers" is not a principal/);
    expect(reason('Allow users with department finance to approve decisions')).toMatch(/"department" is not a claim/);
    expect(reason('Refunds are allowed under $500')).toMatch(/starts with "Allow"/);
    expect(reason('Allow users with role manager approve decisions')).toMatch(/Expected "to" or "from"/);
  });
});
