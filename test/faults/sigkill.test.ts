// A real `agentcore-policy apply` process, killed with SIGKILL at a random point of a random plan: when the N-th
// mutating call reaches the service (the apply lock's creation is the first), or a few reads after it, while the
// phase settles. The call the process had sent still arrives, its answer goes nowhere. Running apply again must
// converge with every name live once, and the probe, watching the killed run and the re-run, must see nothing
// allowed that both the state before and the state after deny. 20 seeded runs in two chains of 10 side by side,
// each on its own emulator and each run from where the last one ended.
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLiveState } from '../../src/agentcore/index.js';
import type { EngineSpec, Repository } from '../../src/model.js';
import { phasesOf } from '../../src/plan/phases.js';
import { planEngine } from '../../src/plan/plan-engine.js';
import { normalizeStatement, resolveDesired } from '../../src/repository/desired.js';
import { loadRepository } from '../../src/repository/load.js';
import { runApply } from '../../src/run/apply.js';
import { runPlan } from '../../src/run/plan.js';
import { LOCAL, repoOn, startService, type Service } from '../apply/service.js';
import { applyChanges, PROJECT_ROOT, removeRepos, replace } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';
import { bundleCli, spawnCli } from './cli-process.js';
import { declaredPolicySet, duplicateNames, livePolicySet } from './exact.js';
import { dice, exampleVariant, nextVariant, variantTree } from './variants.js';
import { startWatch, type Watch } from './watch.js';

const RUNS = 20;
const CHAINS = 2;

/** Where the running process dies: at the `at`-th mutating call, after `reads` more reads. */
interface Fate {
  child: ChildProcess;
  at: number;
  reads: number;
  mutations: number;
  readsSince: number;
}

/** One emulator, its watch, a repository pointed at the watch, and the fate of the process running there. */
interface Lane {
  service: Service;
  watch: Watch;
  root: string;
  spec: EngineSpec;
  fate?: Fate;
}

let example: Repository;
let bundle: string;
const lanes: Lane[] = [];

function countAndMaybeKill(lane: Lane, method: string): void {
  const { fate } = lane;
  if (!fate) return;
  if (method !== 'GET') fate.mutations++;
  else if (fate.mutations >= fate.at) fate.readsSince++;
  if (fate.mutations >= fate.at && fate.readsSince >= fate.reads) {
    fate.child.kill('SIGKILL');
    delete lane.fate;
  }
}

async function openLane(): Promise<Lane> {
  const service = await startService({ transitionDelayMs: 3 });
  const lane = { service } as Lane;
  lane.watch = await startWatch(service.emulator.url, example, async ({ method, when }) => void (when === 'before' && countAndMaybeKill(lane, method)));
  lane.root = await repoOn(service, { 'engines/local.yaml': replace(`endpoint: ${service.emulator.url}\n`, `endpoint: ${lane.watch.proxy.url}\n`) });
  lane.spec = (await loadRepository(lane.root)).repository.engines.find((e) => e.name === LOCAL)!;
  return lane;
}

beforeAll(async () => {
  example = (await loadRepository(PROJECT_ROOT)).repository;
  [bundle] = await Promise.all([bundleCli(), ...Array.from({ length: CHAINS }, async () => void lanes.push(await openLane()))]);
});
afterAll(async () => {
  for (const lane of lanes) {
    await lane.watch.close();
    await lane.service.close();
  }
  await removeRepos();
  await rm(dirname(bundle), { recursive: true, force: true });
});

const read = (lane: Lane) => readLiveState(lane.service.sdk(), lane.spec);

type Tally = Record<'killed' | 'killedAtLock' | 'finished' | 'rerunApplied' | 'rerunNoChanges', number>;

/** Runs `seeds` one after the other on `lane`, each from where the last one ended. */
async function chain(lane: Lane, seeds: number[], tally: Tally): Promise<void> {
  const { service, watch, root } = lane;
  expect((await runApply({ root, engines: [LOCAL], client: service.client })).report.status).toBe('applied');
  let variant = exampleVariant(example);
  let before = await read(lane);
  for (const seed of seeds) {
    const d = dice(seed + 7000);
    variant = nextVariant(variant, example, dice(seed + 5000));
    await applyChanges(root, await variantTree(variant, example));
    const planned = await runPlan({ root, engines: [LOCAL], client: service.client });
    if (!planned.ok) throw new Error(`seed ${seed}: ${planned.diagnostics.map((x) => x.message).join('; ')}`);
    const steps = phasesOf(planned.plan.engines[0]!).flatMap((p) => p.steps).length;
    watch.forget();

    const run = spawnCli(bundle, ['apply', '--auto-approve', '--dir', root, '--engine', LOCAL]);
    const at = 1 + d.index(steps + 1);
    lane.fate = { child: run.child, at, reads: d.index(3), mutations: 0, readsSince: 0 };
    const exit = await run.exit;
    const killed = exit.signal === 'SIGKILL';
    delete lane.fate;
    if (!killed) expect({ seed, code: exit.code, stderr: exit.stderr }).toEqual({ seed, code: 0, stderr: '' });

    const rerun = await runApply({ root, engines: [LOCAL], client: { ...service.client, endpoint: watch.proxy.url } });
    expect({ seed, status: rerun.report.status, diagnostics: rerun.report.diagnostics }).toEqual({ seed, status: expect.stringMatching(/^(applied|no-changes)$/), diagnostics: [] });
    const now = await read(lane);
    const { repository } = await loadRepository(root);
    const again = planEngine(resolveDesired(repository, lane.spec), now, { normalize: normalizeStatement });
    const left = again.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${c.name}`);
    expect({ seed, left, duplicates: duplicateNames(now), policies: livePolicySet(now) }).toEqual({ seed, left: [], duplicates: [], policies: declaredPolicySet(repository, LOCAL) });
    expect({ seed, widenings: watch.widenings([before.policies, now.policies]) }).toEqual({ seed, widenings: [] });

    if (killed) tally.killed++;
    else tally.finished++;
    if (killed && at === 1) tally.killedAtLock++;
    tally[rerun.report.status === 'applied' ? 'rerunApplied' : 'rerunNoChanges']++;
    before = now;
  }
}

describe('apply killed with SIGKILL', () => {
  it(`converges with no duplicates when run again (${RUNS} seeded runs)`, async () => {
    const tally: Tally = { killed: 0, killedAtLock: 0, finished: 0, rerunApplied: 0, rerunNoChanges: 0 };
    const seeds = Array.from({ length: RUNS }, (_, i) => i + 1);
    await Promise.all(lanes.map((lane, n) => chain(lane, seeds.filter((seed) => seed % CHAINS === n), tally)));
    console.log(`sigkill: ${JSON.stringify(tally)}`);
    // The kills happened, and some left work for the re-run.
    expect(tally.killed).toBeGreaterThan(RUNS / 2);
    expect(tally.rerunApplied).toBeGreaterThan(0);
  }, PROCESS_TESTS.timeout * 2);
});
