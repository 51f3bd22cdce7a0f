// `npm run bench -- scale`: the figures at scale as ratios to their floors, with peak memory. Every figure runs in a
// fresh child process (bench/child.ts, the tasks in bench/tasks.ts), which times its task in place:
//   validate: 10,000 generated policies vs cedar-wasm parsing all sources as one text and strictly validating each
//     engine's filled policies as one text (validate.bench.ts measures the same at 1,000 and 5,000);
//   test: the cases over the validated repository vs cedar-wasm's own preparse of the same per-action policy sets the
//     tool builds, the schema once per engine, and one statefulIsAuthorized per case and engine;
//   plan: 1,000 declared policies, 1,000 live, at 50 ms per call, vs the slower of validating the same repository
//     alone and the fewest calls that must follow one another;
//   apply: 500 changes over three phases, at 50 ms per call with 10% of calls throttled (and without), vs the
//     fewest sequential calls the phases and the parallelism allow (see applyFloorCalls).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { DEFAULT_PARALLELISM, runApply } from '../src/run/apply.js';
import { REFUND_GATEWAY } from '../test/helpers/agentcore-fixture.js';
import { generateRepository } from '../test/helpers/generate-repo.js';
import { build, child, type Measured } from './child.js';
import type { Figure } from './figures.js';

const POLICIES = 10_000;
const CASES = 1_000;
const LATENCY_MS = 50;
const TRANSITION_MS = 50;
const PAGE = 100;
const PLAN_LIVE = 1_000;
/** The apply: on an engine holding APPLY.live permits, delete some, change some, create some (one phase each). */
const APPLY = { live: 500, deletes: 100, updates: 150, creates: 250 };

const pages = (policies: number) => Math.max(1, Math.ceil(policies / PAGE));
/** Reading an engine: ListPolicyEngines, then the ListPolicies pages one after another (each needs the last one's
 * nextToken). The gateway reads (GetGateway, ListGatewayTargets, GetGatewayTarget) run beside them. */
const readCalls = (live: number) => 1 + pages(live);

/** The fewest calls in sequence for the apply: read the engine to plan; then per phase, its steps `parallelism` at
 * a time, and one full listing to see them settle (with transitions no longer than a call's latency, the first
 * listing after the last step can). The stale check's second read is not counted: the figure shows what it costs. */
export function applyFloorCalls(live: number, phases: { steps: number; liveAfter: number }[], parallelism: number): number {
  return readCalls(live) + phases.reduce((sum, p) => sum + Math.ceil(p.steps / parallelism) + pages(p.liveAfter), 0);
}

const statement = (limit: number) =>
  `permit (\n  principal is AgentCore::OAuthUser,\n  action == AgentCore::Action::"RefundTarget___process_refund",\n  resource == AgentCore::Gateway::"{{gateway}}"\n)\nwhen { context.input.amount < ${limit} };\n`;

/** One engine on `url` with one gateway, holding the permits P<i> for `indexes`, version 1.<bump>.0 with limit i+bump. */
async function writeEngineRepository(root: string, url: string, policies: { index: number; bump: number }[]): Promise<void> {
  await rm(root, { recursive: true, force: true });
  const group = join(root, 'policies', 'business_rules');
  await mkdir(join(root, 'engines'), { recursive: true });
  await mkdir(group, { recursive: true });
  const spec = { name: 'Bench', region: 'us-west-2', endpoint: url, groups: ['business_rules'], prune: true, variables: { gateway: REFUND_GATEWAY.arn }, gateways: [REFUND_GATEWAY] };
  await writeFile(join(root, 'engines', 'bench.yaml'), stringify(spec));
  await Promise.all(policies.map(({ index, bump }) => writeFile(join(group, `p${index}.cedar`), statement(index + 1 + bump))));
  const entries = policies.map(({ index, bump }) => ({ name: `P${index}`, file: `p${index}.cedar`, version: `1.${bump}.0`, description: `Refunds under ${index + 1 + bump}` }));
  await writeFile(join(group, 'policies.yaml'), stringify({ policies: entries }));
}

export const range = (from: number, to: number, bump = 0) => Array.from({ length: to - from }, (_, i) => ({ index: from + i, bump }));

