import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_CLIENT_ID, LOCAL_ISSUER } from './addresses.js';
import { LocalIssuer } from './issuer.js';

const folder = mkdtempSync(join(tmpdir(), 'issuer-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const issuer = new LocalIssuer();

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe('LocalIssuer', () => {
  it('mints tokens it verifies, with its own claims set and the caller\'s kept', async () => {
    const minted = await issuer.mint({ sub: 'user-1', claims: { username: 'refund-agent', level: 3 } });
    if (!minted.ok) throw new Error(minted.message);
    expect(claimsOf(minted.token)).toMatchObject({ iss: LOCAL_ISSUER, sub: 'user-1', aud: LOCAL_AUDIENCE, client_id: LOCAL_CLIENT_ID, username: 'refund-agent', level: 3 });
    expect(await issuer.verify(minted.token, [LOCAL_AUDIENCE])).toMatchObject({ ok: true, claims: { sub: 'user-1' } });
    expect(await issuer.verify(minted.token, ['another'])).toEqual({ ok: false, description: "the token's aud claim is not accepted by this gateway" });
  });

  it('reads a number of seconds as a span, not an instant', async () => {
    const minted = await issuer.mint({ sub: 'u', expiresIn: 120 });
    if (!minted.ok) throw new Error(minted.message);
    const { exp, iat } = claimsOf(minted.token) as { exp: number; iat: number };
    expect(exp - iat).toBe(120);
    expect(Date.parse(minted.expiresAt)).toBe(exp * 1000);
  });

  it('a corrupt key fails with a clear error, and works once the file is fixed, without a restart', async () => {
    const file = join(folder, 'key.json');
    writeFileSync(file, JSON.stringify({ kty: 'RSA', n: '!', e: '!', d: '!', p: '!', q: '!' }));
    const fromFile = new LocalIssuer(file);
    expect(await fromFile.mint({ sub: 'u' })).toMatchObject({ ok: false, code: 'IssuerKeyCorrupt', file });
    expect(await fromFile.jwks()).toMatchObject({ ok: false });
    rmSync(file);
    expect(await fromFile.mint({ sub: 'u' })).toMatchObject({ ok: true });
  });
});
