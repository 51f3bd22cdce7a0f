// Who is calling a gateway, decided as its authorizer would before anything is evaluated.
// - CUSTOM_JWT (and AUTHENTICATE_ONLY): a bearer JWT from the local issuer, checked against the gateway's
//   customJWTAuthorizer (audience, clients, scopes, custom claims). The local engine verifies only its own tokens:
//   a gateway whose discovery URL names another issuer refuses every token, since the local engine fetches nothing.
// - AWS_IAM, a local stand-in: any SigV4 `Authorization` header is accepted unverified (the local engine knows no
//   secret keys), and its access key id is the IamEntity's id, so signing with an ARN as the access key id calls
//   as that ARN. IAM principals carry no tags.
// - NONE: no authentication; the principal is the OAuthUser `anonymous` with no tags (a guess).
// Refusals are 401 with a `WWW-Authenticate` challenge; the token is never quoted or kept.
import type { AuthorizationRequest } from '../../cedar/authorize.js';
import { isLoopbackUrl } from '../loopback.js';
import type { Gateway } from '../store.js';
import { oauthPrincipal, refuseClaims, type CustomJwtConfig } from './claims.js';
import { DISCOVERY_PATH, LOCAL_DISCOVERY_URL } from './addresses.js';
import type { LocalIssuer } from './issuer.js';

export type Principal = AuthorizationRequest['principal'];

export type Authentication = { ok: true; principal: Principal } | { ok: false; challenge: string; message: string };

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^\s,]+)\/\d{8}\/[a-z0-9-]+\/[a-z0-9-]+\/aws4_request\s*,/;

/** An Authorization header an AWS_IAM gateway of the local engine accepts as the IamEntity `principalId` (an ARN,
 * or an access key id): SigV4-shaped, unsigned. */
export function localIamAuthorization(principalId: string, region = 'us-east-1'): string {
  return `AWS4-HMAC-SHA256 Credential=${principalId}/20260101/${region}/bedrock-agentcore/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;
}

export async function authenticate(authorization: string | undefined, gateway: Gateway, issuer: LocalIssuer): Promise<Authentication> {
  const type = gateway.attrs.authorizerType;
  if (type === 'NONE') return { ok: true, principal: { type: 'OAuthUser', id: 'anonymous', tags: {} } };
  if (type === 'AWS_IAM') {
    const accessKeyId = authorization === undefined ? undefined : SIGV4.exec(authorization)?.[1];
    if (accessKeyId === undefined) return refuse('AWS4-HMAC-SHA256', 'this gateway needs a SigV4-signed request (AWS_IAM)');
    return { ok: true, principal: { type: 'IamEntity', id: accessKeyId, tags: {} } };
  }
  const realm = `Bearer realm="${gateway.id}"`;
  const token = authorization === undefined ? undefined : /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization)?.[1];
  if (token === undefined) return refuse(realm, 'this gateway needs an OAuth bearer token (Authorization: Bearer <JWT>)');
  const config = jwtConfig(gateway);
  if (!isLocalDiscoveryUrl(config.discoveryUrl)) {
    const message = `this gateway trusts the issuer at ${config.discoveryUrl ?? '(none)'}; the local engine verifies only tokens of its own issuer`;
    return refuse(`${realm}, error="invalid_token"`, message);
  }
  const audience = config.allowedAudience && config.allowedAudience.length > 0 ? config.allowedAudience : undefined;
  const verified = await issuer.verify(token, audience);
  if (!verified.ok) return refuse(`${realm}, error="invalid_token", error_description="${verified.description}"`, verified.description);
  const refused = refuseClaims(verified.claims, config);
  if (refused) return refuse(`${realm}, error="invalid_token", error_description="${refused}"`, refused);
  return { ok: true, principal: oauthPrincipal(verified.claims) };
}

function jwtConfig(gateway: Gateway): CustomJwtConfig {
  const configuration = gateway.attrs.authorizerConfiguration as { customJWTAuthorizer?: CustomJwtConfig } | undefined;
  return configuration?.customJWTAuthorizer ?? {};
}

/** The local issuer's own discovery URL, or the emulator's (a loopback URL, any port). */
export function isLocalDiscoveryUrl(url: string | undefined): boolean {
  if (url === undefined) return false;
  return url === LOCAL_DISCOVERY_URL || (isLoopbackUrl(url) && new URL(url).pathname === DISCOVERY_PATH);
}

function refuse(challenge: string, message: string): Authentication {
  return { ok: false, challenge, message: `Unauthorized: ${message}` };
}
