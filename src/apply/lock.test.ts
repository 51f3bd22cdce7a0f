import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLY_LOCK_POLICY, createEngine, createPolicy, deletePolicy, findApplyLock, listLivePolicies, waitForPolicyActive } from '../agentcore/index.js';
import { startFixture, WAIT, type Fixture } from '../../test/helpers/agentcore-fixture.js';
import { lockId } from '../plan/apply-lock.js';
import { abandoned, forceUnlock, LOCK_STATEMENT, lockEngine, lockOnCreate, type Here, type LockedEngine } from './lock.js';
import type { ApplyOperations } from './operations.js';

const here = (pid: number, alive: number[] = []): Here => ({ host: 'ci-runner-7', pid, held: new Set(), alive: (p) => alive.includes(p) });
const holder = { host: 'ci-runner-7', pid: 4242, id: '6f1c', since: '2026-11-29T04:00:00.000Z' };

describe('lock holder', () => {
  it('is abandoned only when its apply is provably over: a dead process here, or an ended apply of this process', () => {
    expect(abandoned(holder, here(1, []))).toBe(true);
    expect(abandoned(holder, here(1, [4242]))).toBe(false);
    expect(abandoned(holder, { ...here(1), host: 'elsewhere' })).toBe(false);
    expect(abandoned(holder, here(4242, [4242]))).toBe(true);
    const running = here(4242, [4242]);
    running.held.add('6f1c');
    expect(abandoned(holder, running)).toBe(false);
  });
});

describe('lockEngine against the emulator', () => {
  let fx: Fixture;
  let engine: LockedEngine;
  const connection = () => ({ client: fx.client, wait: WAIT });
  beforeAll(async () => {
    fx = await startFixture();
    const created = await createEngine(fx.client, { name: 'Locked' }, WAIT);
    engine = { policyEngineId: created.policyEngineId, name: 'Locked', file: 'engines/locked.yaml' };
  });
  afterAll(() => fx.close());

  it('lets one apply in, tells the next who holds the engine, and lets it in once released', async () => {
    const first = await lockEngine(connection(), engine, here(100, [100, 200]));
    if (!('lock' in first)) throw new Error(first.diagnostic.message);
    const lock = await findApplyLock(fx.client, engine.policyEngineId);
    expect(lock).toMatchObject({ name: APPLY_LOCK_POLICY, enforcementMode: 'LOG_ONLY' });
    // Bookkeeping, not policy: the live state a plan reads never has it.
    expect(await listLivePolicies(fx.client, engine.policyEngineId)).toEqual([]);

    const second = await lockEngine(connection(), engine, here(200, [100, 200]));
    expect(second).toEqual({
      diagnostic: {
        severity: 'error',
        code: 'apply/engine-locked',
        message: expect.stringMatching(
          new RegExp(`^engine Locked: another apply is applying to this engine \\(from ci-runner-7, process 100, since [^;]*; lock id ${lockId(lock!)}, policy ${APPLY_LOCK_POLICY} ${lock!.policyId}\\), so this one changed nothing\\.`),
        ),
        file: 'engines/locked.yaml',
      },
    });
    // The refusal ends with the exact command that clears this lock.
    expect((second as { diagnostic: { message: string } }).diagnostic.message).toMatch(new RegExp(`clear the lock first with: agentcore-policy unlock --engine Locked ${lockId(lock!)}$`));
    expect(lockId(lock!)).toMatch(/^[0-9a-f-]{36}$/);

    expect(await first.lock.release()).toBeUndefined();
    expect(await first.lock.release()).toBeUndefined();
    // Still DELETING when the next apply asks: it waits for the name to be free.
    const third = await lockEngine(connection(), engine, here(200, [100, 200]));
    if (!('lock' in third)) throw new Error(third.diagnostic.message);
    expect(await third.lock.release()).toBeUndefined();
  });

  it('takes over a lock whose apply died on this machine, and one this process failed to release', async () => {
    const dead = await lockEngine(connection(), engine, here(300, [300]));
    if (!('lock' in dead)) throw new Error(dead.diagnostic.message);
    const taken = await lockEngine(connection(), engine, here(400, [400]));
    if (!('lock' in taken)) throw new Error(taken.diagnostic.message);
    const ownStale = here(400, [400]);
    const again = await lockEngine(connection(), engine, ownStale);
    if (!('lock' in again)) throw new Error(again.diagnostic.message);
    expect(ownStale.held.size).toBe(1);
    await again.lock.release();
    expect(ownStale.held.size).toBe(0);
  });

  it('releases quietly a lock someone deleted by hand', async () => {
    const taken = await lockEngine(connection(), engine, here(500, [500]));
    if (!('lock' in taken)) throw new Error(taken.diagnostic.message);
    const lock = (await findApplyLock(fx.client, engine.policyEngineId))!;
    const ref = { policyEngineId: engine.policyEngineId, policyId: lock.policyId };
    await waitForPolicyActive(fx.client, ref, WAIT);
    await deletePolicy(fx.client, ref);
    expect(await taken.lock.release()).toBeUndefined();
  });
});

