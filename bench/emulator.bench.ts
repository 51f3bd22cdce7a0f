// Emulator figures: ListPolicies over 1,000 policies through the SDK paginator (time and API calls, as plan reads
// them), and the emulator's GetPolicy throughput on loopback (5,000 requests, 16 in flight), raw and via the SDK.
import { request, Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { GetPolicyCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { createControlClient } from '../src/agentcore/client.js';
import { listLivePolicies } from '../src/agentcore/live-state.js';
import { createEngine, createPolicy } from '../src/agentcore/policies.js';
import { LOCAL_WAIT } from '../src/agentcore/wait.js';
import { startEmulator } from '../src/emulator/index.js';
import type { Figure } from './figures.js';

const POLICIES = 1_000;
const REQUESTS = 5_000;
const CONCURRENCY = 16;

/** Runs `total` calls of `task`, `concurrency` at a time; returns the elapsed milliseconds. */
async function pool(total: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return performance.now() - start;
}

function rawGet(agent: Agent, url: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const row = (label: string, value: string) => console.log(`| ${label.padEnd(52)} | ${value.padStart(18)} |`);

export async function run(): Promise<Figure[]> {
  // Unsigned raw requests land in the default region, so it is the client's.
  const emulator = await startEmulator({ transitionDelayMs: 0, region: 'us-west-2' });
  const client = createControlClient({ region: 'us-west-2', endpoint: emulator.url }, { env: {} });
  try {
    const engine = await createEngine(client, { name: 'Bench' }, LOCAL_WAIT);
    const policyIds: string[] = [];
    const createMs = await pool(POLICIES, CONCURRENCY, async (i) => {
      const statement = `permit(principal, action, resource) when { context.input.amount < ${i + 1} };`;
      const created = await createPolicy(client, { policyEngineId: engine.policyEngineId, name: `Policy${i}`, statement });
      policyIds.push(created.policyId!);
    });

    const listTimes: number[] = [];
    let listed = 0;
    let calls = 0;
    for (let run = 0; run < 5; run++) {
      emulator.resetStats();
      const start = performance.now();
      listed = (await listLivePolicies(client, engine.policyEngineId)).length;
      listTimes.push(performance.now() - start);
      calls = emulator.stats().byOperation.ListPolicies ?? 0;
    }

    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const pathOf = (i: number) => new URL(`/policy-engines/${engine.policyEngineId}/policies/${policyIds[i % policyIds.length]}`, emulator.url);
    const rawMs = await pool(REQUESTS, CONCURRENCY, (i) => rawGet(agent, pathOf(i)));
    agent.destroy();
    const sdkMs = await pool(REQUESTS, CONCURRENCY, (i) =>
      client.send(new GetPolicyCommand({ policyEngineId: engine.policyEngineId, policyId: policyIds[i % policyIds.length] })),
    );

    console.log(`| ${'figure'.padEnd(52)} | ${'value'.padStart(18)} |`);
    console.log(`|${'-'.repeat(54)}|${'-'.repeat(20)}|`);
    row(`CreatePolicy x${POLICIES} via SDK (${CONCURRENCY} in flight)`, `${createMs.toFixed(0)} ms`);
    row(`ListPolicies, ${listed} policies, SDK paginator (median/5)`, `${median(listTimes).toFixed(1)} ms`);
    row('ListPolicies API calls for one full read', String(calls));
    row(`GetPolicy x${REQUESTS}, raw HTTP keep-alive, ${CONCURRENCY} in flight`, `${((REQUESTS / rawMs) * 1000).toFixed(0)} req/s`);
    row(`GetPolicy x${REQUESTS}, via SDK, ${CONCURRENCY} in flight`, `${((REQUESTS / sdkMs) * 1000).toFixed(0)} req/s`);
    const rate = (ms: number) => ((REQUESTS / ms) * 1000).toLocaleString('en', { maximumFractionDigits: 0 });
    return [
      { figure: 'emulator: `ListPolicies` over 1,000 policies through the SDK paginator', ms: median(listTimes), value: `${median(listTimes).toFixed(0)} ms, ${calls} calls` },
      { figure: `emulator: \`GetPolicy\` throughput, ${CONCURRENCY} in flight`, ms: sdkMs, value: `${rate(sdkMs)} req/s via the SDK, ${rate(rawMs)} raw` },
    ];
  } finally {
    client.destroy();
    await emulator.close();
  }
}
