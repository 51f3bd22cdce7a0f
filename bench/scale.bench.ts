// `npm run bench -- scale`: each figure of the "Proof under scale" issue as a ratio to its floor, with peak memory.
// Every figure runs in a fresh child process of this very file, compiled with tsc into a temporary build (so no
// figure pays for a TypeScript loader), which times its task in place and reports its peak resident set at exit:
//   validate: 10,000 generated policies vs cedar-wasm parsing all sources as one text and strictly validating each
//     engine's filled policies as one text (validate.bench.ts measures the same at 1,000 and 5,000);
//   test: the cases over the validated repository vs cedar-wasm's own preparse of the same per-action policy sets the
//     tool builds, the schema once per engine, and one statefulIsAuthorized per case and engine;
//   plan: 1,000 declared policies, 1,000 live, at 50 ms per call, vs the fewest calls that must follow one another;
//   apply: 500 changes over three phases, at 50 ms per call with 10% of calls throttled (and without), vs the
//     fewest sequential calls the phases and the parallelism allow (see applyFloorCalls);
//   cold start: `validate` of this repository as a fresh process vs `node -e ""`.
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { stringify } from 'yaml';
import { REFUND_GATEWAY } from '../test/helpers/agentcore-fixture.js';
import { buildCedarSchema } from '../src/cedar/schema.js';
import { readPolicyShape } from '../src/cedar/tokens.js';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import type { Repository } from '../src/model.js';
import { loadRepository } from '../src/repository/load.js';
import { policiesOf } from '../src/repository/membership.js';
import { fillPlain, fillVariables } from '../src/repository/variables.js';
import { DEFAULT_PARALLELISM, runApply } from '../src/run/apply.js';
import { runPlan } from '../src/run/plan.js';
import { runTests } from '../src/testing/run-tests.js';
import { hasErrors, validateRepository } from '../src/validation/validate.js';
import { generateRepository } from '../test/helpers/generate-repo.js';

const HERE = fileURLToPath(import.meta.url);
const PROJECT = dirname(dirname(HERE));
const POLICIES = 10_000;
const CASES = 1_000;
const LATENCY_MS = 50;
const TRANSITION_MS = 50;
const PAGE = 100;
const PLAN_LIVE = 1_000;
/** The apply: on an engine holding APPLY.live permits, delete some, change some, create some (one phase each). */
const APPLY = { live: 500, deletes: 100, updates: 150, creates: 250 };
const RUNS = 3;
const COLD_RUNS = 7;

/** Preloaded (`--require`) into every measured process: prints its peak resident set (KiB) at exit. Linux's VmHWM,
 * not getrusage's maxRSS: a child's maxRSS starts from its parent's resident set at fork, so this bench, holding an
 * emulator, would show through. maxRSS only where there is no /proc. */
const PEAK_RSS_HOOK = `process.on('exit', () => {
  let kib;
  try { kib = Number(/VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]); } catch { kib = process.resourceUsage().maxRSS; }
  process.stdout.write('\\npeak-rss-kib=' + kib + '\\n');
});
`;
const hookOf = (out: string) => join(out, 'peak-rss.cjs');
const peakOf = (stdout: string) => Number(/peak-rss-kib=(\d+)/.exec(stdout)![1]) / 1024;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(runs: number, task: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return median(times);
}

// ---- child side: one task, timed in place ----

/** cedar-wasm compiles its module on first use; every task starts after that, the cold-start figure counts it. */
const warmCedar = () => cedar.checkParsePolicySet({ staticPolicies: 'permit(principal, action, resource);' });

async function validated(root: string) {
  const report = await validateRepository(root);
  if (hasErrors(report.diagnostics)) throw new Error(`${root} does not validate: ${JSON.stringify(report.diagnostics.slice(0, 3))}`);
  return report;
}

