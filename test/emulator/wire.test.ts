// Emulator-only: the raw restJson1 wire format, below the SDK: error encoding, timestamps, unknown routes, bodies
// that do not parse, and partitioning by the region a request is signed for.
import { BedrockAgentCoreControlClient, CreatePolicyEngineCommand, GetPolicyEngineCommand, ResourceNotFoundException } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { emulatorOnly, FAKE_CREDENTIALS, startTarget, uniqueName, type Target } from './helpers.js';

let target: Target;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(() => target.close());

describe('wire format', () => {
  emulatorOnly('encodes errors with x-amzn-errortype and __type, status from the model', async () => {
    const response = await fetch(`${target.emulator!.url}/policy-engines/Missing-0123456789`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as Record<string, string>;
    expect(body.__type).toBe('com.amazonaws.bedrockagentcorecontrol#ResourceNotFoundException');
    expect(body.message).toMatch(/Missing-0123456789/);
  });

  emulatorOnly('answers ISO-8601 timestamp strings and 202 for a create', async () => {
    const response = await fetch(`${target.emulator!.url}/policy-engines`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: uniqueName('Raw') }),
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body).toMatchObject({ status: 'CREATING', statusReasons: [] });
  });

  emulatorOnly('refuses a body that is not JSON with ValidationException CannotParse', async () => {
    const response = await fetch(`${target.emulator!.url}/policy-engines`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, string>).reason).toBe('CannotParse');
  });

  emulatorOnly('answers a path no operation serves with 404 UnknownOperationException', async () => {
    const response = await fetch(`${target.emulator!.url}/memories`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  emulatorOnly('keeps regions apart by the SigV4 scope of each request', async () => {
    const west = await target.client.send(new CreatePolicyEngineCommand({ name: uniqueName('West') }));
    expect(west.policyEngineArn).toContain(':us-west-2:');
    const eu = new BedrockAgentCoreControlClient({ region: 'eu-west-1', endpoint: target.emulator!.url, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
    await expect(eu.send(new GetPolicyEngineCommand({ policyEngineId: west.policyEngineId }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    eu.destroy();
  });
});
