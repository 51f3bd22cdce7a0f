// 50 seeded apply runs of small random plans while the emulator throttles 20% of requests, fails 5% with a 500, adds
// jittered latency and slows two policies' transitions (and, in some runs, makes one policy's transitions fail).
// Each run either converges (planning again shows no changes, every declared policy is live once) or stops with a
// report the live state bears out exactly, and the next run, once the service has recovered, converges. The probe
// watches every call of every run: no request that both the state before and the state after deny is ever allowed
// in between. The runs go in two chains of 25, each on its own emulator, side by side (they mostly wait).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLiveState } from '../../src/agentcore/index.js';
import type { FaultOptions } from '../../src/emulator/index.js';
import type { EngineSpec, LiveState, Repository } from '../../src/model.js';
import { planEngine } from '../../src/plan/plan-engine.js';
import { normalizeStatement, resolveDesired } from '../../src/repository/desired.js';
import { loadRepository } from '../../src/repository/load.js';
import { runApply, type ApplyRun } from '../../src/run/apply.js';
import { LOCAL, repoOn, startService, type Service } from '../apply/service.js';
import { applyChanges, PROJECT_ROOT, removeRepos } from '../helpers/repo.js';
import { declaredPolicySet, duplicateNames, livePolicySet, reportMismatches } from './exact.js';
import { dice, exampleVariant, nextVariant, variantTree, type Variant } from './variants.js';
import { startWatch, type Watch } from './watch.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

const RUNS = 50;
const CHAINS = 2;

/** One emulator, its watch and a repository pointed at it: where one chain of runs happens. */
interface Lane {
  service: Service;
  watch: Watch;
  root: string;
  spec: EngineSpec;
}

let example: Repository;
const lanes: Lane[] = [];

async function openLane(): Promise<Lane> {
  const service = await startService({ transitionDelayMs: 3 });
  const watch = await startWatch(service.emulator.url, example);
  const root = await repoOn(service);
  const spec = (await loadRepository(root)).repository.engines.find((e) => e.name === LOCAL)!;
  return { service, watch, root, spec };
}

beforeAll(async () => {
  example = (await loadRepository(PROJECT_ROOT)).repository;
  lanes.push(...(await Promise.all(Array.from({ length: CHAINS }, openLane))));
});
afterAll(async () => {
  for (const lane of lanes) {
    await lane.watch.close();
    await lane.service.close();
  }
  await removeRepos();
});

const sameSet = (a: Set<number>, b: Set<number>) => a.size === b.size && [...a].every((x) => b.has(x));
const read = (lane: Lane) => readLiveState(lane.service.sdk(), lane.spec);

/** The run's faults, drawn from its seed: some calls fail all their attempts, and in some runs one of the policies
 * the run changes fails its transition. */
function faultsFor(seed: number, from: Variant, to: Variant): FaultOptions {
  const d = dice(seed * 7919);
  const names = Object.keys(to);
  const changed = names.filter((n) => JSON.stringify(from[n]) !== JSON.stringify(to[n]));
  const pick = (among: string[]) => among[d.index(among.length)]!;
  const resources: FaultOptions['resources'] = { [pick(names)]: { transitionMs: 25 }, [pick(names)]: { transitionMs: 25 } };
  if (changed.length > 0 && d.chance(0.3)) resources[pick(changed)] = { fail: `injected: run ${seed} fails this policy` };
  return { seed, latencyMs: 0, jitterMs: 3, throttleRate: 0.2, internalErrorRate: 0.05, resources };
}

/** The same service once it has recovered: slow, but no longer failing. */
function recovered(faults: FaultOptions): FaultOptions {
  const slow = Object.entries(faults.resources ?? {}).filter(([, f]) => f.transitionMs !== undefined);
  return { ...faults, throttleRate: 0, internalErrorRate: 0, resources: Object.fromEntries(slow) };
}

