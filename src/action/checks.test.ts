import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { makeRepo, PROJECT_ROOT, removeRepos, replace } from '../../test/helpers/repo.js';
import { LOCAL_ENGINE, PROD_ENGINE, repoOnEmulator } from '../../test/action/policy-repo.js';
import { runChecks, runPlanChecks } from './checks.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ transitionDelayMs: 0 });
});
afterAll(async () => {
  await emulator.close();
  await removeRepos();
});

describe('runChecks', () => {
  it('validates, then runs the tests of the selected engines only', async () => {
    const root = await makeRepo();
    const all = await runChecks(root, [], { tests: true });
    const local = await runChecks(root, [LOCAL_ENGINE], { tests: true });
    expect(new Set(all.tests!.cases.map((c) => c.engine))).toEqual(new Set([LOCAL_ENGINE, PROD_ENGINE]));
    expect(new Set(local.tests!.cases.map((c) => c.engine))).toEqual(new Set([LOCAL_ENGINE]));
    expect((await runChecks(root, [], { tests: false })).tests).toBeUndefined();
  });

  it('names the checked engines that are not local, for a workflow matrix', async () => {
    const production = readFileSync(join(PROJECT_ROOT, 'engines/production.yaml'), 'utf8');
    const root = await makeRepo({ 'engines/staging.yaml': production.replace('name: CustomerService_prod', 'name: CustomerService_staging') });
    expect((await runChecks(root, [], { tests: false })).remoteEngines).toEqual([PROD_ENGINE, 'CustomerService_staging']);
    expect((await runChecks(root, [LOCAL_ENGINE], { tests: true })).remoteEngines).toEqual([]);
  });

  it('runs no test when the repository has errors, and reports an unknown engine', async () => {
    const root = await makeRepo({ 'policies/business_rules/refund_under_500.cedar': replace('permit (', 'permit ((') });
    const checks = await runChecks(root, [], { tests: true });
    expect(checks.diagnostics.some((d) => d.severity === 'error' && d.file === 'policies/business_rules/refund_under_500.cedar')).toBe(true);
    expect(checks.tests).toBeUndefined();
    const unknown = await runChecks(await makeRepo(), ['Nope'], { tests: true });
    expect(unknown.diagnostics).toEqual([
      expect.objectContaining({ code: 'repository/unknown-engine', message: 'no engine named Nope in engines/ (engines: CustomerService_local, CustomerService_prod)' }),
    ]);
  });
});

describe('runPlanChecks', () => {
  it('plans the selected engines against the live service in one plan and runs the tests', async () => {
    const root = await repoOnEmulator(emulator);
    const result = await runPlanChecks(root, [LOCAL_ENGINE, PROD_ENGINE], { env: {} });
    expect(result.plan?.engines.map((e) => e.engine)).toEqual([LOCAL_ENGINE, PROD_ENGINE]);
    expect(result.plan?.counts.create).toBeGreaterThan(10);
    expect(result.checks.tests?.failed).toBe(0);
    expect(result.checks.tests?.cases.map((c) => c.engine)).toContain(PROD_ENGINE);
  });

  it('still runs the tests when the live state cannot be read, and the plan says which engine', async () => {
    const root = await repoOnEmulator(emulator);
    const closed = await startEmulator();
    await closed.close();
    const result = await runPlanChecks(root, [LOCAL_ENGINE], { env: {}, endpoint: closed.url, maxAttempts: 1 });
    expect(result.plan?.engines).toEqual([expect.objectContaining({ engine: LOCAL_ENGINE, unreachable: true })]);
    expect(result.plan?.errors).toEqual([expect.objectContaining({ code: 'aws/EndpointUnreachable', file: 'engines/local.yaml' })]);
    expect(result.checks.tests?.passed).toBeGreaterThan(0);
  });
});
