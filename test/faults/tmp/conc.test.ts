import { it } from 'vitest';
import { readLiveState } from '../../../src/agentcore/index.js';
import { loadRepository } from '../../../src/repository/load.js';
import { PROJECT_ROOT, applyChanges } from '../../helpers/repo.js';
import { runCli } from '../../helpers/cli.js';
import { LOCAL, repoOn, startService } from '../../apply/service.js';
import { dice, exampleVariant, nextVariant, variantTree } from '../variants.js';
import { declaredPolicySet, livePolicySet } from '../exact.js';
it('conc', async () => {
  const example = (await loadRepository(PROJECT_ROOT)).repository;
  let mixes = 0, a = 0, b = 0;
  for (let seed = 1; seed <= 10; seed++) {
    const service = await startService({ transitionDelayMs: 3 });
    const base = await repoOn(service);
    await runCli(['apply', '--auto-approve', '--dir', base, '--engine', LOCAL]);
    const va = nextVariant(exampleVariant(example), example, dice(seed));
    const vb = nextVariant(exampleVariant(example), example, dice(seed + 1000));
    const ra = await repoOn(service); await applyChanges(ra, await variantTree(va, example));
    const rb = await repoOn(service); await applyChanges(rb, await variantTree(vb, example));
    const [x, y] = await Promise.all([runCli(['apply', '--auto-approve', '--dir', ra, '--engine', LOCAL]), runCli(['apply', '--auto-approve', '--dir', rb, '--engine', LOCAL])]);
    const spec = (await loadRepository(ra)).repository.engines.find((e) => e.name === LOCAL)!;
    const live = livePolicySet(await readLiveState(service.sdk(), spec));
    const A = declaredPolicySet((await loadRepository(ra)).repository, LOCAL), B = declaredPolicySet((await loadRepository(rb)).repository, LOCAL);
    const isA = JSON.stringify(live) === JSON.stringify(A), isB = JSON.stringify(live) === JSON.stringify(B);
    if (isA) a++; else if (isB) b++; else mixes++;
    console.log(seed, x.code, y.code, isA, isB, (x.stderr + y.stderr).slice(0, 300).replace(/\n/g, ' | '));
    await service.close();
  }
  console.log({ a, b, mixes });
}, 60000);
