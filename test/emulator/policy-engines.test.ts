// Contract: policy engines, through the real SDK client over HTTP.
import {
  ConflictException,
  CreatePolicyCommand,
  CreatePolicyEngineCommand,
  DeletePolicyEngineCommand,
  GetPolicyEngineCommand,
  GetPolicyEngineSummaryCommand,
  ListPolicyEngineSummariesCommand,
  paginateListPolicyEngines,
  ResourceNotFoundException,
  UpdatePolicyEngineCommand,
  ValidationException,
  waitUntilPolicyEngineActive,
  waitUntilPolicyEngineDeleted,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeEngine, clientToken, removeEngine, startTarget, uniqueName, WAIT, type Target } from './helpers.js';

let target: Target;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(() => target.close());

describe('policy engines', () => {
  it('creates asynchronously: 202 CREATING, then ACTIVE through the SDK waiter', async () => {
    const { client } = target;
    const name = uniqueName('Engine');
    const created = await client.send(new CreatePolicyEngineCommand({ name, description: 'contract test' }));
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created.status).toBe('CREATING');
    expect(created.policyEngineId).toMatch(new RegExp(`^${name}-[a-z0-9]{10}$`));
    expect(created.policyEngineArn).toMatch(/^arn:aws:bedrock-agentcore:[a-z0-9-]+:\d{12}:policy-engine\//);
    expect(created.policyEngineArn?.endsWith(`:policy-engine/${created.policyEngineId}`)).toBe(true);
    expect(created.createdAt).toBeInstanceOf(Date);

    const waited = await waitUntilPolicyEngineActive({ client, ...WAIT }, { policyEngineId: created.policyEngineId });
    expect(waited.state).toBe('SUCCESS');
    const engine = await client.send(new GetPolicyEngineCommand({ policyEngineId: created.policyEngineId }));
    expect(engine).toMatchObject({ name, status: 'ACTIVE', description: 'contract test', statusReasons: [] });
    await removeEngine(client, engine.policyEngineId!);
  });

  it('updates only the description with PATCH semantics', async () => {
    const { client } = target;
    const engine = await activeEngine(client);
    const updated = await client.send(new UpdatePolicyEngineCommand({ policyEngineId: engine.policyEngineId, description: { optionalValue: 'new' } }));
    expect(updated.status).toBe('UPDATING');
    await waitUntilPolicyEngineActive({ client, ...WAIT }, { policyEngineId: engine.policyEngineId });
    expect((await client.send(new GetPolicyEngineCommand({ policyEngineId: engine.policyEngineId }))).description).toBe('new');
    await client.send(new UpdatePolicyEngineCommand({ policyEngineId: engine.policyEngineId, description: {} }));
    await waitUntilPolicyEngineActive({ client, ...WAIT }, { policyEngineId: engine.policyEngineId });
    expect((await client.send(new GetPolicyEngineCommand({ policyEngineId: engine.policyEngineId }))).description).toBeUndefined();
    await removeEngine(client, engine.policyEngineId);
  });

  it('gives summaries without description or statusReasons', async () => {
    const { client } = target;
    const engine = await activeEngine(client);
    const summary = await client.send(new GetPolicyEngineSummaryCommand({ policyEngineId: engine.policyEngineId }));
    expect(summary).toMatchObject({ policyEngineId: engine.policyEngineId, status: 'ACTIVE' });
    expect(summary).not.toHaveProperty('statusReasons');
    const list = await client.send(new ListPolicyEngineSummariesCommand({ maxResults: 100 }));
    expect(list.policyEngines?.some((e) => e.policyEngineId === engine.policyEngineId)).toBe(true);
    await removeEngine(client, engine.policyEngineId);
  });

  it('lists every engine through the SDK paginator', async () => {
    const { client } = target;
    const engines = await Promise.all([activeEngine(client), activeEngine(client), activeEngine(client)]);
    const seen: string[] = [];
    for await (const page of paginateListPolicyEngines({ client, pageSize: 1 }, {})) {
      expect(page.policyEngines!.length).toBeLessThanOrEqual(1);
      seen.push(...page.policyEngines!.map((e) => e.policyEngineId!));
    }
    for (const engine of engines) expect(seen).toContain(engine.policyEngineId);
    await Promise.all(engines.map((e) => removeEngine(client, e.policyEngineId)));
  });

  it('refuses a duplicate name with ConflictException', async () => {
    const { client } = target;
    const engine = await activeEngine(client);
    await expect(client.send(new CreatePolicyEngineCommand({ name: engine.name }))).rejects.toBeInstanceOf(ConflictException);
    await removeEngine(client, engine.policyEngineId);
  });

  it('returns the same engine for a retried clientToken and refuses the token with other input', async () => {
    const { client } = target;
    const token = clientToken();
    const name = uniqueName('Engine');
    const first = await client.send(new CreatePolicyEngineCommand({ name, clientToken: token }));
    const again = await client.send(new CreatePolicyEngineCommand({ name, clientToken: token }));
    expect(again.policyEngineId).toBe(first.policyEngineId);
    const error = await client.send(new CreatePolicyEngineCommand({ name: uniqueName('Other'), clientToken: token })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).reason).toBe('IdempotentParameterMismatchException');
    await waitUntilPolicyEngineActive({ client, ...WAIT }, { policyEngineId: first.policyEngineId });
    await removeEngine(client, first.policyEngineId!);
  });

  it('refuses an invalid name with ValidationException naming the field', async () => {
    const error = await target.client.send(new CreatePolicyEngineCommand({ name: 'has-hyphen' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).reason).toBe('FieldValidationFailed');
    expect((error as ValidationException).fieldList?.map((f) => f.name)).toEqual(['name']);
    expect((error as ValidationException).$metadata.httpStatusCode).toBe(400);
  });

  it('refuses to delete an engine that still has policies, then deletes it once empty', async () => {
    const { client } = target;
    const engine = await activeEngine(client);
    await client.send(
      new CreatePolicyCommand({
        policyEngineId: engine.policyEngineId,
        name: 'KeepsEngineBusy',
        definition: { cedar: { statement: 'permit(principal, action, resource) when { context.input.amount < 5 };' } },
      }),
    );
    await expect(client.send(new DeletePolicyEngineCommand({ policyEngineId: engine.policyEngineId }))).rejects.toBeInstanceOf(ConflictException);
    await removeEngine(client, engine.policyEngineId);
    const waited = await waitUntilPolicyEngineDeleted({ client, ...WAIT }, { policyEngineId: engine.policyEngineId });
    expect(waited.state).toBe('SUCCESS');
    await expect(client.send(new GetPolicyEngineCommand({ policyEngineId: engine.policyEngineId }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers an unknown engine with ResourceNotFoundException (404)', async () => {
    const error = await target.client.send(new GetPolicyEngineCommand({ policyEngineId: 'Missing-0123456789' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
  });
});