/** The same per-action sets runTests prepares: every generated policy names one action. */
function actionSets(repository: Repository, engine: Repository['engines'][number]) {
  const sets = new Map<string, Record<string, string>>();
  for (const policy of policiesOf(repository, engine).filter((p) => p.enabled)) {
    const text = fillVariables(policy.source, engine.variables).text;
    const action = readPolicyShape(text)?.action.entityId;
    if (!action) throw new Error(`${policy.name} names no single action`);
    sets.set(action, { ...sets.get(action), [policy.name]: text });
  }
  return sets;
}

const TASKS: Record<string, (arg: string) => Promise<number>> = {
  async validate(root) {
    warmCedar();
    return timed(RUNS, () => validated(root));
  },
  async 'validate-floor'(root) {
    warmCedar();
    const { repository } = await loadRepository(root);
    const { engines } = repository;
    const sources = repository.policies.map((p) => p.source).join('\n');
    const checks = engines.map((engine) => ({
      schema: buildCedarSchema(engine.gateways) as cedar.Schema,
      text: policiesOf(repository, engine).map((p) => fillVariables(p.source, engine.variables).text).join('\n'),
    }));
    return timed(RUNS, () => {
      if (cedar.checkParsePolicySet({ staticPolicies: sources }).type !== 'success') throw new Error('floor: parse failed');
      for (const { schema, text } of checks) {
        const answer = cedar.validate({ schema, policies: { staticPolicies: text }, validationSettings: { mode: 'strict' } });
        if (answer.type !== 'success' || answer.validationErrors.length > 0) throw new Error('floor: validation failed');
      }
    });
  },
  async test(root) {
    warmCedar();
    const { repository, engines } = await validated(root);
    return timed(RUNS, () => {
      const report = runTests(repository, engines);
      if (report.failed > 0 || report.cases.length !== CASES * engines.length) throw new Error(`test: ${report.failed} failed of ${report.cases.length}`);
    });
  },
  async 'test-floor'(root) {
    warmCedar();
    const { repository } = await loadRepository(root);
    const { engines } = repository;
    const prepared = engines.map((engine) => ({ engine, schema: buildCedarSchema(engine.gateways) as cedar.Schema, sets: actionSets(repository, engine) }));
    const requests = prepared.map(({ engine }) =>
      repository.tests.map((test) => {
        const principal = { type: 'AgentCore::OAuthUser', id: test.principal.id };
        const resource = { type: 'AgentCore::Gateway', id: fillPlain(test.resource!, engine.variables).text };
        const entities: cedar.EntityJson[] = [{ uid: principal, attrs: { id: test.principal.id }, parents: [], tags: test.principal.tags }, { uid: resource, attrs: {}, parents: [] }];
        return { action: test.action, expect: test.expect, call: { principal, action: { type: 'AgentCore::Action', id: test.action }, resource, context: { input: test.input } as cedar.Context, entities } };
      }),
    );
    return timed(RUNS, () => {
      prepared.forEach(({ schema, sets }, e) => {
        cedar.preparseSchema(`floor-${e}`, schema);
        // As runTests does: a set for each action some case calls, made once.
        for (const action of new Set(requests[e]!.map((r) => r.action))) cedar.preparsePolicySet(`floor-${e}-${action}`, { staticPolicies: sets.get(action) ?? {} });
        for (const request of requests[e]!) {
          const answer = cedar.statefulIsAuthorized({ ...request.call, preparsedPolicySetId: `floor-${e}-${request.action}`, preparsedSchemaName: `floor-${e}`, validateRequest: true });
          if (answer.type !== 'success' || answer.response.decision !== request.expect) throw new Error(`floor: ${JSON.stringify(answer)}`);
        }
      });
    });
  },
  async plan(root) {
    return timed(RUNS, async () => {
      const planned = await runPlan({ root, client: { env: {} } });
      if (!planned.ok || planned.plan.hasChanges) throw new Error('plan: expected a plan without changes');
    });
  },
  async apply(root) {
    return timed(1, async () => {
      const { report } = await runApply({ root, client: { env: {} } });
      if (report.status !== 'applied' || report.counts.done !== APPLY.deletes + APPLY.updates + APPLY.creates) throw new Error(`apply: ${JSON.stringify(report.counts)}`);
    });
  },
};

