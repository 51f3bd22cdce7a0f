// Authentication at the local gateway, before anything is evaluated: a CUSTOM_JWT gateway takes only a valid,
// unexpired RS256 token of the local issuer for its audience and clients, and answers everything else 401 with a
// WWW-Authenticate challenge; the signing key lives in the state folder, so a token minted by another process
// before the engine ran verifies, on any port, after a restart; an AWS_IAM gateway takes a SigV4 header, its access
// key id as the principal.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreatePolicyCommand, GetGatewayCommand, UpdateGatewayCommand, waitUntilPolicyActive } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuerKeyFile, localIamAuthorization, LOCAL_ISSUER, mintLocalToken, startEmulator } from '../../src/emulator/index.js';
import { WAIT } from '../emulator/helpers.js';
import { GATEWAY_ARN, GATEWAY_ID, localGateway, post, PROCESS_REFUND, REFUND_TARGET, REFUND_UNDER_500, type LocalGateway } from './fixture.js';

const CALL = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: PROCESS_REFUND, arguments: { orderId: 'o-1', amount: 1 } } });
const AGENT = { username: 'refund-agent' };

let gw: LocalGateway;
beforeAll(async () => {
  gw = await localGateway({ policies: [{ name: 'RefundUnder500', statement: REFUND_UNDER_500 }] });
});
afterAll(() => gw.close());

async function expectRefused(headers: Record<string, string>, description?: RegExp): Promise<void> {
  const before = gw.emulator.decisionRecords(GATEWAY_ID).length;
  const response = await post(gw.gatewayUrl, CALL, headers);
  expect(response.status).toBe(401);
  const challenge = response.headers.get('www-authenticate');
  expect(challenge).toMatch(new RegExp(`^Bearer realm="${GATEWAY_ID}"`));
  if (description) expect(challenge).toMatch(description);
  expect(response.json).toMatchObject({ jsonrpc: '2.0', error: { message: expect.stringMatching(/^Unauthorized: /) } });
  expect(gw.emulator.decisionRecords(GATEWAY_ID)).toHaveLength(before);
}

async function updateAuthorizer(customJWTAuthorizer: Record<string, unknown>): Promise<void> {
  const gateway = await gw.control.send(new GetGatewayCommand({ gatewayIdentifier: GATEWAY_ID }));
  await gw.control.send(
    new UpdateGatewayCommand({
      gatewayIdentifier: GATEWAY_ID,
      name: gateway.name,
      roleArn: gateway.roleArn,
      authorizerType: 'CUSTOM_JWT',
      authorizerConfiguration: { customJWTAuthorizer: customJWTAuthorizer as never },
      policyEngineConfiguration: gateway.policyEngineConfiguration,
    }),
  );
}

describe('a CUSTOM_JWT gateway refuses, with 401 and nothing evaluated', () => {
  it('a request without a token', async () => {
    await expectRefused({});
    const missing = await post(gw.gatewayUrl, CALL);
    expect(missing.headers.get('www-authenticate')).not.toContain('error=');
  });

  it('a stock MCP client without a token', async () => {
    await expect(gw.connect({})).rejects.toMatchObject({ code: 401, message: expect.stringContaining('Unauthorized') });
  });

  it('another scheme, or a bearer value that is no JWT', async () => {
    await expectRefused({ authorization: 'Basic dXNlcjpwYXNz' });
    await expectRefused({ authorization: 'Bearer' });
    await expectRefused({ authorization: 'Bearer not-a-jwt' }, /error="invalid_token", error_description="the token is malformed"/);
  });

  it('an expired token', async () => {
    const token = await gw.token({ sub: 'user-1', claims: AGENT, expiresIn: '-1m' });
    await expectRefused({ authorization: `Bearer ${token}` }, /the token has expired/);
  });

  it('a token that expires after it was first accepted', async () => {
    const token = await gw.token({ sub: 'user-1', claims: AGENT, expiresIn: 1 });
    const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp as number;
    expect((await post(gw.gatewayUrl, CALL, { authorization: `Bearer ${token}` })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    await expectRefused({ authorization: `Bearer ${token}` }, /the token has expired/);
  });

  it('a token signed by another issuer key', async () => {
    const other = await startEmulator();
    const minted = await other.mintToken({ sub: 'user-1', claims: AGENT });
    await other.close();
    await expectRefused({ authorization: `Bearer ${minted.ok && minted.token}` }, /not signed by the local issuer/);
  });

  it('a token whose claims were changed after signing', async () => {
    const [header, payload, signature] = (await gw.token({ sub: 'user-1', claims: { username: 'nobody' } })).split('.');
    const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), username: 'refund-agent' };
    await expectRefused({ authorization: `Bearer ${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}` }, /not signed/);
  });

  it('a token for another audience, or another client', async () => {
    await expectRefused({ authorization: `Bearer ${await gw.token({ sub: 'user-1', claims: AGENT, audience: 'someone-else' })}` }, /aud claim/);
    await expectRefused({ authorization: `Bearer ${await gw.token({ sub: 'user-1', claims: AGENT, clientId: 'intruder' })}` }, /client_id/);
  });

  it('accepts the same call with a valid token', async () => {
    const response = await post(gw.gatewayUrl, CALL, { authorization: `Bearer ${await gw.token({ sub: 'user-1', claims: AGENT })}` });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ jsonrpc: '2.0', id: 1, result: { isError: false } });
  });
});

