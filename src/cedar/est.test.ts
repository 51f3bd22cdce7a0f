import { describe, expect, it } from 'vitest';
import { entityOf, policyToEst } from './est.js';

describe('policyToEst', () => {
  it('gives the same JSON whatever the comments and layout', () => {
    const a = policyToEst('permit(principal, action, resource) when { context.input.amount < 500 };');
    const b = policyToEst('// limit\npermit (\n  principal,\n  action,\n  resource\n)\nwhen { (context.input.amount < 500) // why\n};');
    expect(a.ok && b.ok).toBe(true);
    expect(JSON.stringify(a.ok && a.est)).toBe(JSON.stringify(b.ok && b.est));
    expect(a.ok && a.est.conditions[0]).toEqual({
      kind: 'when',
      body: { '<': { left: { '.': { left: { '.': { left: { Var: 'context' }, attr: 'input' } }, attr: 'amount' } }, right: { Value: 500 } } },
    });
  });

  it('refuses text that does not parse, and two policies at once', () => {
    expect(policyToEst('permit(principal, action, resource) when { x };')).toMatchObject({ ok: false, message: expect.stringContaining('invalid variable') });
    expect(policyToEst('permit(principal, action, resource); forbid(principal, action, resource);').ok).toBe(false);
  });

  it('reads entity references in either spelling', () => {
    expect(entityOf({ __entity: { type: 'AgentCore::Gateway', id: 'g' } })).toEqual({ type: 'AgentCore::Gateway', id: 'g' });
    expect(entityOf({ type: 'AgentCore::Action', id: 'a' })).toEqual({ type: 'AgentCore::Action', id: 'a' });
  });
});