/** Planning again shows nothing to do, and the engine holds exactly what the repository declares, each name once. */
async function expectConverged(lane: Lane, seed: number, now: LiveState): Promise<void> {
  const { repository } = await loadRepository(lane.root);
  const again = planEngine(resolveDesired(repository, lane.spec), now, { normalize: normalizeStatement });
  const left = again.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.kind} ${c.action} ${c.name}`);
  expect({ seed, left, errors: again.errors, duplicates: duplicateNames(now), policies: livePolicySet(now) }).toEqual({
    seed,
    left: [],
    errors: [],
    duplicates: [],
    policies: declaredPolicySet(repository, LOCAL),
  });
}

/** A run that stopped said exactly what it did: refused means nothing moved; failed means the steps bear it out. */
function expectExactReport(seed: number, run: ApplyRun, before: LiveState, after: LiveState): void {
  const { report } = run;
  if (report.status === 'refused') {
    // A live read that failed while planning is an error of the engine's plan, which apply refuses as such.
    const codes = report.diagnostics.map((d) => d.code).filter((code) => code !== 'apply/plan-has-errors');
    expect({ seed, codes, moved: livePolicySet(after) }).toEqual({
      seed,
      codes: [expect.stringMatching(/^aws\/(Throttled|ServiceError)$/)],
      moved: livePolicySet(before),
    });
    return;
  }
  const engine = report.engines.find((e) => e.engine === LOCAL)!;
  const plan = run.plan!.engines.find((e) => e.engine === LOCAL)!;
  const failed = engine.steps.filter((s) => s.status === 'failed');
  expect({ seed, failed: failed.length > 0, unexplained: failed.filter((s) => s.reasons.length === 0 && !s.error), mismatches: reportMismatches(plan, engine, after) }).toEqual({
    seed,
    failed: true,
    unexplained: [],
    mismatches: [],
  });
  // The check can fail: the same report claiming its done steps were never attempted is caught.
  const denied = engine.steps.map((s) => (s.status === 'done' ? { ...s, status: 'not-attempted' as const } : s));
  if (engine.steps.some((s) => s.status === 'done')) expect(reportMismatches(plan, { ...engine, steps: denied }, after)).not.toEqual([]);
}

type Tally = Record<'direct' | 'afterRerun' | 'refused' | 'failed' | 'requests' | 'injected' | 'snapshots' | 'accessChanged', number>;

/** Runs `seeds` one after the other on `lane`, each from where the last one ended. */
async function chain(lane: Lane, seeds: number[], tally: Tally): Promise<void> {
  const { service, watch, root } = lane;
  // Millisecond backoff: the SDK's own (seconds) would make 50 runs take minutes; the retries are the same.
  const client = { ...service.client, endpoint: watch.proxy.url, localRetries: true };
  expect((await runApply({ root, engines: [LOCAL], client })).report.status).toBe('applied');
  let variant = exampleVariant(example);
  let before = await read(lane);
  for (const seed of seeds) {
    watch.forget();
    const previous = variant;
    variant = nextVariant(previous, example, dice(seed));
    await applyChanges(root, await variantTree(variant, example));
    const faults = faultsFor(seed, previous, variant);
    service.emulator.resetStats();
    service.emulator.setFaults(faults);
    // Four attempts per call; two in every fifth run, where the plan's own reads rarely all get through.
    const run = await runApply({ root, engines: [LOCAL], client: { ...client, maxAttempts: seed % 5 === 0 ? 2 : 4 } });
    service.emulator.setFaults({});
    tally.requests += service.emulator.stats().requests;
    tally.injected += service.emulator.stats().injected;
    let now = await read(lane);
    if (run.report.status === 'applied' || run.report.status === 'no-changes') tally.direct++;
    else {
      tally[run.report.status === 'refused' ? 'refused' : 'failed']++;
      expectExactReport(seed, run, before, now);
      service.emulator.setFaults(recovered(faults));
      const rerun = await runApply({ root, engines: [LOCAL], client });
      service.emulator.setFaults({});
      expect({ seed, status: rerun.report.status }).toEqual({ seed, status: expect.stringMatching(/^(applied|no-changes)$/) });
      tally.afterRerun++;
      now = await read(lane);
    }
    await expectConverged(lane, seed, now);
    expect({ seed, widenings: watch.widenings([before.policies, now.policies]) }).toEqual({ seed, widenings: [] });
    tally.snapshots += watch.snapshots();
    if (!sameSet(watch.probe.allowed(before.policies), watch.probe.allowed(now.policies))) tally.accessChanged++;
    before = now;
  }
}

describe('apply under injected faults', () => {
  it(`converges, or stops with an exact report and converges on the next run (${RUNS} seeded runs)`, async () => {
    const tally: Tally = { direct: 0, afterRerun: 0, refused: 0, failed: 0, requests: 0, injected: 0, snapshots: 0, accessChanged: 0 };
    const seeds = Array.from({ length: RUNS }, (_, i) => i + 1);
    await Promise.all(lanes.map((lane, n) => chain(lane, seeds.filter((seed) => seed % CHAINS === n), tally)));
    console.log(`faults: ${JSON.stringify(tally)}`);
    expect(tally.direct + tally.afterRerun).toBe(RUNS);
    // The faults bit: some runs stopped, at the plan and during apply, and were finished by the next.
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.failed).toBeGreaterThan(0);
    // And the probe had something to watch: most runs changed what is allowed.
    expect(tally.accessChanged).toBeGreaterThan(RUNS / 2);
  }, PROCESS_TESTS.timeout);
});
