// A real `agentcore-policy apply` process, killed with SIGKILL at a random point of a random plan: when the N-th
// mutating call reaches the service (the apply lock's creation is the first), or a few reads after it, while the
// phase settles. The call the process had sent still arrives, its answer goes nowhere. Running apply again must
// converge with every name live once, and the probe, watching the killed run and the re-run, must see nothing
// allowed that both the state before and the state after deny. 20 seeded runs, each from where the last one ended.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLiveState } from '../../src/agentcore/index.js';
import type { EngineSpec, Repository } from '../../src/model.js';
import { phasesOf } from '../../src/plan/phases.js';
import { loadRepository } from '../../src/repository/load.js';
import { runApply } from '../../src/run/apply.js';
import { runPlan } from '../../src/run/plan.js';
import { LOCAL, repoOn, startService, type Service } from '../apply/service.js';
import { applyChanges, PROJECT_ROOT, removeRepos, replace } from '../helpers/repo.js';
import { bundleCli, spawnCli } from './cli-process.js';
import { declaredPolicySet, duplicateNames, livePolicySet } from './exact.js';
import { dice, exampleVariant, nextVariant, variantTree } from './variants.js';
import { startWatch, type Watch } from './watch.js';

const RUNS = 20;

/** Where the running process dies: at the `at`-th mutating call, after `reads` more reads. */
interface Fate {
  child: ChildProcess;
  at: number;
  reads: number;
  mutations: number;
  readsSince: number;
}

let service: Service;
let watch: Watch;
let example: Repository;
let spec: EngineSpec;
let root: string;
let bundle: string;
let fate: Fate | undefined;

function countAndMaybeKill(method: string): void {
  if (!fate) return;
  if (method !== 'GET') fate.mutations++;
  else if (fate.mutations >= fate.at) fate.readsSince++;
  if (fate.mutations >= fate.at && fate.readsSince >= fate.reads) {
    fate.child.kill('SIGKILL');
    fate = undefined;
  }
}

beforeAll(async () => {
  [bundle, service] = await Promise.all([bundleCli(), startService({ transitionDelayMs: 3 })]);
  example = (await loadRepository(PROJECT_ROOT)).repository;
  watch = await startWatch(service.emulator.url, example, async ({ method, when }) => void (when === 'before' && countAndMaybeKill(method)));
  root = await repoOn(service, { 'engines/local.yaml': replace(`endpoint: ${service.emulator.url}\n`, `endpoint: ${watch.proxy.url}\n`) });
  spec = (await loadRepository(root)).repository.engines.find((e) => e.name === LOCAL)!;
});
afterAll(async () => {
  await watch.close();
  await service.close();
  await removeRepos();
});

const read = () => readLiveState(service.sdk(), spec);

describe('apply killed with SIGKILL', () => {
  it(`converges with no duplicates when run again (${RUNS} seeded runs)`, async () => {
    expect((await runApply({ root, engine: LOCAL, client: service.client })).report.status).toBe('applied');
    let variant = exampleVariant(example);
    let before = await read();
    const tally = { killed: 0, killedAtLock: 0, finished: 0, rerunApplied: 0, rerunNoChanges: 0 };
    for (let seed = 1; seed <= RUNS; seed++) {
      const d = dice(seed + 7000);
      variant = nextVariant(variant, example, dice(seed + 5000));
      await applyChanges(root, await variantTree(variant, example));
      const planned = await runPlan({ root, engine: LOCAL, client: service.client });
      if (!planned.ok) throw new Error(`seed ${seed}: ${planned.diagnostics.map((x) => x.message).join('; ')}`);
      const steps = phasesOf(planned.plan.engines[0]!).flatMap((p) => p.steps).length;
      watch.forget();

      const run = spawnCli(bundle, ['apply', '--auto-approve', '--dir', root, '--engine', LOCAL]);
      const at = 1 + d.index(steps + 1);
      fate = { child: run.child, at, reads: d.index(3), mutations: 0, readsSince: 0 };
      const exit = await run.exit;
      const killed = exit.signal === 'SIGKILL';
      fate = undefined;
      if (!killed) expect({ seed, code: exit.code, stderr: exit.stderr }).toEqual({ seed, code: 0, stderr: '' });

      const rerun = await runApply({ root, engine: LOCAL, client: { ...service.client, endpoint: watch.proxy.url } });
      expect({ seed, status: rerun.report.status, diagnostics: rerun.report.diagnostics }).toEqual({ seed, status: expect.stringMatching(/^(applied|no-changes)$/), diagnostics: [] });
      const now = await read();
      const again = await runPlan({ root, engine: LOCAL, client: service.client });
      const left = again.ok ? again.plan.engines.flatMap((e) => e.changes).filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${c.name}`) : ['no plan'];
      expect({ seed, left, duplicates: duplicateNames(now), policies: livePolicySet(now) }).toEqual({
        seed,
        left: [],
        duplicates: [],
        policies: declaredPolicySet((await loadRepository(root)).repository, LOCAL),
      });
      expect({ seed, widenings: watch.widenings([before.policies, now.policies]) }).toEqual({ seed, widenings: [] });

      if (killed) tally.killed++;
      else tally.finished++;
      if (killed && at === 1) tally.killedAtLock++;
      tally[rerun.report.status === 'applied' ? 'rerunApplied' : 'rerunNoChanges']++;
      before = now;
    }
    console.log(`sigkill: ${JSON.stringify(tally)}`);
    // The kills happened, and some left work for the re-run.
    expect(tally.killed).toBeGreaterThan(RUNS / 2);
    expect(tally.rerunApplied).toBeGreaterThan(0);
  }, 90_000);
});