describe('forceUnlock against the emulator', () => {
  let fx: Fixture;
  let engine: LockedEngine;
  const connection = () => ({ client: fx.client, wait: WAIT });
  beforeAll(async () => {
    fx = await startFixture();
    const created = await createEngine(fx.client, { name: 'Stuck' }, WAIT);
    engine = { policyEngineId: created.policyEngineId, name: 'Stuck', file: 'engines/stuck.yaml' };
  });
  afterAll(() => fx.close());

  it('says there is nothing to unlock on an engine no apply holds', async () => {
    expect(await forceUnlock(connection(), engine, 'anything')).toEqual({
      diagnostic: { severity: 'error', code: 'unlock/not-locked', message: expect.stringContaining('no apply holds this engine'), file: 'engines/stuck.yaml', engine: 'Stuck' },
    });
  });

  it('deletes a lock left by a killed apply elsewhere only when given its id, after which an apply gets in', async () => {
    // Taken from another machine, whose process cannot be checked from here.
    const taken = await lockEngine(connection(), engine, { ...here(700, [700]), host: 'killed-runner' });
    if (!('lock' in taken)) throw new Error(taken.diagnostic.message);
    const lock = (await findApplyLock(fx.client, engine.policyEngineId))!;
    const id = lockId(lock);
    for (const wrong of [lock.policyId, id.toUpperCase(), `${id} `, id.slice(0, -1), '']) {
      const refused = await forceUnlock(connection(), engine, wrong);
      expect(refused, wrong).toEqual({ diagnostic: expect.objectContaining({ code: 'unlock/wrong-id', message: expect.stringContaining(`has id ${id} (from killed-runner, process 700`) }) });
      expect((await findApplyLock(fx.client, engine.policyEngineId))?.policyId, wrong).toBe(lock.policyId);
    }
    expect(await lockEngine(connection(), engine, here(800, [800]))).toHaveProperty('diagnostic.code', 'apply/engine-locked');

    expect(await forceUnlock(connection(), engine, id)).toEqual({ unlocked: expect.objectContaining({ policyId: lock.policyId }) });
    expect(await findApplyLock(fx.client, engine.policyEngineId)).toBeUndefined();
    const next = await lockEngine(connection(), engine, here(800, [800]));
    if (!('lock' in next)) throw new Error(next.diagnostic.message);
    expect(await next.lock.release()).toBeUndefined();
  });

  it('names a lock whose description names no holder by its policy id', async () => {
    const made = await createPolicy(fx.client, { policyEngineId: engine.policyEngineId, name: APPLY_LOCK_POLICY, statement: LOCK_STATEMENT, description: 'left by hand', enforcementMode: 'LOG_ONLY' });
    const lock = (await findApplyLock(fx.client, engine.policyEngineId))!;
    expect(lockId(lock)).toBe(made.policyId);
    expect(await forceUnlock(connection(), engine, 'left')).toHaveProperty('diagnostic.code', 'unlock/wrong-id');
    // Deleted even while it is still being created.
    expect(await forceUnlock(connection(), engine, made.policyId!)).toHaveProperty('unlocked.policyId', made.policyId);
    expect(await findApplyLock(fx.client, engine.policyEngineId)).toBeUndefined();
  });
});

describe('lockOnCreate', () => {
  it('takes the lock right after the engine is created, and only then', async () => {
    const calls: string[] = [];
    const ops: ApplyOperations = {
      start: async (step) => (calls.push(`start ${step.type}`), step.type === 'create-engine' ? { engine: { policyEngineId: 'E-0123456789', arn: 'arn:e' } } : {}),
      settle: async () => undefined,
    };
    const locked = lockOnCreate(ops, async (engine) => void calls.push(`lock ${engine.policyEngineId}`));
    await locked.start({ type: 'create-engine', name: 'E', clientToken: 't'.repeat(40) }, undefined);
    await locked.start({ type: 'delete-policy', name: 'P', policyId: 'P-0123456789' }, { policyEngineId: 'E-0123456789', arn: 'arn:e' });
    expect(calls).toEqual(['start create-engine', 'lock E-0123456789', 'start delete-policy']);
  });
});
