// Two applies of different repositories started together on one engine, forced to race: each one's first change
// is held at the wire until the other's has arrived too, so both have read the live state and passed their stale
// check before either changes anything. The end state must be exactly one of the two targets, never a mix; neither
// may crash (exit 0, or 1 with a clear conflict or stale message); no name may be held twice; and the probe,
// watching every call of both, must see nothing allowed that the old state and both targets all deny.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLiveState } from '../../src/agentcore/index.js';
import type { EngineSpec, Repository } from '../../src/model.js';
import { loadRepository } from '../../src/repository/load.js';
import { LOCAL, repoOn, startService, type Service } from '../apply/service.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges, PROJECT_ROOT, removeRepos, replace } from '../helpers/repo.js';
import { declaredAsLive, declaredPolicySet, duplicateNames, livePolicySet } from './exact.js';
import { dice, exampleVariant, nextVariant, variantTree, type Variant } from './variants.js';
import { startWatch, type Watch } from './watch.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

const ROUNDS = 8;

/** Holds each side's first mutating call until the other side's has arrived too (or the other side has ended). */
function startingLine() {
  const arrived = new Set<string>();
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    async hold(side: string) {
      if (arrived.has(side)) return;
      arrived.add(side);
      if (arrived.size === 2) open();
      await opened;
    },
    open,
  };
}

let service: Service;
let watch: Watch;
let example: Repository;
let spec: EngineSpec;
let line = startingLine();
const roots: Record<'A' | 'B', string> = { A: '', B: '' };

beforeAll(async () => {
  service = await startService({ transitionDelayMs: 3 });
  example = (await loadRepository(PROJECT_ROOT)).repository;
  watch = await startWatch(service.emulator.url, example);
  for (const side of ['A', 'B'] as const) {
    const proxy = await watch.another(async ({ method, when }) => (method !== 'GET' && when === 'before' ? line.hold(side) : undefined));
    roots[side] = await repoOn(service, { 'engines/local.yaml': replace(`endpoint: ${service.emulator.url}\n`, `endpoint: ${proxy.url}\n`) });
  }
  spec = (await loadRepository(roots.A)).repository.engines.find((e) => e.name === LOCAL)!;
});
afterAll(async () => {
  await watch.close();
  await service.close();
  await removeRepos();
});

const apply = (side: 'A' | 'B') => runCli(['apply', '--auto-approve', '--dir', roots[side], '--engine', LOCAL]).finally(() => line.open());

/** Two different targets, both different from the current state. */
function targets(current: Variant, round: number): [Variant, Variant] {
  const policySet = (v: Variant) => JSON.stringify(v);
  for (let k = 0; ; k++) {
    const a = nextVariant(current, example, dice(round * 1000 + k));
    const b = nextVariant(current, example, dice(round * 1000 + 500 + k));
    if (new Set([policySet(current), policySet(a), policySet(b)]).size === 3) return [a, b];
  }
}

describe('two applies started together on one engine', () => {
  it(`end in exactly one of the two targets, and neither crashes (${ROUNDS} forced races)`, async () => {
    line.open();
    expect((await apply('A')).code).toBe(0);
    let current = exampleVariant(example);
    const tally = { A: 0, B: 0, loserMessages: new Set<string>() };
    for (let round = 1; round <= ROUNDS; round++) {
      const [a, b] = targets(current, round);
      await applyChanges(roots.A, await variantTree(a, example));
      await applyChanges(roots.B, await variantTree(b, example));
      const declared = { A: (await loadRepository(roots.A)).repository, B: (await loadRepository(roots.B)).repository };
      const old = await readLiveState(service.sdk(), spec);
      watch.forget();
      line = startingLine();
      const results = await Promise.all([apply('A'), apply('B')]);
      const now = await readLiveState(service.sdk(), spec);

      const outcome = (['A', 'B'] as const).find((side) => JSON.stringify(livePolicySet(now)) === JSON.stringify(declaredPolicySet(declared[side], LOCAL)));
      // A loser says why in one clear line: the engine is held by the other apply, or its plan went stale.
      const said = results.map((r) => ({ code: r.code, internal: r.stderr.includes('internal error'), clear: r.code === 0 || /error apply\/(engine-locked|stale-plan): /.test(r.stderr) }));
      expect({ round, outcome, said, duplicates: duplicateNames(now) }).toEqual({
        round,
        outcome: expect.stringMatching(/^[AB]$/),
        said: [
          { code: expect.toBeOneOf([0, 1]), internal: false, clear: true },
          { code: expect.toBeOneOf([0, 1]), internal: false, clear: true },
        ],
        duplicates: [],
      });
      for (const r of results.filter((r) => r.code !== 0)) tally.loserMessages.add(r.stderr.match(/error (apply\/[\w-]+)/)?.[1] ?? r.stderr);
      const widenings = watch.widenings([old.policies, declaredAsLive(declared.A, LOCAL), declaredAsLive(declared.B, LOCAL)]);
      expect({ round, widenings }).toEqual({ round, widenings: [] });
      tally[outcome!]++;
      current = outcome === 'A' ? a : b;
    }
    console.log(`concurrent: ${JSON.stringify({ ...tally, loserMessages: [...tally.loserMessages] })}`);
  }, PROCESS_TESTS.timeout);
});
