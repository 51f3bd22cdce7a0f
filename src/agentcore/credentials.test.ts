import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSts, type FakeSts } from '../../test/helpers/fake-sts.js';
import { startTap, type Tap, type WireRequest } from '../../test/security/tap.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import type { EngineSpec } from '../model.js';
import { createControlClient } from './client.js';
import { credentialSource, DEFAULT_SESSION_NAME, LOCAL_CREDENTIALS } from './credentials.js';
import { AgentCoreError } from './errors.js';
import { findEngineByName } from './live-state.js';

const ROLE = 'arn:aws:iam::210987654321:role/agentcore-policy-apply';
const RUN_KEY = 'AKIARUNCREDENTIALS01';
const PROFILES = { 'team-a': 'AKIATEAMAPROFILE0001', 'team-b': 'AKIATEAMBPROFILE0002' };

describe('credentialSource', () => {
  it('gives a local engine fixed fake credentials, whatever the file or --profile say', () => {
    expect(credentialSource({ aws: { roleArn: ROLE } }, true, 'team-a')).toEqual({ kind: 'local' });
  });
  it("prefers the engine file's profile over --profile, and --profile over the SDK's chain", () => {
    expect(credentialSource({ aws: { profile: 'team-b' } }, false, 'team-a')).toEqual({ kind: 'profile', profile: 'team-b' });
    expect(credentialSource({}, false, 'team-a')).toEqual({ kind: 'profile', profile: 'team-a' });
    expect(credentialSource({}, false)).toEqual({ kind: 'chain' });
  });
  it('assumes the role from --profile when given, with the default session name', () => {
    expect(credentialSource({ aws: { roleArn: ROLE, externalId: 'x-1' } }, false, 'team-a')).toEqual({
      kind: 'role',
      roleArn: ROLE,
      externalId: 'x-1',
      sessionName: DEFAULT_SESSION_NAME,
      sourceProfile: 'team-a',
    });
    expect(credentialSource({ aws: { roleArn: ROLE, sessionName: 'ci-42' } }, false)).toEqual({ kind: 'role', roleArn: ROLE, sessionName: 'ci-42' });
  });
});

