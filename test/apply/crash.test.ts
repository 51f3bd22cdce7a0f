// A crash mid-apply, then a re-run: the re-run plans from the live state, finds what the crashed run created (it
// carries our marker, and a temporary copy of a changed forbid says so), replays creates by their content-derived
// clientToken, and converges with no duplicates and no copy left.
// Two kinds of crash: the line to the service is cut after N mutating calls (the N-th reaches the service, its
// answer is lost), and the process stops dead after N finished steps (calls in flight are abandoned).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLY_LOCK_POLICY, readGateway } from '../../src/agentcore/index.js';
import { runApply } from '../../src/run/apply.js';
import { runPlan } from '../../src/run/plan.js';
import { loadRepository } from '../../src/repository/load.js';
import { removeRepos } from '../helpers/repo.js';
import { BROAD_CAPPED, NARROW_LOOSE } from './fixtures.js';
import { startProxy, type Proxy } from './proxy.js';
import { byName, LOCAL, repoOn, startService, type Service } from './service.js';

let service: Service;
let proxy: Proxy;
let root: string;

beforeEach(async () => {
  service = await startService();
  proxy = await startProxy(service.emulator.url);
  root = await repoOn(service);
});
afterEach(async () => {
  await proxy.close();
  await service.close();
  await removeRepos();
});

class Crash extends Error {}

async function expectConverged(): Promise<void> {
  const again = await runApply({ root, engines: [LOCAL], client: service.client });
  expect(again.report.status).toMatch(/applied|no-changes/);
  const replan = await runPlan({ root, engines: [LOCAL], client: service.client });
  expect(replan.ok && replan.plan.hasChanges).toBe(false);
  const { repository } = await loadRepository(root);
  const expected = repository.policies.filter((p) => p.enabled).map((p) => `${p.name} ACTIVE`).sort();
  expect(byName(await service.policies(LOCAL))).toEqual(expected);
  const engine = await service.engine(LOCAL);
  for (const gateway of repository.engines.find((e) => e.name === LOCAL)!.gateways) {
    expect((await readGateway(service.sdk(), gateway.arn)).policyEngine).toEqual({ arn: engine.arn, mode: 'ENFORCE' });
  }
}

describe('apply after a crash', () => {
  for (const cut of [1, 3, 8, 12, 17]) {
    it(`converges without duplicates when the line is cut at mutating call ${cut}`, async () => {
      proxy.cutAfter(cut);
      const crashed = await runApply({ root, engines: [LOCAL], client: { ...service.client, endpoint: proxy.url } });
      expect(crashed.report.status === 'failed' || crashed.report.status === 'refused').toBe(true);
      expect(proxy.mutations()).toBe(cut);
      proxy.heal();
      await expectConverged();
    });
  }

  for (const after of [2, 7, 12]) {
    it(`converges without duplicates when the process stops dead after ${after} finished steps`, async () => {
      const dying = runApply({
        root,
        engines: [LOCAL],
        client: service.client,
        onProgress: (event) => {
          if (event.kind === 'step' && event.finished === after) throw new Crash();
        },
      });
      await expect(dying).rejects.toBeInstanceOf(Crash);
      await expectConverged();
    });
  }
});

describe('apply after a crash while a changed forbid has its temporary copy', () => {
  /** Applies the old repository, then cuts the line of the apply of the new one at mutating call `cut`. */
  async function cutOff(cut: number, beforeCut: () => Promise<void> = async () => undefined): Promise<void> {
    expect((await runApply({ root: await repoOn(service, BROAD_CAPPED('1.0.0')), engines: [LOCAL], client: service.client })).report.status).toBe('applied');
    root = await repoOn(service, NARROW_LOOSE('1.1.0'));
    await beforeCut();
    proxy.cutAfter(cut);
    const crashed = await runApply({ root, engines: [LOCAL], client: { ...service.client, endpoint: proxy.url } });
    expect(crashed.report.status).toBe('failed');
    proxy.heal();
  }

  // Mutating calls: 1 takes the engine's apply lock, 2 creates the copy, 3 updates the forbid, 4 the permit, 5
  // deletes the copy.
  for (const cut of [2, 3, 4, 5]) {
    it(`converges and leaves no copy when the line is cut at mutating call ${cut}`, async () => {
      await cutOff(cut);
      await expectConverged();
    });
  }

  it('sends the create of a copy still CREATING again, with the same token, and converges', async () => {
    await proxy.close();
    await service.close();
    service = await startService();
    proxy = await startProxy(service.emulator.url);
    // The copy stays CREATING for seconds, however slow the machine: the re-run meets it still creating, while the
    // apply lock settles fast, so taking over the one the cut-off run left takes none of that time.
    await cutOff(2, async () => {
      const planned = await runPlan({ root, engines: [LOCAL], client: service.client });
      const copy = planned.ok ? planned.plan.engines[0]!.changes.find((c) => c.kind === 'policy' && c.shadowOf) : undefined;
      expect(copy).toBeDefined();
      service.emulator.setFaults({ resources: { [copy!.name]: { transitionMs: 3000 }, [APPLY_LOCK_POLICY]: { transitionMs: 5 } } });
    });
    const rerun = await runApply({ root, engines: [LOCAL], client: service.client });
    const copy = rerun.plan!.engines[0]!.changes.find((c) => c.kind === 'policy' && c.shadowOf);
    expect(copy?.notes).toContainEqual(expect.stringContaining('the same request is sent again'));
    expect(rerun.report.diagnostics).toEqual([]);
    expect(rerun.report.status).toBe('applied');
    await expectConverged();
  });
});
