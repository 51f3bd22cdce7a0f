import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import type { Repository } from '../model.js';
import type { PlanOutcome } from '../run/plan.js';
import { removeRepos } from '../../test/helpers/repo.js';
import { LOCAL_ENGINE, PROD_ENGINE, repoOnEmulator } from '../../test/action/policy-repo.js';
import { mergePlanOutcomes, runPlanChecks } from './plan-checks.js';
import { creatingPlan, diagnostic } from '../../test/builders/action.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ transitionDelayMs: 0 });
});
afterAll(async () => {
  await emulator.close();
  await removeRepos();
});

const repository: Repository = { root: '/r', engines: [], policies: [], tests: [] };
const planned = (count: number): PlanOutcome => ({ ok: true, plan: creatingPlan(count), repository, engines: [], diagnostics: [] });

describe('mergePlanOutcomes', () => {
  it('gathers the plans of several engines into one plan with summed counts', () => {
    const merged = mergePlanOutcomes([planned(2), planned(3)]);
    expect(merged.ok && merged.plan.counts).toEqual({ create: 5, update: 0, delete: 0, replace: 0 });
    expect(merged.ok && merged.plan.engines).toHaveLength(2);
  });

  it('reports a validation failure before a live one, and only the failures', () => {
    const live: PlanOutcome = { ok: false, stage: 'live', diagnostics: [diagnostic('error', 'aws/AccessDenied', 'denied')] };
    const invalid: PlanOutcome = { ok: false, stage: 'validate', diagnostics: [diagnostic('error', 'cedar/syntax', 'bad')] };
    expect(mergePlanOutcomes([planned(1), live, invalid])).toEqual(invalid);
    expect(mergePlanOutcomes([live, planned(1)])).toEqual(live);
  });
});

describe('runPlanChecks', () => {
  it('plans the selected engines against the live service and runs the tests', async () => {
    const root = await repoOnEmulator(emulator);
    const result = await runPlanChecks(root, [LOCAL_ENGINE, PROD_ENGINE], { env: {} });
    expect(result.plan?.engines.map((e) => e.engine)).toEqual([LOCAL_ENGINE, PROD_ENGINE]);
    expect(result.plan?.counts.create).toBeGreaterThan(10);
    expect(result.checks.tests?.failed).toBe(0);
    expect(result.checks.tests?.cases.map((c) => c.engine)).toContain(PROD_ENGINE);
  });

  it('still runs the tests when the live state cannot be read', async () => {
    const root = await repoOnEmulator(emulator);
    const closed = await startEmulator();
    await closed.close();
    const result = await runPlanChecks(root, [LOCAL_ENGINE], { env: {}, endpoint: closed.url, maxAttempts: 1 });
    expect(result.plan).toBeUndefined();
    expect(result.liveErrors).toEqual([expect.objectContaining({ code: 'aws/EndpointUnreachable', file: 'engines/local.yaml' })]);
    expect(result.checks.tests?.passed).toBeGreaterThan(0);
  });
});
