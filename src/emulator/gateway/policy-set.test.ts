import { describe, expect, it } from 'vitest';
import { buildCedarSchema } from '../../cedar/schema.js';
import type { Lifecycle } from '../lifecycle.js';
import type { Policy } from '../store.js';
import { livePolicies, PreparedEngine } from './policy-set.js';

const NOW = 10_000;
const cedar = (statement: string) => ({ cedar: { statement } });
const policy = (id: string, life: Lifecycle, statement: string, extra: Partial<Policy> = {}): Policy => ({
  seq: 1,
  id,
  arn: `arn:x/${id}`,
  name: id,
  createdAt: 0,
  updatedAt: 0,
  life,
  attrs: { definition: cedar(statement), enforcementMode: 'ACTIVE' },
  ...extra,
});
const settled = (kind: Lifecycle['kind'], failure?: string[]): Lifecycle => ({ kind, startedAt: 0, readyAt: 1, ...(failure ? { failure } : {}) });
const inFlight = (kind: Lifecycle['kind'], failure?: string[]): Lifecycle => ({ kind, startedAt: NOW - 1, readyAt: NOW + 100, ...(failure ? { failure } : {}) });
const PERMIT = 'permit (principal, action, resource) when { context.input.amount < 5 };';
const OLD = 'permit (principal, action, resource) when { context.input.amount < 1 };';

describe('livePolicies', () => {
  it('keeps what decides now, with its effect, mode and action scope', () => {
    const live = livePolicies(
      [
        policy('Active', settled('create'), PERMIT),
        policy('Creating', inFlight('create'), PERMIT),
        policy('CreateFailed', settled('create', ['no']), PERMIT),
        policy('Deleting', inFlight('delete'), PERMIT),
        policy('Updating', inFlight('update'), PERMIT),
        policy('UpdatingToFail', inFlight('update', ['no']), PERMIT, { previous: { definition: cedar(OLD), enforcementMode: 'LOG_ONLY' } }),
        policy('Guardrail', settled('create'), PERMIT, { attrs: { definition: { policy: { statement: PERMIT } }, enforcementMode: 'ACTIVE' } }),
      ],
      NOW,
    );
    expect(live.map((p) => [p.id, p.statement === OLD ? 'old' : 'new', p.logOnly, p.effect])).toEqual([
      ['Active', 'new', false, 'permit'],
      ['Deleting', 'new', false, 'permit'],
      ['Updating', 'new', false, 'permit'],
      ['UpdatingToFail', 'old', true, 'permit'],
    ]);
  });
});

describe('PreparedEngine', () => {
  const engine = new PreparedEngine(
    'arn:engine',
    livePolicies(
      [
        policy('Refunds', settled('create'), 'permit (principal, action == AgentCore::Action::"T___refund", resource) when { principal.hasTag("r") };'),
        policy('Lookups', settled('create'), 'permit (principal, action == AgentCore::Action::"T___lookup", resource);'),
        policy('NoLookups', settled('create'), 'forbid (principal, action == AgentCore::Action::"T___lookup", resource) unless { principal.hasTag("r") };'),
      ],
      NOW,
    ),
    buildCedarSchema([
      { authorizerType: 'CUSTOM_JWT', targets: [{ name: 'T', tools: ['refund', 'lookup'].map((name) => ({ name, inputSchema: { type: 'object' as const } })) }] },
    ]),
    'policy-set-test',
  );
  const who = (tags: Record<string, string>) => ({ principal: { type: 'OAuthUser' as const, id: 'u', tags }, resource: 'gw' });

  it('prepares per action only the policies whose scope can match it', () => {
    const refund = engine.forAction('T___refund', who({ r: 'x' }).principal);
    if ('issues' in refund) throw new Error('no');
    expect(refund.active({ ...who({ r: 'x' }), action: 'T___refund', input: {} })).toMatchObject({ decision: 'allow', reasons: ['Refunds'] });
    expect(refund.logOnlyPermits).toBeUndefined();
  });

  it('leaves out the policies whose principal guards rule the principal out, one set per kind of principal', () => {
    const guarded = new PreparedEngine(
      'arn:engine',
      livePolicies(
        ['agent-1', 'agent-2'].map((name) =>
          policy(name, settled('create'), `permit (principal, action, resource) when { principal.hasTag("user") && principal.getTag("user") == "${name}" };`),
        ),
        NOW,
      ),
      buildCedarSchema([{ authorizerType: 'CUSTOM_JWT', targets: [{ name: 'T', tools: [{ name: 'refund', inputSchema: { type: 'object' } }] }] }]),
      'policy-set-guards',
    );
    const decide = (tags: Record<string, string>) => {
      const sets = guarded.forAction('T___refund', who(tags).principal);
      if ('issues' in sets) throw new Error('no');
      return sets.active({ ...who(tags), action: 'T___refund', input: {} });
    };
    expect(decide({ user: 'agent-1' })).toMatchObject({ decision: 'allow', reasons: ['agent-1'] });
    expect(decide({ user: 'agent-2' })).toMatchObject({ decision: 'allow', reasons: ['agent-2'] });
    expect(decide({ user: 'agent-3' })).toMatchObject({ decision: 'deny', reasons: [] });
    expect(decide({})).toMatchObject({ decision: 'deny', reasons: [], errors: [] });
    // Principals the guards cannot tell apart share one prepared set.
    expect(guarded.forAction('T___refund', who({ user: 'agent-3' }).principal)).toBe(guarded.forAction('T___refund', who({ user: 'agent-4', more: 'x' }).principal));
  });

  it('may be allowed unless the active policies deny whatever the input', () => {
    expect(engine.mayBeAllowed({ ...who({ r: 'x' }), action: 'T___refund' })).toBe(true);
    expect(engine.mayBeAllowed({ ...who({}), action: 'T___refund' })).toBe(false);
    expect(engine.mayBeAllowed({ ...who({}), action: 'T___lookup' })).toBe(false);
    expect(engine.mayBeAllowed({ ...who({ r: 'x' }), action: 'T___lookup' })).toBe(true);
  });
});
