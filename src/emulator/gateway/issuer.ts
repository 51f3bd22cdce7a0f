// The local OAuth issuer: the local engine is the token issuer of the gateways it seeds. It signs RS256 JWTs with
// one key (persisted beside the state file, or held in memory for an in-memory emulator, made on first use) and
// publishes that key as a JWKS under its OpenID discovery document, as issuer LOCAL_ISSUER (see addresses.ts).
import { calculateJwkThumbprint, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { issuerKeyFile, JWKS_PATH, LOCAL_AUDIENCE, LOCAL_CLIENT_ID, LOCAL_ISSUER } from './addresses.js';
import { loadOrCreateKey, newKey } from './key-file.js';

/** Claims the issuer sets itself; a caller's claims may not replace them. */
const RESERVED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'client_id'];

export interface MintOptions {
  /** The principal id (`sub`). */
  sub: string;
  /** More claims; the string ones become the principal's tags at the gateway. */
  claims?: Record<string, unknown>;
  audience?: string | string[];
  clientId?: string;
  /** Seconds, or a span such as `1h`, `30m` (negative or `... ago` gives an expired token); default 1 hour. */
  expiresIn?: number | string;
}

export type MintResult = { ok: true; token: string; expiresAt: string } | { ok: false; code: string; message: string; file?: string };

export type VerifyResult = { ok: true; claims: JWTPayload } | { ok: false; description: string };

interface Keys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/** Verified tokens remembered at once; the oldest is forgotten first. */
const VERIFIED_TOKENS = 1_000;

export class LocalIssuer {
  private readonly verified = new Map<string, JWTPayload>();
  private keys?: Promise<{ ok: true; keys: Keys } | { ok: false; code: string; message: string; file?: string }>;

  /** `keyFile` undefined: a key in memory, for an emulator without a state file. */
  constructor(private readonly keyFile?: string) {}

  /** The keys, loaded (or made) once; a failure is not kept, so fixing the file needs no restart. */
  private load() {
    this.keys ??= (async () => {
      const stored = this.keyFile === undefined ? { ok: true as const, jwk: await newKey() } : await loadOrCreateKey(this.keyFile);
      if (!stored.ok) return stored;
      try {
        const publicJwk: JWK = { kty: 'RSA', n: stored.jwk.n, e: stored.jwk.e, alg: 'RS256', use: 'sig' };
        publicJwk.kid = await calculateJwkThumbprint(publicJwk);
        const privateKey = (await importJWK({ ...stored.jwk, alg: 'RS256' }, 'RS256')) as CryptoKey;
        const publicKey = (await importJWK(publicJwk, 'RS256')) as CryptoKey;
        return { ok: true as const, keys: { privateKey, publicKey, publicJwk } };
      } catch {
        const message = "the local issuer's key file does not hold a usable RSA key; delete it to start afresh";
        return { ok: false as const, code: 'IssuerKeyCorrupt', message, file: this.keyFile };
      }
    })();
    const loading = this.keys;
    void loading.then((loaded) => {
      if (!loaded.ok && this.keys === loading) this.keys = undefined;
    });
    return loading;
  }

  async mint(options: MintOptions): Promise<MintResult> {
    const reserved = Object.keys(options.claims ?? {}).find((name) => RESERVED_CLAIMS.includes(name));
    if (reserved) return { ok: false, code: 'ReservedClaim', message: `the claim ${reserved} is set by the issuer; pass it as its own option` };
    if (options.sub === '') return { ok: false, code: 'InvalidSubject', message: 'the subject (principal id) must not be empty' };
    const loaded = await this.load();
    if (!loaded.ok) return loaded;
    const { privateKey, publicJwk } = loaded.keys;
    const jwt = new SignJWT({ ...options.claims, client_id: options.clientId ?? LOCAL_CLIENT_ID })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: publicJwk.kid })
      .setIssuer(LOCAL_ISSUER)
      .setSubject(options.sub)
      .setAudience(options.audience ?? LOCAL_AUDIENCE)
      .setIssuedAt()
      .setJti(randomUUID());
    try {
      const expiresIn = options.expiresIn ?? '1h';
      // jose reads a bare number as the expiry instant; here a number is a span in seconds.
      jwt.setExpirationTime(typeof expiresIn === 'number' ? `${expiresIn}s` : expiresIn);
    } catch {
      return { ok: false, code: 'InvalidExpiry', message: `cannot read the expiry ${JSON.stringify(options.expiresIn)}: give seconds or a span such as 1h or 30m` };
    }
    const token = await jwt.sign(privateKey);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
    return { ok: true, token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Checks signature, algorithm, issuer, expiry and (when given) the audience. A client sends the same token on
   * every call, so a token that verified is remembered (by its SHA-256, never as text) with its claims until it
   * expires: a repeat costs a hash and a clock check instead of an RSA verification. */
  async verify(token: string, audience?: string[]): Promise<VerifyResult> {
    const key = createHash('sha256').update(token).update('\0').update(audience?.join('\0') ?? '').digest('base64url');
    const known = this.verified.get(key);
    if (known && (known.exp === undefined || known.exp * 1000 > Date.now())) return { ok: true, claims: known };
    if (known) this.verified.delete(key);
    const loaded = await this.load();
    if (!loaded.ok) return { ok: false, description: loaded.message };
    try {
      const { payload } = await jwtVerify(token, loaded.keys.publicKey, { algorithms: ['RS256'], issuer: LOCAL_ISSUER, audience });
      if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(key, payload);
      return { ok: true, claims: payload };
    } catch (error) {
      return { ok: false, description: describeJoseError(error) };
    }
  }

  discoveryDocument(emulatorUrl: string): Record<string, unknown> {
    return {
      issuer: LOCAL_ISSUER,
      jwks_uri: `${emulatorUrl}${JWKS_PATH}`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  async jwks(): Promise<{ ok: true; jwks: { keys: JWK[] } } | { ok: false; message: string }> {
    const loaded = await this.load();
    return loaded.ok ? { ok: true, jwks: { keys: [loaded.keys.publicJwk] } } : loaded;
  }
}

/** A token from the issuer of the emulator whose state lives in `stateFile` (what `agentcore-policy token` prints). */
export function mintLocalToken(options: MintOptions & { stateFile: string }): Promise<MintResult> {
  const { stateFile, ...mint } = options;
  return new LocalIssuer(issuerKeyFile(stateFile)).mint(mint);
}

/** jose's error codes in words a developer can act on; the token itself is never quoted. */
function describeJoseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token is not signed by the local issuer';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the token's ${(error as { claim?: string }).claim ?? 'claims'} claim is not accepted by this gateway`;
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the token is not signed with RS256';
    default:
      return 'the token is malformed';
  }
}
