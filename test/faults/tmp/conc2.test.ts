import { it } from 'vitest';
import { readLiveState } from '../../../src/agentcore/index.js';
import { loadRepository } from '../../../src/repository/load.js';
import { runApply } from '../../../src/run/apply.js';
import { PROJECT_ROOT, applyChanges } from '../../helpers/repo.js';
import { startProxy } from '../../apply/proxy.js';
import { LOCAL, repoOn, startService } from '../../apply/service.js';
import { dice, exampleVariant, nextVariant, variantTree } from '../variants.js';
import { declaredPolicySet, livePolicySet, duplicateNames } from '../exact.js';
it('conc', async () => {
  const example = (await loadRepository(PROJECT_ROOT)).repository;
  const out = { a: 0, b: 0, mix: 0 };
  for (let seed = 1; seed <= 10; seed++) {
    const service = await startService({ transitionDelayMs: 3 });
    const base = await repoOn(service);
    await runApply({ root: base, engine: LOCAL, client: service.client });
    const va = nextVariant(exampleVariant(example), example, dice(seed));
    const vb = nextVariant(exampleVariant(example), example, dice(seed + 1000));
    const ra = await repoOn(service); await applyChanges(ra, await variantTree(va, example));
    const rb = await repoOn(service); await applyChanges(rb, await variantTree(vb, example));
    let release!: () => void; const both = new Promise<void>((r) => (release = r)); let arrived = 0;
    const gate = async ({ method, when }: { method: string; when: string }) => { if (method !== 'GET' && when === 'before') { if (++arrived === 2) release(); await both; } };
    const pa = await startProxy(service.emulator.url, { between: gate });
    const pb = await startProxy(service.emulator.url, { between: gate });
    const [x, y] = await Promise.all([
      runApply({ root: ra, engine: LOCAL, client: { ...service.client, endpoint: pa.url } }),
      runApply({ root: rb, engine: LOCAL, client: { ...service.client, endpoint: pb.url } }),
    ]);
    const spec = (await loadRepository(ra)).repository.engines.find((e) => e.name === LOCAL)!;
    const now = await readLiveState(service.sdk(), spec);
    const live = JSON.stringify(livePolicySet(now));
    const isA = live === JSON.stringify(declaredPolicySet((await loadRepository(ra)).repository, LOCAL));
    const isB = live === JSON.stringify(declaredPolicySet((await loadRepository(rb)).repository, LOCAL));
    out[isA ? 'a' : isB ? 'b' : 'mix']++;
    const fail = (r: typeof x) => r.report.status + ' ' + r.report.engines.flatMap((e) => e.steps.filter((s) => s.status === 'failed').map((s) => s.error?.code)).join(',') + r.report.diagnostics.map((d) => d.code).join(',');
    console.log(seed, fail(x), '|', fail(y), isA, isB, duplicateNames(now));
    await pa.close(); await pb.close(); await service.close();
  }
  console.log(out);
}, 60000);