describe("the gateway's authorizer configuration", () => {
  it('a gateway trusting another issuer refuses local tokens', async () => {
    await updateAuthorizer({ discoveryUrl: 'https://auth.example.com/.well-known/openid-configuration' });
    try {
      await expectRefused({ authorization: `Bearer ${await gw.token({ sub: 'user-1', claims: AGENT })}` }, /error="invalid_token"/);
    } finally {
      await updateAuthorizer({ discoveryUrl: `${gw.emulator.url}/.well-known/openid-configuration`, allowedClients: ['agentcore-policy-local'] });
    }
  });

  it('allowedScopes and customClaims are checked', async () => {
    await updateAuthorizer({
      discoveryUrl: `${gw.emulator.url}/.well-known/openid-configuration`,
      allowedScopes: ['refunds:write'],
      customClaims: [
        {
          inboundTokenClaimName: 'groups',
          inboundTokenClaimValueType: 'STRING_ARRAY',
          authorizingClaimMatchValue: { claimMatchValue: { matchValueString: 'refunders' }, claimMatchOperator: 'CONTAINS' },
        },
      ],
    });
    const bearer = async (claims: Record<string, unknown>) => ({ authorization: `Bearer ${await gw.token({ sub: 'user-1', claims: { ...AGENT, ...claims } })}` });
    await expectRefused(await bearer({ groups: ['refunders'] }), /none of the scopes/);
    await expectRefused(await bearer({ scope: 'refunds:read refunds:write', groups: ['readers'] }), /groups claim/);
    expect((await post(gw.gatewayUrl, CALL, await bearer({ scope: 'refunds:read refunds:write', groups: ['refunders'] }))).status).toBe(200);
  });
});

describe('the local issuer', () => {
  it('publishes a discovery document and key set, whose issuer does not depend on the port', async () => {
    const discovery = (await (await fetch(`${gw.emulator.url}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(discovery).toMatchObject({ issuer: LOCAL_ISSUER, jwks_uri: `${gw.emulator.url}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] });
    const jwks = (await (await fetch(discovery.jwks_uri!)).json()) as { keys: { kid: string; kty: string; d?: string }[] };
    const token = await gw.token({ sub: 'user-1' });
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string; alg: string };
    expect(header.alg).toBe('RS256');
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', kid: header.kid, alg: 'RS256', use: 'sig' })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('refuses claims it sets itself, and expiries it cannot read', async () => {
    expect(await gw.emulator.mintToken({ sub: 'u', claims: { iss: 'https://evil.example' } })).toMatchObject({ ok: false, code: 'ReservedClaim' });
    expect(await gw.emulator.mintToken({ sub: 'u', expiresIn: 'a while' })).toMatchObject({ ok: false, code: 'InvalidExpiry' });
    expect(await gw.emulator.mintToken({ sub: '' })).toMatchObject({ ok: false, code: 'InvalidSubject' });
  });
});

describe('a persisted issuer key', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gateway-issuer-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('verifies a token minted by another process before the engine ran, after restarts on other ports', async () => {
    const stateFile = join(folder, 'local-engine.json');
    const minted = await mintLocalToken({ stateFile, sub: 'user-1', claims: AGENT });
    if (!minted.ok) throw new Error(minted.message);
    expect(new Date(minted.expiresAt).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect((await stat(issuerKeyFile(stateFile))).mode & 0o777).toBe(0o600);
    const ports: string[] = [];
    for (let run = 0; run < 2; run++) {
      const local = await localGateway({ mode: 'none', emulator: { stateFile } });
      try {
        ports.push(new URL(local.gatewayUrl).port);
        const response = await post(local.gatewayUrl, CALL, { authorization: `Bearer ${minted.token}` });
        expect(response.status, `run ${run}`).toBe(200);
      } finally {
        await local.close();
      }
    }
    expect(ports[0]).not.toBe(ports[1]);
  });
});

describe('an AWS_IAM gateway (local stand-in)', () => {
  const ROLE = 'arn:aws:iam::123456789012:role/refunder';
  const sigv4 = (accessKeyId: string) => localIamAuthorization(accessKeyId, 'us-west-2');
  let iam: LocalGateway;
  beforeAll(async () => {
    iam = await localGateway({ authorizerType: 'AWS_IAM', targets: [REFUND_TARGET] });
    const engineId = iam.engineArn!.split('/').pop()!;
    const statement = `permit (principal == AgentCore::IamEntity::"${ROLE}", action == AgentCore::Action::"${PROCESS_REFUND}", resource == AgentCore::Gateway::"${GATEWAY_ARN}");`;
    const created = await iam.control.send(new CreatePolicyCommand({ policyEngineId: engineId, name: 'Refunder', definition: { cedar: { statement } } }));
    await waitUntilPolicyActive({ client: iam.control, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId });
  });
  afterAll(() => iam.close());

  it('takes the access key id of a SigV4 header as the IamEntity, with no tags', async () => {
    const client = await iam.connect({ authorization: sigv4(ROLE) });
    expect((await client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'o-1', amount: 10 } })).isError).toBe(false);
    const other = await iam.connect({ authorization: sigv4('AKIDEXAMPLE') });
    await expect(other.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'o-2', amount: 10 } })).rejects.toThrow(/-32002/);
    const [allowed, denied] = iam.emulator.decisionRecords(GATEWAY_ID);
    expect(allowed!.body.policy.principal).toEqual({ entityType: 'AgentCore::IamEntity', entityId: ROLE });
    expect(allowed!.body.local.principalTags).toEqual({});
    expect(denied!.body.policy.principal.entityId).toBe('AKIDEXAMPLE');
  });

  it('refuses a request that is not SigV4-signed, bearer tokens included', async () => {
    const unsigned: Record<string, string>[] = [{}, { authorization: `Bearer ${await iam.token({ sub: 'user-1' })}` }];
    for (const headers of unsigned) {
      const response = await post(iam.gatewayUrl, CALL, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('AWS4-HMAC-SHA256');
    }
  });
});
