import { ListPolicyEnginesCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { createControlClient, effectiveEndpoint, isLoopback } from './client.js';
import { LOCAL_CREDENTIALS } from './credentials.js';
import { describeAwsError, redact } from './errors.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ transitionDelayMs: 10 });
});
afterAll(() => emulator.close());

describe('isLoopback / effectiveEndpoint', () => {
  it('recognises loopback URLs only', () => {
    expect(isLoopback('http://127.0.0.1:4566')).toBe(true);
    expect(isLoopback('http://localhost:1')).toBe(true);
    expect(isLoopback('http://[::1]:1')).toBe(true);
    expect(isLoopback('https://bedrock-agentcore-control.us-east-1.amazonaws.com')).toBe(false);
    expect(isLoopback('not a url')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
  it('prefers an explicit endpoint, then the engine URL, then the variables the SDK reads', () => {
    const env = { AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL: 'http://127.0.0.1:2' };
    expect(effectiveEndpoint({ endpoint: 'https://x.example' }, { env, endpoint: 'http://127.0.0.1:3' })).toBe('http://127.0.0.1:3');
    expect(effectiveEndpoint({ endpoint: 'https://x.example' }, { env })).toBe('https://x.example');
    expect(effectiveEndpoint({ endpoint: 'local' }, { env })).toBe('http://127.0.0.1:1');
    expect(effectiveEndpoint({}, { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:2' } })).toBe('http://127.0.0.1:2');
    expect(effectiveEndpoint({}, { env: {} })).toBeUndefined();
  });
});

describe('createControlClient', () => {
  it('talks to a loopback endpoint with fixed fake credentials and standard retries (no client-side rate limiter)', async () => {
    const client = createControlClient({ region: 'us-west-2', endpoint: emulator.url }, { maxAttempts: 7, env: {} });
    expect(await client.config.credentials()).toMatchObject(LOCAL_CREDENTIALS);
    expect(await client.config.region()).toBe('us-west-2');
    expect(await client.config.maxAttempts()).toBe(7);
    expect(((await client.config.retryStrategy()) as { mode?: string }).mode).toBe('standard');
    const answer = await client.send(new ListPolicyEnginesCommand({}));
    expect(answer.policyEngines).toEqual([]);
    client.destroy();
  });
  it('on request, retries a throttling local engine up to maxAttempts, backing off milliseconds rather than seconds', async () => {
    const client = createControlClient({ region: 'us-west-2', endpoint: emulator.url }, { maxAttempts: 4, env: {}, localRetries: true });
    emulator.setFaults({ throttleRate: 1 });
    emulator.resetStats();
    try {
      const error = (await client.send(new ListPolicyEnginesCommand({})).catch((e: unknown) => e)) as { name: string; $metadata: { attempts: number; totalRetryDelay: number } };
      expect(error.name).toBe('ThrottlingException');
      expect(error.$metadata.attempts).toBe(4);
      expect(emulator.stats()).toMatchObject({ requests: 4, injected: 4 });
      // The delays the strategy chose (not measured time): at most 10 + 20 + 40 ms; the SDK's would reach seconds.
      expect(error.$metadata.totalRetryDelay).toBeLessThanOrEqual(70);
    } finally {
      emulator.setFaults({});
      client.destroy();
    }
  });
  it('lets the SDK pick the endpoint from AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL, with fake credentials', async () => {
    const saved = process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL;
    process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL = emulator.url;
    try {
      emulator.resetStats();
      const client = createControlClient({ region: 'us-west-2' });
      await client.send(new ListPolicyEnginesCommand({}));
      expect(emulator.stats().byOperation.ListPolicyEngines).toBe(1);
      client.destroy();
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL;
      else process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL = saved;
    }
  });
  it('uses the credential chain for other endpoints, and a missing chain reads as CredentialsMissing', async () => {
    const keys = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE'];
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    for (const k of keys) delete process.env[k];
    Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true' });
    try {
      const client = createControlClient({ region: 'us-west-2', endpoint: 'https://agentcore.invalid' }, { maxAttempts: 1, env: {} });
      const error = await client.send(new ListPolicyEnginesCommand({})).catch((e: unknown) => e);
      expect(describeAwsError(error).code).toBe('CredentialsMissing');
      client.destroy();
    } finally {
      for (const k of keys) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
  it('has redact mask the credentials the chain resolved, from a credentials file the environment never names', async () => {
    const keys = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_EC2_METADATA_DISABLED'];
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    const folder = await mkdtemp(join(tmpdir(), 'agentcore-policy-credentials-'));
    const secret = { id: 'AKIDFROMPROFILE0001', key: 'profile/secret+key+0001', token: 'ProfileSessionToken0001' };
    await writeFile(join(folder, 'credentials'), `[echo]\naws_access_key_id = ${secret.id}\naws_secret_access_key = ${secret.key}\naws_session_token = ${secret.token}\n`);
    for (const k of keys) delete process.env[k];
    Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: join(folder, 'credentials'), AWS_CONFIG_FILE: join(folder, 'config'), AWS_EC2_METADATA_DISABLED: 'true' });
    const echoed = `the service saw ${secret.token} signed with ${secret.key} by ${secret.id}`;
    try {
      expect(redact(echoed)).toBe(echoed);
      // The emulator at an address the client does not take for a local engine: it signs with the chain's credentials.
      const client = createControlClient({ region: 'us-west-2', endpoint: emulator.url.replace('127.0.0.1', '[::ffff:127.0.0.1]') }, { profile: 'echo', env: {} });
      await client.send(new ListPolicyEnginesCommand({}));
      client.destroy();
      expect(redact(echoed)).toBe('the service saw *** signed with *** by ***');
    } finally {
      for (const k of keys) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await rm(folder, { recursive: true, force: true });
    }
  });
  it('refuses an `endpoint: local` engine that has no local engine URL yet', () => {
    expect(() => createControlClient({ region: 'us-west-2', endpoint: 'local' })).toThrow(/local engine/);
  });
});
