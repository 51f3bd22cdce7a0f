// A plan reads the live engines beside validation (src/run/live-reads.ts). Reading early changes nothing a plan
// reports: a repository that fails validation is still reported exactly as validate reports it, with nothing asked
// of the service but reads, and a closed connection makes no further calls (how the reads of such a plan are dropped).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine, readLiveState } from '../../src/agentcore/index.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { loadRepository } from '../../src/repository/load.js';
import { runApply } from '../../src/run/apply.js';
import { runPlan } from '../../src/run/plan.js';
import { validateRepository } from '../../src/validation/validate.js';
import { repoOnEmulator } from '../action/policy-repo.js';
import { removeRepos, replace } from '../helpers/repo.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ transitionDelayMs: 0 });
});
afterAll(async () => {
  await emulator.close();
  await removeRepos();
});

const READS = /^(List|Get)/;

describe('reading live beside validation', () => {
  it('reports a repository that fails validation as validate does, having only read from the service', async () => {
    const root = await repoOnEmulator(emulator);
    expect((await runApply({ root, client: { env: {} } })).report.status).toBe('applied');
    const broken = await repoOnEmulator(emulator, { 'policies/business_rules/refund_under_500.cedar': replace('context.input.amount', 'context.input.amonut') });
    emulator.resetStats();
    const outcome = await runPlan({ root: broken, client: { env: {} } });
    expect(outcome).toMatchObject({ ok: false, stage: 'validate' });
    expect(outcome.diagnostics).toEqual((await validateRepository(broken)).diagnostics);
    expect(outcome.diagnostics.some((d) => d.severity === 'error' && d.file === 'policies/business_rules/refund_under_500.cedar')).toBe(true);
    expect(Object.keys(emulator.stats().byOperation).filter((operation) => !READS.test(operation))).toEqual([]);
  });

  it('makes no call on a closed connection', async () => {
    const root = await repoOnEmulator(emulator);
    const engine = (await loadRepository(root)).repository.engines[0]!;
    const connection = connectEngine(engine, { env: {} });
    await connection.close();
    emulator.resetStats();
    await expect(readLiveState(connection.client, engine)).rejects.toThrow(/closed/);
    expect(emulator.stats().requests).toBe(0);
  });
});
