// A lock left by a killed apply on another machine (issue 15, "A lock that can be cleared"): plan warns who holds
// it and since when, apply is refused with the exact command that clears it, and that command deletes it only when
// given that lock's id; after which apply runs again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPolicy, findApplyLock } from '../../src/agentcore/index.js';
import { LOCAL_WAIT } from '../../src/agentcore/wait.js';
import { LOCK_STATEMENT, lockEngine } from '../../src/apply/lock.js';
import { APPLY_LOCK_POLICY } from '../../src/model.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges, removeRepos } from '../helpers/repo.js';
import { TIGHTEN_REFUNDS } from './fixtures.js';
import { LOCAL, PROD, repoOn, startService, type Service } from './service.js';

let service: Service;
let root: string;

beforeAll(async () => {
  service = await startService();
  root = await repoOn(service);
  expect((await runCli(['apply', '--dir', root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
  await applyChanges(root, TIGHTEN_REFUNDS);
});
afterAll(async () => {
  await service.close();
  await removeRepos();
});

const connection = () => ({ client: service.sdk(), wait: LOCAL_WAIT });

/** The lock of an apply killed on a CI runner: never released, on a host this machine cannot check. */
async function killedApply(): Promise<void> {
  const engine = await service.engine();
  const here = { host: 'ci-runner-9', pid: 4242, held: new Set<string>(), alive: () => true };
  const taken = await lockEngine(connection(), { policyEngineId: engine.policyEngineId, name: LOCAL, file: 'engines/local.yaml' }, here);
  if (!('lock' in taken)) throw new Error(taken.diagnostic.message);
}

const unlock = (...args: string[]) => runCli(['unlock', '--dir', root, ...args]);
const lockNow = async () => findApplyLock(service.sdk(), (await service.engine()).policyEngineId);

describe('a lock left by a killed apply', () => {
  it('is warned of by plan, refuses apply with the command that clears it, and that command clears it', async () => {
    const unlocked = await runCli(['plan', '--dir', root, '--engine', LOCAL]);
    expect(unlocked.stdout).not.toContain('plan/engine-locked');

    await killedApply();
    const plan = await runCli(['plan', '--dir', root, '--engine', LOCAL]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/warning plan\/engine-locked: an apply holds this engine's lock \(from ci-runner-9, process 4242, since \d{4}-\d\d-\d\dT[\d:.]+Z; lock id [0-9a-f-]{36}\)/);
    const json = JSON.parse((await runCli(['plan', '--dir', root, '--engine', LOCAL, '--format', 'json'])).stdout) as { warnings: { code: string; engine?: string }[] };
    expect(json.warnings).toContainEqual(expect.objectContaining({ code: 'plan/engine-locked', engine: LOCAL }));

    const refused = await runCli(['apply', '--dir', root, '--engine', LOCAL, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error apply/engine-locked: engine CustomerService_local: another apply is applying to this engine (from ci-runner-9, process 4242');
    const command = /clear the lock first with: agentcore-policy (unlock --engine \S+ \S+)/.exec(refused.stderr)?.[1];
    expect(command).toBeDefined();
    // The plan's warning names the same command.
    expect(plan.stdout).toContain(`clear the lock with: agentcore-policy ${command}`);

    const lock = (await lockNow())!;
    const wrong = await unlock('--engine', LOCAL, lock.policyId);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('error unlock/wrong-id: ');
    expect(wrong.stderr).toContain(`not ${lock.policyId}, so nothing was deleted`);
    expect(wrong.stderr).toContain('Nothing was unlocked.');
    expect((await lockNow())?.policyId).toBe(lock.policyId);

    const cleared = await runCli([...command!.split(' '), '--dir', root]);
    expect(cleared.stderr).toBe('');
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toMatch(/^Unlocked engine CustomerService_local: deleted its apply lock [0-9a-f-]{36} \(from ci-runner-9, process 4242, since .*\)\. Applies to this engine can run again\.\n$/);
    expect(await lockNow()).toBeUndefined();

    const again = await runCli([...command!.split(' '), '--dir', root]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('error unlock/not-locked: no apply holds this engine');
    const applied = await runCli(['apply', '--dir', root, '--engine', LOCAL, '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(await lockNow()).toBeUndefined();
  });

  it('made by hand, without a holder, is cleared by its policy id', async () => {
    const engine = await service.engine();
    const made = await createPolicy(service.sdk(), { policyEngineId: engine.policyEngineId, name: APPLY_LOCK_POLICY, statement: LOCK_STATEMENT, description: 'hand-made', enforcementMode: 'LOG_ONLY' });
    const plan = await runCli(['plan', '--dir', root, '--engine', LOCAL]);
    expect(plan.stdout).toContain(`(holder unknown; lock id ${made.policyId})`);
    const cleared = await unlock('--engine', LOCAL, made.policyId!);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stdout).toContain(`deleted its apply lock ${made.policyId} (holder unknown)`);
  });

  it('is not looked for without one engine and one id, and not on an engine that does not exist', async () => {
    for (const args of [[], ['some-id'], ['--engine', LOCAL], ['--engine', LOCAL, 'a', 'b'], ['--engine', `${LOCAL},${PROD}`, 'id'], ['--engine', LOCAL, '--engine', PROD, 'id']]) {
      const result = await unlock(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toContain('Usage: agentcore-policy unlock --engine E LOCK_ID');
    }
    const typo = await unlock('--engine', 'CustomerService_locl', 'id');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('error repository/unknown-engine: no engine named CustomerService_locl in engines/');
    expect(typo.stderr).toContain('did you mean "CustomerService_local"?');
    // Declared, but never applied: no engine live.
    const missing = await unlock('--engine', PROD, 'id');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('error unlock/engine-missing: the engine does not exist live');
  });
});
