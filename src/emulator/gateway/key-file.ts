// The local issuer's signing key on disk: an RSA private JWK in a 0600 file in the emulator's state folder, so a
// token minted by one process (`agentcore-policy token`) verifies in another (the local engine) run later, on
// whatever port. Created once, atomically (a temporary file hard-linked into place, so two processes creating it
// at once agree on one key); read without following symlinks and with a size bound, and never quoted in an error
// (a state folder comes with a cloned repository and may point anywhere).
import { randomUUID } from 'node:crypto';
import { closeSync, constants, fstatSync, linkSync, mkdirSync, openSync, readSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

const MAX_KEY_FILE_BYTES = 64 * 1024;

export type KeyFileResult = { ok: true; jwk: JWK } | { ok: false; code: 'IssuerKeyUnreadable' | 'IssuerKeyCorrupt'; message: string; file: string };

/** The private JWK in `file`, created first when there is none. */
export async function loadOrCreateKey(file: string): Promise<KeyFileResult> {
  const existing = readKeyFile(file);
  if (existing !== 'missing') return existing;
  const jwk = await newKey();
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
    linkSync(temp, file);
  } catch (error) {
    // Another process created it first: use theirs, so both sign and verify with one key.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return unreadable(file, error);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // never written
    }
  }
  const stored = readKeyFile(file);
  return stored === 'missing' ? unreadable(file, new Error('it vanished as it was created')) : stored;
}

/** A fresh RSA 2048 private key as a JWK. */
export async function newKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  return exportJWK(privateKey);
}

function readKeyFile(file: string): KeyFileResult | 'missing' {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : unreadable(file, error);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_KEY_FILE_BYTES) return corrupt(file, 'not a key file (a regular file of at most 64 KiB)');
    const buffer = Buffer.alloc(stat.size);
    const read = readSync(fd, buffer, 0, stat.size, 0);
    const jwk = parseJwk(buffer.subarray(0, read).toString('utf8'));
    return jwk ? { ok: true, jwk } : corrupt(file, 'not an RSA private key in JWK form');
  } catch (error) {
    return unreadable(file, error);
  } finally {
    closeSync(fd);
  }
}

function parseJwk(text: string): JWK | undefined {
  try {
    const value = JSON.parse(text) as JWK;
    const fields = [value.n, value.e, value.d, value.p, value.q];
    return value.kty === 'RSA' && fields.every((f) => typeof f === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

function unreadable(file: string, error: unknown): KeyFileResult {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return { ok: false, code: 'IssuerKeyUnreadable', message: `cannot read or create the local issuer's key (${code}); delete the file to start afresh`, file };
}

function corrupt(file: string, why: string): KeyFileResult {
  return { ok: false, code: 'IssuerKeyCorrupt', message: `the local issuer's key file is ${why}; delete it to start afresh`, file };
}
