// Plan and apply against the emulator at 50 ms latency per call (every call waits 50 ms before the service acts,
// as a distant region would): plan over 1,000 live policies, API calls and time against the fewest possible; and
// apply of 200 new policies against a sequential create-and-wait loop like the starter toolkit's (create one
// policy, poll GetPolicy until ACTIVE, then the next), with call counts, times and the ratio.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetPolicyCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { stringify } from 'yaml';
import { createControlClient, createPolicy, findEngineByName } from '../src/agentcore/index.js';
import { REFUND_GATEWAY } from '../test/helpers/agentcore-fixture.js';
import { LOCAL_WAIT } from '../src/agentcore/wait.js';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { DEFAULT_PARALLELISM, runApply } from '../src/run/apply.js';
import { runPlan } from '../src/run/plan.js';
import type { Figure } from './figures.js';

const LATENCY_MS = 50;
const TRANSITION_MS = 50;
const PLAN_POLICIES = 1_000;
const APPLY_POLICIES = 200;
const PAGE = 100;

const statement = (i: number) =>
  `permit (\n  principal is AgentCore::OAuthUser,\n  action == AgentCore::Action::"RefundTarget___process_refund",\n  resource == AgentCore::Gateway::"{{gateway}}"\n)\nwhen { context.input.amount < ${i + 1} };\n`;

/** A repository of one engine on `url` holding `count` permits named P0000, P0001... */
async function writeRepository(root: string, url: string, engine: string, count: number): Promise<void> {
  await rm(join(root, 'policies'), { recursive: true, force: true });
  await mkdir(join(root, 'engines'), { recursive: true });
  await mkdir(join(root, 'policies', 'business_rules'), { recursive: true });
  const spec = { name: engine, region: 'us-west-2', endpoint: url, groups: ['business_rules'], variables: { gateway: REFUND_GATEWAY.arn }, gateways: [REFUND_GATEWAY] };
  await writeFile(join(root, 'engines', 'bench.yaml'), stringify(spec));
  const names = Array.from({ length: count }, (_, i) => `P${String(i).padStart(4, '0')}`);
  await Promise.all(names.map((name, i) => writeFile(join(root, 'policies', 'business_rules', `${name.toLowerCase()}.cedar`), statement(i))));
  const entries = names.map((name) => ({ name, file: `${name.toLowerCase()}.cedar`, version: '1.0.0', description: `Refunds under ${name}` }));
  await writeFile(join(root, 'policies', 'business_rules', 'policies.yaml'), stringify({ policies: entries }));
}

async function emulatorWithGateway(): Promise<Emulator> {
  const emulator = await startEmulator({ transitionDelayMs: TRANSITION_MS, region: 'us-west-2' });
  emulator.seedGateways([REFUND_GATEWAY]);
  return emulator;
}

const total = (emulator: Emulator) => emulator.stats().requests;
const ops = (emulator: Emulator) =>
  Object.entries(emulator.stats().byOperation)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const row = (label: string, value: string) => console.log(`| ${label.padEnd(72)} | ${value.padStart(22)} |`);

async function benchPlan(root: string): Promise<void> {
  const emulator = await emulatorWithGateway();
  try {
    await writeRepository(root, emulator.url, 'BenchPlan', PLAN_POLICIES);
    const client = { endpoint: emulator.url, env: {} };
    const setupStart = performance.now();
    const setup = await runApply({ root, client, parallelism: 32 });
    if (setup.report.status !== 'applied') throw new Error(`setup apply ${setup.report.status}`);
    const setupMs = performance.now() - setupStart;

    emulator.setFaults({ latencyMs: LATENCY_MS });
    const times: number[] = [];
    let calls = '';
    let requests = 0;
    for (let run = 0; run < 3; run++) {
      emulator.resetStats();
      const start = performance.now();
      const planned = await runPlan({ root, client });
      times.push(performance.now() - start);
      if (!planned.ok || planned.plan.hasChanges) throw new Error('the plan should find nothing to change');
      calls = ops(emulator);
      requests = total(emulator);
    }
    // One ListPolicyEngines, one ListPolicies page per 100 policies, GetGateway + ListGatewayTargets +
    // GetGatewayTarget for the one gateway, and one ListGateways page for the gateways attached to the engine that
    // its file does not declare (all read while the engine is found). The policy pages follow one another.
    const ideal = 1 + Math.ceil(PLAN_POLICIES / PAGE) + 3 + 1;
    const path = 1 + Math.ceil(PLAN_POLICIES / PAGE);
    row(`setup: apply ${PLAN_POLICIES} policies at 0 ms latency (32 in flight)`, `${(setupMs / 1000).toFixed(1)} s`);
    row(`plan over ${PLAN_POLICIES} live policies: API calls (ideal ${ideal})`, String(requests));
    row('  by operation', '');
    console.log(`|   ${calls.padEnd(95)} |`);
    row(`plan over ${PLAN_POLICIES} live policies: time (median of 3)`, `${median(times).toFixed(0)} ms`);
    row(`  of which waiting on the network (${path} calls in sequence x ${LATENCY_MS} ms)`, `${path * LATENCY_MS} ms`);
  } finally {
    await emulator.close();
  }
}