export async function liveEngine(root: string, policies: { index: number; bump: number }[]): Promise<Emulator> {
  const emulator = await startEmulator({ transitionDelayMs: TRANSITION_MS, region: 'us-west-2' });
  emulator.seedGateways([REFUND_GATEWAY]);
  await writeEngineRepository(root, emulator.url, policies);
  const setup = await runApply({ root, client: { env: {} }, parallelism: 32 });
  if (setup.report.status !== 'applied') throw new Error(`setup apply ${setup.report.status}`);
  return emulator;
}

const count = (n: number) => n.toLocaleString('en');

async function generatedFigures(work: string, out: string): Promise<Figure[]> {
  const root = join(work, 'generated');
  await generateRepository(root, POLICIES, CASES);
  const figures: Figure[] = [];
  for (const [figure, task, floorIs] of [
    [`\`validate\`, ${count(POLICIES)} policies`, 'validate', 'cedar-wasm parse + strict validate'],
    [`\`test\`, ${count(CASES)} cases x 2 engines over ${count(POLICIES)} policies`, 'test', 'cedar-wasm preparse + isAuthorized'],
  ] as const) {
    const tool = await child(out, task, root);
    const floor = await child(out, `${task}-floor`, root);
    figures.push({ figure, ms: tool.ms, rss: tool.rss, floor: { ms: floor.ms, is: `${floorIs}, ${floor.rss.toFixed(0)} MiB` } });
  }
  return figures;
}

/** The plan's floor is the slower of its two halves done alone: validating the repository (in a process of its own,
 * warm) and the calls that must follow one another. */
async function planFigure(work: string, out: string): Promise<Figure> {
  const root = join(work, 'plan');
  const emulator = await liveEngine(root, range(0, PLAN_LIVE));
  try {
    const validate = await child(out, 'validate', root);
    emulator.setFaults({ latencyMs: LATENCY_MS });
    emulator.resetStats();
    const tool = await child(out, 'plan', root);
    const calls = readCalls(PLAN_LIVE);
    const made = Math.round(emulator.stats().requests / 3);
    const floor = validate.ms > calls * LATENCY_MS ? { ms: validate.ms, is: 'validate alone' } : { ms: calls * LATENCY_MS, is: `${calls} calls in sequence, ${made} made; validate alone ${validate.ms.toFixed(0)} ms` };
    return { figure: `\`plan\`, ${count(PLAN_LIVE)} policies with ${count(PLAN_LIVE)} live, emulator at ${LATENCY_MS} ms/call`, ms: tool.ms, rss: tool.rss, floor, target: 1.3 };
  } finally {
    await emulator.close();
  }
}

async function applyFigure(work: string, out: string, throttleRate: number): Promise<Figure> {
  const root = join(work, `apply-${throttleRate}`);
  const { live, deletes, updates, creates } = APPLY;
  const emulator = await liveEngine(root, range(0, live));
  try {
    await writeEngineRepository(root, emulator.url, [...range(deletes, deletes + updates, 1), ...range(deletes + updates, live), ...range(live, live + creates)]);
    emulator.setFaults({ latencyMs: LATENCY_MS, throttleRate, seed: 7 });
    emulator.resetStats();
    const tool: Measured = await child(out, 'apply', root, String(deletes + updates + creates));
    const phases = [
      { steps: deletes, liveAfter: live - deletes },
      { steps: updates, liveAfter: live - deletes },
      { steps: creates, liveAfter: live - deletes + creates },
    ];
    const calls = applyFloorCalls(live, phases, DEFAULT_PARALLELISM);
    const figure = throttleRate > 0 ? `\`apply\`, ${deletes + updates + creates} changes, ${throttleRate * 100}% throttled` : `\`apply\`, ${deletes + updates + creates} changes on ${live} live, ${LATENCY_MS} ms/call`;
    const floor = { ms: calls * LATENCY_MS, is: `${calls} calls in sequence, ${emulator.stats().requests} made` };
    return { figure, ms: tool.ms, rss: tool.rss, floor, ...(throttleRate > 0 && { target: 2.5 }) };
  } finally {
    await emulator.close();
  }
}

export async function run(): Promise<Figure[]> {
  const work = await mkdtemp(join(tmpdir(), 'agentcore-policy-scale-'));
  try {
    const out = join(work, 'build');
    await build(out);
    return [...(await generatedFigures(work, out)), await planFigure(work, out), await applyFigure(work, out, 0), await applyFigure(work, out, 0.1)];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
