// `npm run bench -- startup`: the commands a pre-commit hook and a pull request run, cold, on this repository, each
// a fresh process of the built CLI timed from outside, against an empty Node process (`node -e 0`), all taking
// turns; and `plan` of this repository on a fresh embedded local engine with its access analysis and without it,
// each a fresh process timing its plan in place (bench/tasks.ts), taking turns.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, child, cli, coldProcesses, median, PROJECT, type Measured } from './child.js';
import type { Figure } from './figures.js';

const COLD_RUNS = 11;
const PLAN_RUNS = 7;

async function coldFigures(out: string): Promise<Figure[]> {
  const cold = await coldProcesses(
    out,
    {
      node: ['-e', '0'],
      validate: cli(out, 'validate', '--dir', PROJECT),
      test: cli(out, 'test', '--dir', PROJECT),
      help: cli(out, '--help'),
    },
    COLD_RUNS,
  );
  const floor = { ms: cold.node!.ms, is: `\`node -e 0\`, ${cold.node!.rss.toFixed(0)} MiB` };
  const figure = (name: string, measured: Measured, target: number): Figure => ({ figure: name, ms: measured.ms, rss: measured.rss, floor, target });
  return [
    figure('cold start, `validate` of this repository', cold.validate!, 4),
    figure('cold start, `test` of this repository', cold.test!, 5),
    figure('cold start, `--help`', cold.help!, 2),
  ];
}

/** A copy of this repository's policies and engines, so every plan starts from an empty local engine of its own. */
async function planFigure(work: string, out: string): Promise<Figure> {
  const times: Record<'with' | 'without', number[]> = { with: [], without: [] };
  let rss = 0;
  for (let i = 0; i < PLAN_RUNS; i++) {
    for (const analysis of ['with', 'without'] as const) {
      const root = join(work, `plan-${analysis}-${i}`);
      await cp(join(PROJECT, 'policies'), join(root, 'policies'), { recursive: true });
      await cp(join(PROJECT, 'engines'), join(root, 'engines'), { recursive: true });
      const measured = await child(out, 'plan-example', root, analysis);
      times[analysis].push(measured.ms);
      if (analysis === 'with') rss = Math.max(rss, measured.rss);
      await rm(root, { recursive: true, force: true });
    }
  }
  const without = median(times.without);
  return { figure: '`plan` of this repository with the access analysis', ms: median(times.with), rss, floor: { ms: without, is: 'the same plan without it' }, target: 1.5 };
}

export async function run(): Promise<Figure[]> {
  const work = await mkdtemp(join(tmpdir(), 'agentcore-policy-startup-'));
  try {
    const out = join(work, 'build');
    await build(out);
    return [...(await coldFigures(out)), await planFigure(work, out)];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