/** What the starter toolkit does for each policy: create it, poll GetPolicy until ACTIVE, then the next. */
async function sequentialLoop(emulator: Emulator): Promise<number> {
  const client = createControlClient({ region: 'us-west-2', endpoint: emulator.url }, { env: {} });
  try {
    const engine = (await findEngineByName(client, 'BenchLoop'))!;
    emulator.resetStats();
    const start = performance.now();
    for (let i = 0; i < APPLY_POLICIES; i++) {
      const filled = statement(i).replace('{{gateway}}', REFUND_GATEWAY.arn);
      const created = await createPolicy(client, { policyEngineId: engine.policyEngineId, name: `Loop${i}`, statement: filled, description: 'loop' });
      for (;;) {
        await sleep(LOCAL_WAIT.minDelaySeconds * 1000);
        const got = await client.send(new GetPolicyCommand({ policyEngineId: engine.policyEngineId, policyId: created.policyId! }));
        if (got.status === 'ACTIVE') break;
        if (got.status !== 'CREATING') throw new Error(`Loop${i} ended ${got.status}`);
      }
    }
    return performance.now() - start;
  } finally {
    client.destroy();
  }
}

async function benchApply(root: string): Promise<Figure> {
  const ours = await emulatorWithGateway();
  const loop = await emulatorWithGateway();
  try {
    const client = { endpoint: ours.url, env: {} };
    // Both engines exist with their gateway attached before the clock starts (one policy each: a repository
    // needs a permit); only the 200 creates are timed.
    const loopRoot = join(root, 'loop');
    await writeRepository(root, ours.url, 'BenchApply', 1);
    await writeRepository(loopRoot, loop.url, 'BenchLoop', 1);
    for (const [dir, url] of [[root, ours.url], [loopRoot, loop.url]] as const) {
      if ((await runApply({ root: dir, client: { endpoint: url, env: {} } })).report.status !== 'applied') throw new Error('setup failed');
    }
    await writeRepository(root, ours.url, 'BenchApply', APPLY_POLICIES + 1);

    for (const emulator of [ours, loop]) {
      emulator.setFaults({ latencyMs: LATENCY_MS });
      emulator.resetStats();
    }
    const start = performance.now();
    const applied = await runApply({ root, client });
    const ourMs = performance.now() - start;
    if (applied.report.counts.done !== APPLY_POLICIES) throw new Error(`apply did ${applied.report.counts.done} steps`);
    const loopMs = await sequentialLoop(loop);

    row(`apply ${APPLY_POLICIES} new policies (validate, plan, stale check, ${DEFAULT_PARALLELISM} in flight): time`, `${(ourMs / 1000).toFixed(2)} s`);
    row('  API calls', String(total(ours)));
    console.log(`|   ${ops(ours).padEnd(95)} |`);
    row(`sequential create-and-wait loop, ${APPLY_POLICIES} policies: time`, `${(loopMs / 1000).toFixed(2)} s`);
    row('  API calls', String(total(loop)));
    console.log(`|   ${ops(loop).padEnd(95)} |`);
    row('speed-up (loop time / apply time)', `${(loopMs / ourMs).toFixed(1)}x`);
    const floor = { ms: loopMs, is: "the starter toolkit's loop" };
    return { figure: "`apply` of 200 new policies vs the starter toolkit's create-and-wait loop", ms: ourMs, floor, kind: 'speedup' };
  } finally {
    await ours.close();
    await loop.close();
  }
}

export async function run(): Promise<Figure[]> {
  const root = await mkdtemp(join(tmpdir(), 'agentcore-policy-bench-'));
  try {
    console.log(`Emulator: ${LATENCY_MS} ms latency per call, transitions take ${TRANSITION_MS} ms, polls start at ${LOCAL_WAIT.minDelaySeconds * 1000} ms.`);
    console.log(`| ${'figure'.padEnd(72)} | ${'value'.padStart(22)} |`);
    console.log(`|${'-'.repeat(74)}|${'-'.repeat(24)}|`);
    await benchPlan(join(root, 'plan'));
    return [await benchApply(join(root, 'apply'))];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
