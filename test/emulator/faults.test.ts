// Emulator-only: fault injection through the real SDK client, with its retries off or on as each case needs.
import {
  BedrockAgentCoreControlClient,
  CreatePolicyCommand,
  GetPolicyCommand,
  InternalServerException,
  ListPolicyEnginesCommand,
  ThrottlingException,
  waitUntilPolicyActive,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { activeEngine, emulatorOnly, FAKE_CREDENTIALS, REGION, refundPolicy, startTarget, WAIT, type Target } from './helpers.js';

let target: Target;
beforeAll(async () => {
  target = await startTarget();
});
afterEach(() => target.emulator?.setFaults({}));
afterAll(() => target.close());

const retryingClient = (maxAttempts: number) =>
  new BedrockAgentCoreControlClient({ region: REGION, endpoint: target.emulator!.url, credentials: FAKE_CREDENTIALS, maxAttempts, retryMode: 'standard' });

describe('fault injection', () => {
  emulatorOnly('throttles with 429 ThrottlingException when retries are off', async () => {
    target.emulator!.setFaults({ throttleRate: 1 });
    const error = await target.client.send(new ListPolicyEnginesCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as ThrottlingException).$metadata.httpStatusCode).toBe(429);
  });

  emulatorOnly('lets the SDK retry through intermittent throttling, and counts every attempt', async () => {
    target.emulator!.setFaults({ seed: 1, throttleRate: 0.4 });
    target.emulator!.resetStats();
    const client = retryingClient(10);
    for (let i = 0; i < 4; i++) await client.send(new ListPolicyEnginesCommand({}));
    client.destroy();
    expect(target.emulator!.stats().byOperation.ListPolicyEngines).toBeGreaterThan(4);
  });

  emulatorOnly('answers 500 InternalServerException, which the SDK retries up to maxAttempts', async () => {
    target.emulator!.setFaults({ internalErrorRate: 1, operations: ['ListPolicyEngines'] });
    target.emulator!.resetStats();
    const client = retryingClient(3);
    const error = await client.send(new ListPolicyEnginesCommand({})).catch((e: unknown) => e);
    client.destroy();
    expect(error).toBeInstanceOf(InternalServerException);
    expect((error as InternalServerException).$fault).toBe('server');
    expect(target.emulator!.stats().byOperation.ListPolicyEngines).toBe(3);
  });

  emulatorOnly('repeats the same fault pattern for the same seed', async () => {
    const pattern = async () => {
      target.emulator!.setFaults({ seed: 99, throttleRate: 0.5 });
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i++) {
        outcomes.push(await target.client.send(new ListPolicyEnginesCommand({})).then(() => 'ok', (e: Error) => e.name));
      }
      return outcomes;
    };
    const first = await pattern();
    expect(first).toContain('ThrottlingException');
    expect(first).toContain('ok');
    expect(await pattern()).toEqual(first);
  });

  emulatorOnly('fails or slows the transitions of resources chosen by name', async () => {
    const { client, emulator } = target;
    const engine = await activeEngine(client, 'Faulty');
    emulator!.setFaults({ resources: { Doomed: { fail: 'injected failure' }, Slow: { transitionMs: 600_000 } } });
    const doomed = await client.send(new CreatePolicyCommand({ policyEngineId: engine.policyEngineId, name: 'Doomed', definition: { cedar: { statement: refundPolicy() } } }));
    const slow = await client.send(new CreatePolicyCommand({ policyEngineId: engine.policyEngineId, name: 'Slow', definition: { cedar: { statement: refundPolicy() } } }));
    const fine = await client.send(new CreatePolicyCommand({ policyEngineId: engine.policyEngineId, name: 'Fine', definition: { cedar: { statement: refundPolicy() } } }));
    await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engine.policyEngineId, policyId: fine.policyId });
    await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engine.policyEngineId, policyId: doomed.policyId }).catch(() => undefined);
    const read = (policyId?: string) => client.send(new GetPolicyCommand({ policyEngineId: engine.policyEngineId, policyId }));
    expect(await read(doomed.policyId)).toMatchObject({ status: 'CREATE_FAILED', statusReasons: ['injected failure'] });
    expect((await read(slow.policyId)).status).toBe('CREATING');
  });

  emulatorOnly('changes faults at runtime', async () => {
    target.emulator!.setFaults({ throttleRate: 1 });
    await expect(target.client.send(new ListPolicyEnginesCommand({}))).rejects.toBeInstanceOf(ThrottlingException);
    target.emulator!.setFaults({});
    await expect(target.client.send(new ListPolicyEnginesCommand({}))).resolves.toHaveProperty('policyEngines');
  });
});
