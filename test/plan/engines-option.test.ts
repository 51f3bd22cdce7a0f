// `--engine` selects engines the way users write it: repeated, comma-separated, or both; every command that takes
// it plans, validates or applies exactly those engines, and an unknown name is an error that lists the real ones.
// An engine whose live state cannot be read gets its own error section while the others are still planned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { Plan } from '../../src/plan/types.js';
import { LOCAL_ENGINE, PROD_ENGINE, repoOnEmulator } from '../action/policy-repo.js';
import { runCli } from '../helpers/cli.js';
import { removeRepos, replace } from '../helpers/repo.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ transitionDelayMs: 0 });
});
afterAll(async () => {
  await emulator.close();
  await removeRepos();
});

async function planJson(root: string, ...engineArgs: string[]): Promise<{ code: number; plan: Plan; stderr: string }> {
  const result = await runCli(['plan', '--dir', root, '--format', 'json', ...engineArgs]);
  return { code: result.code, plan: JSON.parse(result.stdout) as Plan, stderr: result.stderr };
}

describe('--engine', () => {
  it('plans both engines given as --engine A --engine B, as --engine A,B, and when none is named', async () => {
    const root = await repoOnEmulator(emulator);
    for (const args of [['--engine', LOCAL_ENGINE, '--engine', PROD_ENGINE], ['--engine', `${PROD_ENGINE},${LOCAL_ENGINE}`], []]) {
      const { code, plan } = await planJson(root, ...args);
      expect({ args, code, engines: plan.engines.map((e) => e.engine) }).toEqual({ args, code: 0, engines: [LOCAL_ENGINE, PROD_ENGINE] });
    }
    const one = await planJson(root, '--engine', PROD_ENGINE, '--engine', PROD_ENGINE);
    expect(one.plan.engines.map((e) => e.engine)).toEqual([PROD_ENGINE]);
  });

  it('refuses a name no engine file declares, naming the engines there are', async () => {
    const root = await repoOnEmulator(emulator);
    const result = await runCli(['validate', '--dir', root, '--engine', `${LOCAL_ENGINE},CustomerService_prd`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `error repository/unknown-engine: no engine named CustomerService_prd in engines/ (engines: ${LOCAL_ENGINE}, ${PROD_ENGINE}); did you mean "${PROD_ENGINE}"?`,
    );
    expect((await runCli(['test', '--dir', root, '--engine', ''])).stderr).toContain('--engine needs an engine name');
  });

  it('plans the engines it can reach and gives the one it cannot its own error section, exiting 1', async () => {
    const closed = await startEmulator();
    await closed.close();
    const root = await repoOnEmulator(emulator, { 'engines/production.yaml': replace('region: us-east-1\n', `region: us-east-1\nendpoint: ${closed.url}\n`) });
    const { code, plan } = await planJson(root);
    expect(code).toBe(1);
    const [local, prod] = plan.engines;
    expect(local).toMatchObject({ engine: LOCAL_ENGINE });
    expect(local!.unreachable).toBeUndefined();
    expect(local!.changes.filter((c) => c.action === 'create').length).toBeGreaterThan(5);
    expect(prod).toMatchObject({ engine: PROD_ENGINE, unreachable: true, changes: [] });
    expect(plan.errors).toEqual([expect.objectContaining({ code: 'aws/EndpointUnreachable', file: 'engines/production.yaml', engine: PROD_ENGINE })]);
    const text = await runCli(['plan', '--dir', root]);
    expect(text.stdout).toContain(`Engine ${PROD_ENGINE} (engines/production.yaml): not planned: the live engine could not be read`);
    expect(text.stdout).toContain(`Not planned: engine ${PROD_ENGINE} could not be read. Plan:`);
  });
});
