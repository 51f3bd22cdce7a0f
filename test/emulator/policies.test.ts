// Contract: policies, through the real SDK client over HTTP.
import {
  ConflictException,
  CreatePolicyCommand,
  DeletePolicyCommand,
  GetPolicyCommand,
  GetPolicySummaryCommand,
  ListPolicySummariesCommand,
  ResourceNotFoundException,
  UpdatePolicyCommand,
  ValidationException,
  waitUntilPolicyActive,
  waitUntilPolicyDeleted,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeEngine, clientToken, emulatorOnly, refundGateway, refundPolicy, removeEngine, removeGateway, startTarget, WAIT, type Target } from './helpers.js';

let target: Target;
let engineId: string;
let gateway: Awaited<ReturnType<typeof refundGateway>>;
beforeAll(async () => {
  target = await startTarget();
  const engine = await activeEngine(target.client, 'Policies');
  engineId = engine.policyEngineId;
  gateway = await refundGateway(target.client, engine.policyEngineArn);
});
afterAll(async () => {
  await removeEngine(target.client, engineId);
  await removeGateway(target.client, gateway.gateway.gatewayId, [gateway.targetId]);
  await target.close();
});

const create = (name: string, statement: string, extra: Partial<ConstructorParameters<typeof CreatePolicyCommand>[0]> = {}) =>
  target.client.send(new CreatePolicyCommand({ policyEngineId: engineId, name, definition: { cedar: { statement } }, ...extra }));

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);