// ---- parent side ----

interface Measured {
  ms: number;
  /** Peak resident set, MiB. */
  rss: number;
}

/** Compiles this file and what it imports (and the CLI, for the cold start) into `out`, runnable by plain node. */
async function build(out: string): Promise<void> {
  await mkdir(join(out, 'bin'), { recursive: true });
  // node_modules first: tsc finds the `node` types through it.
  await symlink(join(PROJECT, 'node_modules'), join(out, 'node_modules'));
  const tsconfig = join(out, 'tsconfig.json');
  const compilerOptions = { outDir: out, rootDir: PROJECT, noEmit: false, declaration: false, sourceMap: false, incremental: false };
  await writeFile(tsconfig, JSON.stringify({ extends: join(PROJECT, 'tsconfig.json'), compilerOptions, include: [], files: [HERE, join(PROJECT, 'src/cli/main.ts')] }));
  try {
    execFileSync(process.execPath, [join(PROJECT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { stdio: 'pipe' });
  } catch (error) {
    // tsc still emits; a type error elsewhere in the tree must not stop the figures, but it is said.
    console.log(`(tsc reported errors; the figures are of the code it emitted)\n${String((error as { stdout?: Buffer }).stdout ?? '').slice(0, 500)}`);
  }
  // The project's own package.json fields the built code needs: ES modules, and the `#cedar-wasm` import.
  await writeFile(join(out, 'package.json'), `${JSON.stringify({ type: 'module', version: '0.0.0', imports: { '#cedar-wasm': '@cedar-policy/cedar-wasm/nodejs' } })}\n`);
  await writeFile(hookOf(out), PEAK_RSS_HOOK);
  await symlink(join(out, 'src'), join(out, 'dist'));
  await cp(join(PROJECT, 'bin/agentcore-policy.js'), join(out, 'bin/agentcore-policy.js'));
}

function child(out: string, task: string, arg: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, ['--require', hookOf(out), join(out, 'bench/scale.bench.js'), task, arg], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    run.on('close', (code) => (code === 0 ? resolve({ ms: Number(/^ms=(\S+)$/m.exec(stdout)![1]), rss: peakOf(stdout) }) : reject(new Error(`${task} exited ${code}`))));
  });
}

/** Wall time of a fresh process, median of COLD_RUNS; its peak RSS from one more run with the hook. */
async function coldProcess(out: string, args: string[]): Promise<Measured> {
  const ms = await timed(COLD_RUNS, () => execFileSync(process.execPath, args, { stdio: 'pipe' }));
  return { ms, rss: peakOf(execFileSync(process.execPath, ['--require', hookOf(out), ...args], { encoding: 'utf8' })) };
}

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

const range = (from: number, to: number, bump = 0) => Array.from({ length: to - from }, (_, i) => ({ index: from + i, bump }));

async function liveEngine(root: string, policies: { index: number; bump: number }[]): Promise<Emulator> {
  const emulator = await startEmulator({ transitionDelayMs: TRANSITION_MS, region: 'us-west-2' });
  emulator.seedGateways([REFUND_GATEWAY]);
  await writeEngineRepository(root, emulator.url, policies);
  const setup = await runApply({ root, client: { env: {} }, parallelism: 32 });
  if (setup.report.status !== 'applied') throw new Error(`setup apply ${setup.report.status}`);
  return emulator;
}

interface Row {
  figure: string;
  tool: Measured;
  floor: Measured | { ms: number; rss?: undefined };
  floorIs: string;
}

async function generatedRows(work: string, out: string): Promise<Row[]> {
  const root = join(work, 'generated');
  await generateRepository(root, POLICIES, CASES);
  const rows: Row[] = [];
  for (const [figure, task, floorIs] of [
    [`validate, ${POLICIES.toLocaleString('en')} policies`, 'validate', 'cedar-wasm parse + strict validate'],
    [`test, ${CASES.toLocaleString('en')} cases x 2 engines over ${POLICIES.toLocaleString('en')} policies`, 'test', 'cedar-wasm preparse + isAuthorized'],
  ] as const) {
    const tool = await child(out, task, root);
    rows.push({ figure, tool, floor: await child(out, `${task}-floor`, root), floorIs });
  }
  return rows;
}

