import { describe, expect, it } from 'vitest';
import { oauthPrincipal, refuseClaims } from './claims.js';

const claims = { sub: 'user-1', client_id: 'app', scope: 'refunds:read refunds:write', groups: ['a', 'b'], team: 'blue' };

describe('refuseClaims', () => {
  it('accepts when nothing is required, and when empty lists are given', () => {
    expect(refuseClaims(claims, {})).toBeUndefined();
    expect(refuseClaims(claims, { allowedClients: [], allowedScopes: [], customClaims: [] })).toBeUndefined();
  });

  it('needs a sub', () => {
    expect(refuseClaims({ ...claims, sub: '' }, {})).toMatch(/no sub/);
    expect(refuseClaims({ ...claims, sub: 7 }, {})).toMatch(/no sub/);
  });

  it('checks client_id against allowedClients', () => {
    expect(refuseClaims(claims, { allowedClients: ['app', 'other'] })).toBeUndefined();
    expect(refuseClaims(claims, { allowedClients: ['other'] })).toMatch(/client_id/);
    expect(refuseClaims({ sub: 'u' }, { allowedClients: ['app'] })).toMatch(/client_id/);
  });

  it('needs one of allowedScopes among the space-separated scope claim', () => {
    expect(refuseClaims(claims, { allowedScopes: ['admin', 'refunds:write'] })).toBeUndefined();
    expect(refuseClaims(claims, { allowedScopes: ['refunds'] })).toMatch(/scopes/);
    expect(refuseClaims({ sub: 'u', scope: ['refunds:write'] }, { allowedScopes: ['refunds:write'] })).toMatch(/scopes/);
  });

  it('applies customClaims rules', () => {
    const rule = (name: string, operator: string, value: { matchValueString?: string; matchValueStringList?: string[] }) => ({
      customClaims: [{ inboundTokenClaimName: name, authorizingClaimMatchValue: { claimMatchOperator: operator, claimMatchValue: value } }],
    });
    expect(refuseClaims(claims, rule('team', 'EQUALS', { matchValueString: 'blue' }))).toBeUndefined();
    expect(refuseClaims(claims, rule('team', 'EQUALS', { matchValueString: 'red' }))).toMatch(/team claim/);
    expect(refuseClaims(claims, rule('groups', 'CONTAINS', { matchValueString: 'b' }))).toBeUndefined();
    expect(refuseClaims(claims, rule('groups', 'CONTAINS', { matchValueString: 'c' }))).toMatch(/groups claim/);
    expect(refuseClaims(claims, rule('groups', 'CONTAINS_ANY', { matchValueStringList: ['c', 'a'] }))).toBeUndefined();
    expect(refuseClaims(claims, rule('groups', 'CONTAINS_ANY', { matchValueStringList: ['c'] }))).toMatch(/groups claim/);
    expect(refuseClaims(claims, rule('team', 'CONTAINS', { matchValueString: 'blue' }))).toMatch(/team claim/);
    expect(refuseClaims(claims, rule('team', 'SOUNDS_LIKE', { matchValueString: 'blue' }))).toMatch(/team claim/);
  });
});

describe('oauthPrincipal', () => {
  it('makes sub the id and every string claim a tag, leaving the others out', () => {
    const principal = oauthPrincipal({ ...claims, exp: 1_900_000_000, admin: true, profile: { a: 1 }, aud: ['x', 'y'] });
    expect(principal).toEqual({ type: 'OAuthUser', id: 'user-1', tags: { sub: 'user-1', client_id: 'app', scope: 'refunds:read refunds:write', team: 'blue' } });
  });
});

describe('oauthPrincipal and odd claim names', () => {
  it('keeps a string claim named __proto__ as a tag', () => {
    const principal = oauthPrincipal(JSON.parse('{"sub":"user-1","__proto__":"x"}') as Record<string, unknown>);
    expect(Object.hasOwn(principal.tags!, '__proto__')).toBe(true);
    expect(JSON.stringify(principal.tags)).toBe('{"sub":"user-1","__proto__":"x"}');
  });
});