describe('policies', () => {
  it('creates a valid policy: 202 CREATING, then ACTIVE through waitUntilPolicyActive, and reads it back', async () => {
    const { client } = target;
    const created = await create('RefundUnder500', refundPolicy(), { description: 'refunds', enforcementMode: 'LOG_ONLY' });
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created.status).toBe('CREATING');
    expect(created.policyId).toMatch(/^RefundUnder500-[a-z0-9]{10}$/);
    expect(created.policyArn).toMatch(new RegExp(`:policy-engine/${engineId}/policy/${created.policyId}$`));
    const waited = await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId });
    expect(waited.state).toBe('SUCCESS');
    const read = await client.send(new GetPolicyCommand({ policyEngineId: engineId, policyId: created.policyId }));
    expect(read).toMatchObject({ status: 'ACTIVE', description: 'refunds', enforcementMode: 'LOG_ONLY', definition: { cedar: { statement: refundPolicy() } } });
    const summary = await client.send(new GetPolicySummaryCommand({ policyEngineId: engineId, policyId: created.policyId }));
    expect(summary.name).toBe('RefundUnder500');
    expect(summary).not.toHaveProperty('definition');
    const summaries = await client.send(new ListPolicySummariesCommand({ policyEngineId: engineId }));
    expect(summaries.policies?.map((p) => p.policyId)).toContain(created.policyId);
  });

  it('ends CREATE_FAILED with Cedar statusReasons when the statement does not fit the gateways schema', async () => {
    const { client } = target;
    const created = await create('UnknownTool', refundPolicy().replace('process_refund', 'refund_everything'));
    const error = await failure(waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId }));
    expect(error).toBeInstanceOf(Error);
    const read = await client.send(new GetPolicyCommand({ policyEngineId: engineId, policyId: created.policyId }));
    expect(read.status).toBe('CREATE_FAILED');
    expect(read.statusReasons?.join(' ')).toMatch(/unrecognized action/);
  });

  it('ends CREATE_FAILED for an allow-all policy under FAIL_ON_ANY_FINDINGS, but accepts it when findings are ignored', async () => {
    const { client } = target;
    const allowAll = 'permit(principal, action, resource);   // everything, everywhere';
    const strict = await create('AllowAllStrict', allowAll);
    await failure(waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engineId, policyId: strict.policyId }));
    const read = await client.send(new GetPolicyCommand({ policyEngineId: engineId, policyId: strict.policyId }));
    expect(read.status).toBe('CREATE_FAILED');
    expect(read.statusReasons?.length).toBeGreaterThan(0);
    const lenient = await create('AllowAllLenient', allowAll, { validationMode: 'IGNORE_ALL_FINDINGS' });
    expect((await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engineId, policyId: lenient.policyId })).state).toBe('SUCCESS');
  });

  it('refuses a statement that does not parse, or holds two policies, with ValidationException', async () => {
    const broken = await failure(create('Broken', 'permit(principal, action, resource) when { context.input.amount < };'));
    expect(broken).toBeInstanceOf(ValidationException);
    expect((broken as ValidationException).fieldList?.[0]?.name).toBe('definition');
    const two = await failure(create('Two', `${refundPolicy()}\n${refundPolicy(100)}`));
    expect(two).toBeInstanceOf(ValidationException);
    const short = await failure(create('Short', 'permit(principal,action,resource);'));
    expect((short as ValidationException).fieldList?.[0]?.name).toBe('definition.cedar.statement');
  });

  // The service's own limit is not documented; the emulator refuses what cedar-wasm could not check (src/cedar/nesting.ts).
  emulatorOnly('refuses a statement nested too deeply, at its line and column, and keeps accepting good ones', async () => {
    const { client } = target;
    const nested = (depth: number) => refundPolicy().replace('context.input.amount < 500', `${'('.repeat(depth)}context.input.amount < 500${')'.repeat(depth)}`);
    for (const depth of [150, 60]) {
      const refused = (await failure(create(`Deep${depth}`, nested(depth)))) as ValidationException;
      expect(refused).toBeInstanceOf(ValidationException);
      expect(refused.message).toMatch(/nested too deeply at line 5, column 49:/);
      expect(refused.fieldList?.[0]?.name).toBe('definition');
    }
    const created = await create('AfterDeep', nested(20));
    await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId });
    const update = (statement: string) => client.send(new UpdatePolicyCommand({ policyEngineId: engineId, policyId: created.policyId, definition: { cedar: { statement } } }));
    expect(await failure(update(nested(150)))).toBeInstanceOf(ValidationException);
    expect((await update(refundPolicy(250))).status).toBe('UPDATING');
    await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId });
    const read = await client.send(new GetPolicyCommand({ policyEngineId: engineId, policyId: created.policyId }));
    expect(read.definition).toEqual({ cedar: { statement: refundPolicy(250) } });
  });

  it('refuses a duplicate name in the same engine with ConflictException', async () => {
    await create('Duplicate', refundPolicy(10));
    expect(await failure(create('Duplicate', refundPolicy(20)))).toBeInstanceOf(ConflictException);
  });

  it('honours clientToken: same input gives the same policy, other input a mismatch', async () => {
    const token = clientToken();
    const first = await create('Idempotent', refundPolicy(30), { clientToken: token });
    const again = await create('Idempotent', refundPolicy(30), { clientToken: token });
    expect(again.policyId).toBe(first.policyId);
    const mismatch = await failure(create('Idempotent', refundPolicy(31), { clientToken: token }));
    expect((mismatch as ValidationException).reason).toBe('IdempotentParameterMismatchException');
  });

  it('updates through UPDATING to ACTIVE, changing only what was sent', async () => {
    const { client } = target;
    const created = await create('Updatable', refundPolicy(100), { description: 'before' });
    await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId });
    const updated = await client.send(
      new UpdatePolicyCommand({ policyEngineId: engineId, policyId: created.policyId, definition: { cedar: { statement: refundPolicy(200) } } }),
    );
    expect(updated.status).toBe('UPDATING');
    await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId });
    const read = await client.send(new GetPolicyCommand({ policyEngineId: engineId, policyId: created.policyId }));
    expect(read).toMatchObject({ status: 'ACTIVE', description: 'before', definition: { cedar: { statement: refundPolicy(200) } } });
  });

  it('keeps the previous definition live when an update fails validation', async () => {
    const { client } = target;
    const created = await create('Rollback', refundPolicy(100));
    await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId });
    await client.send(
      new UpdatePolicyCommand({
        policyEngineId: engineId,
        policyId: created.policyId,
        definition: { cedar: { statement: refundPolicy(100).replace('amount', 'total') } },
      }),
    );
    await failure(waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId }));
    const read = await client.send(new GetPolicyCommand({ policyEngineId: engineId, policyId: created.policyId }));
    expect(read.status).toBe('UPDATE_FAILED');
    expect(read.statusReasons?.length).toBeGreaterThan(0);
    expect(read.definition).toEqual({ cedar: { statement: refundPolicy(100) } });
  });

  it('deletes through DELETING until GetPolicy answers ResourceNotFoundException', async () => {
    const { client } = target;
    const created = await create('Doomed', refundPolicy(5));
    await waitUntilPolicyActive({ client, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId });
    const deleted = await client.send(new DeletePolicyCommand({ policyEngineId: engineId, policyId: created.policyId }));
    expect(deleted.status).toBe('DELETING');
    expect((await waitUntilPolicyDeleted({ client, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId })).state).toBe('SUCCESS');
    const gone = await failure(client.send(new GetPolicyCommand({ policyEngineId: engineId, policyId: created.policyId })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers policies of an unknown engine with ResourceNotFoundException', async () => {
    const error = await failure(
      target.client.send(new CreatePolicyCommand({ policyEngineId: 'Nowhere-0123456789', name: 'x', definition: { cedar: { statement: refundPolicy() } } })),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});