async function planRow(work: string, out: string): Promise<Row> {
  const root = join(work, 'plan');
  const emulator = await liveEngine(root, range(0, PLAN_LIVE));
  try {
    emulator.setFaults({ latencyMs: LATENCY_MS });
    const tool = await child(out, 'plan', root);
    const calls = readCalls(PLAN_LIVE);
    return { figure: `plan, ${PLAN_LIVE.toLocaleString('en')} policies, ${PLAN_LIVE.toLocaleString('en')} live, ${LATENCY_MS} ms/call`, tool, floor: { ms: calls * LATENCY_MS }, floorIs: `${calls} calls in sequence` };
  } finally {
    await emulator.close();
  }
}

async function applyRow(work: string, out: string, throttleRate: number): Promise<Row> {
  const root = join(work, `apply-${throttleRate}`);
  const { live, deletes, updates, creates } = APPLY;
  const emulator = await liveEngine(root, range(0, live));
  try {
    await writeEngineRepository(root, emulator.url, [...range(deletes, deletes + updates, 1), ...range(deletes + updates, live), ...range(live, live + creates)]);
    emulator.setFaults({ latencyMs: LATENCY_MS, throttleRate, seed: 7 });
    emulator.resetStats();
    const tool = await child(out, 'apply', root);
    const phases = [
      { steps: deletes, liveAfter: live - deletes },
      { steps: updates, liveAfter: live - deletes },
      { steps: creates, liveAfter: live - deletes + creates },
    ];
    const calls = applyFloorCalls(live, phases, DEFAULT_PARALLELISM);
    const throttled = throttleRate > 0 ? `${throttleRate * 100}% throttled` : 'no throttling';
    const figure = `apply, ${deletes + updates + creates} changes on ${live} live, ${LATENCY_MS} ms/call, ${throttled} (${emulator.stats().requests} calls)`;
    return { figure, tool, floor: { ms: calls * LATENCY_MS }, floorIs: `${calls} calls in sequence` };
  } finally {
    await emulator.close();
  }
}

async function coldRow(out: string): Promise<Row> {
  const tool = await coldProcess(out, [join(out, 'bin/agentcore-policy.js'), 'validate', '--dir', PROJECT]);
  const floor = await coldProcess(out, ['-e', '']);
  return { figure: 'cold start, `validate` of this repository', tool, floor, floorIs: '`node -e ""`' };
}

const mib = (rss: number | undefined) => (rss === undefined ? '' : `${rss.toFixed(0)} MiB`);
const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

function printTable(rows: Row[]): void {
  console.log('| figure | time | floor | floor is | ratio | peak RSS | floor peak RSS |');
  console.log('|---|--:|--:|---|--:|--:|--:|');
  for (const { figure, tool, floor, floorIs } of rows) {
    console.log(`| ${figure} | ${seconds(tool.ms)} | ${seconds(floor.ms)} | ${floorIs} | ${(tool.ms / floor.ms).toFixed(2)} | ${mib(tool.rss)} | ${mib(floor.rss)} |`);
  }
  const worst = rows.reduce((a, b) => (b.tool.ms / b.floor.ms > a.tool.ms / a.floor.ms ? b : a));
  console.log(`\nWorst ratio: ${worst.figure} (${(worst.tool.ms / worst.floor.ms).toFixed(2)}).`);
}

export async function run(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'agentcore-policy-scale-'));
  try {
    const out = join(work, 'build');
    await build(out);
    const rows = [
      ...(await generatedRows(work, out)),
      await planRow(work, out),
      await applyRow(work, out, 0),
      await applyRow(work, out, 0.1),
      await coldRow(out),
    ];
    printTable(rows);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === HERE) {
  const ms = await TASKS[process.argv[2]!]!(process.argv[3]!);
  process.stdout.write(`ms=${ms}\n`);
}
