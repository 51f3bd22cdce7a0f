import { describe, expect, it } from 'vitest';
import type { Gateway } from '../store.js';
import { LOCAL_DISCOVERY_URL } from './addresses.js';
import { authenticate, isLocalDiscoveryUrl, localIamAuthorization } from './authenticate.js';
import { LocalIssuer } from './issuer.js';

const gateway = (authorizerType: string, authorizerConfiguration?: unknown): Gateway => ({
  seq: 1,
  id: 'g-0123456789',
  arn: 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/g-0123456789',
  name: 'g',
  createdAt: 0,
  updatedAt: 0,
  life: { kind: 'create', startedAt: 0, readyAt: 0 },
  attrs: { roleArn: 'r', authorizerType, authorizerConfiguration },
});
// Never asked for a key on these paths: no token reaches it.
const issuer = new LocalIssuer();

describe('authenticate', () => {
  it('takes the access key id of a SigV4 header as the IamEntity, ARNs included', async () => {
    const header = (id: string) => `AWS4-HMAC-SHA256 Credential=${id}/20260101/us-west-2/bedrock-agentcore/aws4_request, SignedHeaders=host, Signature=ab`;
    for (const id of ['AKIDEXAMPLE', 'arn:aws:iam::123456789012:role/path/refunder', 'arn:aws:sts::123456789012:assumed-role/r/session']) {
      expect(await authenticate(header(id), gateway('AWS_IAM'), issuer)).toEqual({ ok: true, principal: { type: 'IamEntity', id, tags: {} } });
    }
    expect(await authenticate(localIamAuthorization('arn:aws:iam::123456789012:role/r', 'eu-west-1'), gateway('AWS_IAM'), issuer)).toMatchObject({
      principal: { id: 'arn:aws:iam::123456789012:role/r' },
    });
    for (const bad of [undefined, 'Bearer x', 'AWS4-HMAC-SHA256 Credential=AKID/2026/us-west-2/x/aws4_request, S=1', 'AWS4-HMAC-SHA256 SignedHeaders=host']) {
      expect(await authenticate(bad, gateway('AWS_IAM'), issuer)).toMatchObject({ ok: false, challenge: 'AWS4-HMAC-SHA256' });
    }
  });

  it('lets anyone through a NONE gateway as the anonymous OAuthUser', async () => {
    expect(await authenticate(undefined, gateway('NONE'), issuer)).toEqual({ ok: true, principal: { type: 'OAuthUser', id: 'anonymous', tags: {} } });
  });

  it('refuses a bearer token on a gateway whose issuer is not local, without verifying it', async () => {
    const remote = gateway('CUSTOM_JWT', { customJWTAuthorizer: { discoveryUrl: 'https://cognito-idp.us-west-2.amazonaws.com/pool/.well-known/openid-configuration' } });
    expect(await authenticate('Bearer a.b.c', remote, issuer)).toMatchObject({ ok: false, challenge: 'Bearer realm="g-0123456789", error="invalid_token"' });
    expect(await authenticate(undefined, remote, issuer)).toMatchObject({ ok: false, challenge: 'Bearer realm="g-0123456789"' });
  });
});

describe('isLocalDiscoveryUrl', () => {
  it.each([LOCAL_DISCOVERY_URL, 'http://127.0.0.1:4566/.well-known/openid-configuration', 'http://localhost/.well-known/openid-configuration'])('trusts %s', (url) =>
    expect(isLocalDiscoveryUrl(url)).toBe(true),
  );
  it.each([undefined, 'https://auth.example.com/.well-known/openid-configuration', 'http://127.0.0.1:4566/other', 'http://127.0.0.1.example.com/.well-known/openid-configuration'])(
    'does not trust %s',
    (url) => expect(isLocalDiscoveryUrl(url)).toBe(false),
  );
});