// Over the wire: the SDK's STS client against a loopback STS, and the engine's requests read off a tap in front of
// the emulator. The engine's endpoint is loopback written as an IPv4-mapped IPv6 address, which the client does not
// take for a local engine, so it signs with real credentials as it would for AWS.
describe('credentials on the wire', () => {
  let emulator: Emulator;
  let tap: Tap;
  let sts: FakeSts;
  let folder: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    [emulator, sts, folder] = await Promise.all([startEmulator({ transitionDelayMs: 0 }), startFakeSts({ refuse: ['arn:aws:iam::210987654321:role/untrusted'] }), mkdtemp(join(tmpdir(), 'aws-config-'))]);
    tap = await startTap(emulator.url);
    const profiles = Object.entries(PROFILES).map(([name, key]) => `[${name}]\naws_access_key_id = ${key}\naws_secret_access_key = ${name}-secret\n`);
    await writeFile(join(folder, 'credentials'), profiles.join('\n'));
    await writeFile(join(folder, 'config'), '');
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: RUN_KEY,
      AWS_SECRET_ACCESS_KEY: 'run-secret',
      AWS_SHARED_CREDENTIALS_FILE: join(folder, 'credentials'),
      AWS_CONFIG_FILE: join(folder, 'config'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_STS: sts.url,
    });
  });
  afterAll(async () => {
    process.env = saved;
    await Promise.all([tap.close(), sts.close(), emulator.close(), rm(folder, { recursive: true, force: true })]);
  });
  beforeEach(() => {
    sts.calls.length = 0;
  });

  const engine = (aws?: EngineSpec['aws']): Pick<EngineSpec, 'region' | 'endpoint' | 'aws'> => ({
    region: 'us-east-1',
    endpoint: `http://[::ffff:127.0.0.1]:${tap.port}`,
    ...(aws && { aws }),
  });

  /** The engine requests one call sends, through a fresh client. */
  async function requestsOf(spec: Pick<EngineSpec, 'region' | 'endpoint' | 'aws'>, profile?: string): Promise<WireRequest[]> {
    const before = tap.requests().length;
    const client = createControlClient(spec, { maxAttempts: 1, env: {}, ...(profile && { profile }) });
    try {
      await findEngineByName(client, 'CustomerService_prod');
    } finally {
      client.destroy();
    }
    return tap.requests().slice(before);
  }

  const header = (request: { head: string[] }, name: string) =>
    request.head.find((line) => line.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
  const signingKey = (authorization: string | undefined) => /Credential=([A-Z0-9]+)\//.exec(authorization ?? '')?.[1];

  it('assumes the role with its external id from the run credentials, and signs every engine request with the assumed ones', async () => {
    const requests = await requestsOf(engine({ roleArn: ROLE, externalId: 'partner-7' }));
    expect(sts.calls.map((c) => c.params)).toEqual([
      expect.objectContaining({ Action: 'AssumeRole', RoleArn: ROLE, ExternalId: 'partner-7', RoleSessionName: DEFAULT_SESSION_NAME }),
    ]);
    expect(signingKey(sts.calls[0]!.headers.authorization)).toBe(RUN_KEY);
    expect(sts.calls[0]!.headers.authorization).toContain('/us-east-1/sts/aws4_request');
    const assumed = sts.issued.at(-1)!;
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(signingKey(header(request, 'authorization'))).toBe(assumed.accessKeyId);
      expect(header(request, 'x-amz-security-token')).toBe(assumed.sessionToken);
    }
  });

  it("assumes the role from --profile's credentials, under the engine file's session name", async () => {
    const requests = await requestsOf(engine({ roleArn: ROLE, sessionName: 'nightly-audit' }), 'team-a');
    expect(sts.calls).toHaveLength(1);
    expect(sts.calls[0]!.params).toMatchObject({ RoleArn: ROLE, RoleSessionName: 'nightly-audit' });
    expect(sts.calls[0]!.params.ExternalId).toBeUndefined();
    expect(signingKey(sts.calls[0]!.headers.authorization)).toBe(PROFILES['team-a']);
    expect(signingKey(header(requests[0]!, 'authorization'))).toBe(sts.issued.at(-1)!.accessKeyId);
  });

  it("signs with the engine file's profile over --profile, and with --profile when the file names none", async () => {
    const named = await requestsOf(engine({ profile: 'team-b' }), 'team-a');
    expect(signingKey(header(named[0]!, 'authorization'))).toBe(PROFILES['team-b']);
    const unnamed = await requestsOf(engine(), 'team-a');
    expect(signingKey(header(unnamed[0]!, 'authorization'))).toBe(PROFILES['team-a']);
    const plain = await requestsOf(engine());
    expect(signingKey(header(plain[0]!, 'authorization'))).toBe(RUN_KEY);
    expect(sts.calls).toEqual([]);
  });

  it('ignores the file for a loopback engine: fixed fake credentials, no STS call', async () => {
    const client = createControlClient({ region: 'us-east-1', endpoint: emulator.url, aws: { roleArn: ROLE } }, { env: {}, profile: 'team-a' });
    expect(await client.config.credentials()).toMatchObject(LOCAL_CREDENTIALS);
    await findEngineByName(client, 'CustomerService_prod');
    client.destroy();
    expect(sts.calls).toEqual([]);
  });

  it('names the role STS refused, without any credential in the message', async () => {
    const error = await requestsOf(engine({ roleArn: 'arn:aws:iam::210987654321:role/untrusted' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentCoreError);
    expect((error as AgentCoreError).code).toBe('RoleNotAssumed');
    expect((error as AgentCoreError).message).toMatch(/^Could not assume the engine's role arn:aws:iam::210987654321:role\/untrusted .*not authorized to perform: sts:AssumeRole/);
    expect((error as AgentCoreError).message).not.toContain(RUN_KEY);
  });
});
