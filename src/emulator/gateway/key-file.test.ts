import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateKey } from './key-file.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'issuer-key-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('loadOrCreateKey', () => {
  it('creates a 0600 RSA private JWK once, then reads the same one', async () => {
    const file = join(folder, 'nested', 'key.json');
    const created = await loadOrCreateKey(file);
    expect(created).toMatchObject({ ok: true, jwk: { kty: 'RSA', d: expect.any(String) } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateKey(file);
    expect(again.ok && again.jwk.n).toBe(created.ok && created.jwk.n);
  });

  it('agrees on one key when several create it at once', async () => {
    const file = join(folder, 'key.json');
    const keys = await Promise.all([1, 2, 3].map(() => loadOrCreateKey(file)));
    expect(new Set(keys.map((k) => k.ok && k.jwk.n)).size).toBe(1);
  });

  it('refuses a symlink and a file that is no key, quoting nothing of it', async () => {
    const secret = join(folder, 'credentials');
    writeFileSync(secret, '[default]\naws_secret_access_key = hunter2\n');
    const link = join(folder, 'link.json');
    symlinkSync(secret, link);
    const viaLink = await loadOrCreateKey(link);
    expect(viaLink).toMatchObject({ ok: false, code: 'IssuerKeyUnreadable' });
    const notAKey = join(folder, 'bad.json');
    writeFileSync(notAKey, readFileSync(secret));
    const corrupt = await loadOrCreateKey(notAKey);
    expect(corrupt).toMatchObject({ ok: false, code: 'IssuerKeyCorrupt' });
    expect(JSON.stringify([viaLink, corrupt])).not.toContain('hunter2');
  });

  it('refuses a file over the size bound without reading it', async () => {
    const big = join(folder, 'big.json');
    writeFileSync(big, Buffer.alloc(65 * 1024, 32));
    expect(await loadOrCreateKey(big)).toMatchObject({ ok: false, code: 'IssuerKeyCorrupt' });
  });
});
