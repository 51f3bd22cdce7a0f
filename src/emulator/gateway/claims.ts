// What a CUSTOM_JWT gateway asks of a verified token's claims beyond signature, issuer, expiry and audience:
// `allowedClients` (the `client_id` claim, as Cognito access tokens carry it), `allowedScopes` (at least one of the
// space-separated `scope` claim) and `customClaims` rules; and how the claims become the Cedar principal.
//
// Guesses (the service documents the fields, not their exact matching): an empty list allows everything, as an
// absent one does; CONTAINS and CONTAINS_ANY apply to STRING_ARRAY claims, EQUALS to STRING ones.
import type { AuthorizationRequest } from '../../cedar/authorize.js';

export interface CustomJwtConfig {
  discoveryUrl?: string;
  allowedAudience?: string[];
  allowedClients?: string[];
  allowedScopes?: string[];
  customClaims?: CustomClaimRule[];
}

export interface CustomClaimRule {
  inboundTokenClaimName?: string;
  inboundTokenClaimValueType?: string;
  authorizingClaimMatchValue?: {
    claimMatchValue?: { matchValueString?: string; matchValueStringList?: string[] };
    claimMatchOperator?: string;
  };
}

/** Why the gateway refuses these claims, or undefined when it accepts them. */
export function refuseClaims(claims: Record<string, unknown>, config: CustomJwtConfig): string | undefined {
  if (typeof claims.sub !== 'string' || claims.sub === '') return 'the token has no sub claim (the principal id)';
  const clients = config.allowedClients ?? [];
  if (clients.length > 0 && !(typeof claims.client_id === 'string' && clients.includes(claims.client_id))) {
    return "the token's client_id is not one of this gateway's allowed clients";
  }
  const scopes = config.allowedScopes ?? [];
  const granted = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  if (scopes.length > 0 && !scopes.some((s) => granted.includes(s))) return 'the token has none of the scopes this gateway allows';
  const failed = (config.customClaims ?? []).find((rule) => !matchesRule(claims, rule));
  return failed ? `the token's ${failed.inboundTokenClaimName} claim does not match this gateway's rule` : undefined;
}

function matchesRule(claims: Record<string, unknown>, rule: CustomClaimRule): boolean {
  const value = claims[rule.inboundTokenClaimName ?? ''];
  const wanted = rule.authorizingClaimMatchValue?.claimMatchValue ?? {};
  const list = Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
  switch (rule.authorizingClaimMatchValue?.claimMatchOperator) {
    case 'EQUALS':
      return typeof value === 'string' && value === wanted.matchValueString;
    case 'CONTAINS':
      return list !== undefined && wanted.matchValueString !== undefined && list.includes(wanted.matchValueString);
    case 'CONTAINS_ANY':
      return list !== undefined && (wanted.matchValueStringList ?? []).some((w) => list.includes(w));
    default:
      return false;
  }
}

/** The OAuthUser a token stands for: `sub` is its id, every string claim one of its tags. Claims of other types
 * (`exp` and `iat`, a list `aud`, booleans, arrays, objects) are left out: the generated schema types tags as
 * String, and a Cedar tag holding anything else would fail validation of the request. */
export function oauthPrincipal(claims: Record<string, unknown>): AuthorizationRequest['principal'] {
  // From entries, so a claim named `__proto__` is a tag like any other (an assignment would drop it).
  const tags = Object.fromEntries(Object.entries(claims).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return { type: 'OAuthUser', id: claims.sub as string, tags };
}
