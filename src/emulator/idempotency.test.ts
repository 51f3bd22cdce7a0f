import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { rememberToken, replay, stableJson } from './idempotency.js';
import type { Resource } from './lifecycle.js';
import { Store } from './store.js';

const policy: Resource<null> = {
  seq: 1, id: 'p-0123456789', arn: 'arn', name: 'p', createdAt: 0, updatedAt: 0, attrs: null,
  life: { kind: 'create', startedAt: 0, readyAt: 0 },
};
const present = { 'p-0123456789': policy };

const TOKEN = '11111111-2222-3333-4444-555555555555';

describe('idempotency', () => {
  it('serialises objects regardless of key order', () => {
    expect(stableJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(stableJson({ a: [{ c: 3, d: 2 }], b: 1 }));
    expect(stableJson({ a: 1 })).not.toBe(stableJson({ a: 2 }));
  });
  it('replays the same resource for the same token and input', () => {
    const part = new Store().partition('us-east-1');
    const input = { name: 'p', clientToken: TOKEN };
    expect(replay(part, 'CreatePolicy', 'e1', input, present, 1)).toBeUndefined();
    rememberToken(part, 'CreatePolicy', 'e1', input, 'p-0123456789');
    expect(replay(part, 'CreatePolicy', 'e1', { clientToken: TOKEN, name: 'p' }, present, 1)).toBe(policy);
  });
  it('rejects the same token with other input', () => {
    const part = new Store().partition('us-east-1');
    rememberToken(part, 'CreatePolicy', 'e1', { name: 'p', clientToken: TOKEN }, 'p-0123456789');
    const error = replay(part, 'CreatePolicy', 'e1', { name: 'q', clientToken: TOKEN }, present, 1);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).reason).toBe('IdempotentParameterMismatchException');
  });
  it('keeps tokens apart per operation and scope, and forgets deleted resources', () => {
    const part = new Store().partition('us-east-1');
    rememberToken(part, 'CreatePolicy', 'e1', { name: 'p', clientToken: TOKEN }, 'p-0123456789');
    expect(replay(part, 'CreatePolicy', 'e2', { name: 'p', clientToken: TOKEN }, present, 1)).toBeUndefined();
    expect(replay(part, 'CreatePolicyEngine', 'e1', { name: 'p', clientToken: TOKEN }, present, 1)).toBeUndefined();
    expect(replay(part, 'CreatePolicy', 'e1', { name: 'p', clientToken: TOKEN }, {}, 1)).toBeUndefined();
    expect(Object.keys(part.tokens)).toHaveLength(0);
  });
  it('ignores calls without a token', () => {
    expect(replay(new Store().partition('r'), 'CreatePolicy', 'e1', { name: 'p' }, present, 1)).toBeUndefined();
  });
});
