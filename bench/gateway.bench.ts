// `npm run bench -- gateway`: tools/call through the local gateway (the data plane of the emulator) on an engine of
// 100 ACTIVE policies, at 16 calls in flight over loopback HTTP keep-alive: throughput and latency percentiles, each
// call authenticated (RS256 JWT), decided, recorded to the decision file and echoed. Two layouts of the 100: spread
// over the gateway's 20 tools (5 on the tool called, as an engine guarding several tools has them); all on the tool
// called, per agent (each guarded by `principal.getTag("username") == ...`, as the seed writes them, so Cedar only
// sees the caller's); and all on the tool called with no principal guard (the worst case: Cedar evaluates all 100
// on every call, and is the ceiling). Beside each, plain cedar-wasm on the same
// requests: `isAuthorized` with the policy text in every call (what a naive integration does), and
// `statefulIsAuthorized` on the preparsed set with the schema, whole and per tool (the least Cedar must do). The
// load comes from a second Node process (gateway-load.ts), as an agent's calls would: the gateway has the two
// cores to share with it (and with whatever else runs on the machine).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  BedrockAgentCoreControlClient,
  CreatePolicyCommand,
  CreatePolicyEngineCommand,
  waitUntilPolicyActive,
  waitUntilPolicyEngineActive,
} from '@aws-sdk/client-bedrock-agentcore-control';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { attachGateway } from '../src/agentcore/index.js';
import { buildCedarSchema } from '../src/cedar/schema.js';
import { startEmulator } from '../src/emulator/index.js';
import type { GatewaySpec } from '../src/model.js';
import type { Figure } from './figures.js';

const POLICIES = 100;
const CALLS = 5_000;
const WARM_UP = 1_000;
const IN_FLIGHT = 16;
/** isAuthorized parses every policy on every call: a few hundred calls give its rate. */
const PLAIN_CALLS = 300;
const TARGET_CALLS_PER_SECOND = 1_000;
const ACTION = 'RefundTarget___process_refund';
const GATEWAY_ID = 'refund-gateway-a1b2c3d4e5';
const TOOL_SCHEMA = {
  type: 'object' as const,
  properties: { orderId: { type: 'string' as const }, amount: { type: 'integer' as const }, reason: { type: 'string' as const } },
  required: ['orderId', 'amount'],
};
const OTHER_TOOLS = Array.from({ length: 19 }, (_, i) => `tool_${i}`);
const GATEWAY: GatewaySpec = {
  arn: `arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/${GATEWAY_ID}`,
  mode: 'ENFORCE',
  authorizerType: 'CUSTOM_JWT',
  targets: [{ name: 'RefundTarget', tools: ['process_refund', ...OTHER_TOOLS].map((name) => ({ name, inputSchema: TOOL_SCHEMA })) }],
};

type Layout = 'spread' | 'on the tool' | 'on the tool, unguarded';

/** The seed's refund permit, a forbid, and 98 permits for other agents (guarded by their username, as the seed
 * writes them): 3 on the tool called and 5 on each of the 19 others, or all on the tool called; or, unguarded,
 * permits any principal's input can meet (Cedar evaluates every one on every call). */
function statements(layout: Layout): Record<string, string> {
  const scope = (action: string) => `principal is AgentCore::OAuthUser, action == AgentCore::Action::"${action}", resource == AgentCore::Gateway::"${GATEWAY.arn}"`;
  const policies: Record<string, string> = {
    RefundUnder500: `permit (${scope(ACTION)}) when { principal.hasTag("username") && principal.getTag("username") == "refund-agent" && context.input.amount < 500 };`,
    FrozenOrders: `forbid (${scope(ACTION)}) when { context.input.orderId like "frozen-*" };`,
  };
  for (let i = 0; i < POLICIES - 2; i++) {
    const action = layout === 'spread' && i >= 3 ? `RefundTarget___${OTHER_TOOLS[Math.floor((i - 3) / 5)]}` : ACTION;
    const guard = layout === 'on the tool, unguarded' ? `context.input.orderId == "agent-${i}"` : `principal.hasTag("username") && principal.getTag("username") == "agent-${i}"`;
    policies[`Agent${i}`] = `permit (${scope(action)}) when { ${guard} && context.input.amount < ${(i + 1) * 10} };`;
  }
  return policies;
}

const LOAD_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'gateway-load.ts');
const execFileAsync = promisify(execFile);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

const amountOf = (i: number) => (i % 2 === 0 ? 450 : 750);
const row = (label: string, value: string) => console.log(`| ${label.padEnd(78)} | ${value.padStart(26)} |`);

/** Sets up an engine holding `policies` on a fresh emulator, runs the calls, then the same requests in cedar-wasm. */
async function scenario(label: string, policies: Record<string, string>): Promise<Figure> {
  const folder = await mkdtemp(join(tmpdir(), 'agentcore-policy-gateway-bench-'));
  const emulator = await startEmulator({ stateFile: join(folder, 'local-engine.json'), transitionDelayMs: 0, region: 'us-west-2' });
  const control = new BedrockAgentCoreControlClient({ region: 'us-west-2', endpoint: emulator.url, credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' } });
  const wait = { client: control, maxWaitTime: 10, minDelay: 0.01, maxDelay: 0.05 };
  try {
    emulator.seedGateways([GATEWAY]);
    const engine = await control.send(new CreatePolicyEngineCommand({ name: 'GatewayBench' }));
    await waitUntilPolicyEngineActive(wait, { policyEngineId: engine.policyEngineId });
    const gateway = await attachGateway(control, GATEWAY.arn, engine.policyEngineArn!, 'ENFORCE');
    for (const [name, statement] of Object.entries(policies)) {
      const created = await control.send(new CreatePolicyCommand({ policyEngineId: engine.policyEngineId, name, definition: { cedar: { statement } } }));
      await waitUntilPolicyActive(wait, { policyEngineId: engine.policyEngineId, policyId: created.policyId });
    }
    const minted = await emulator.mintToken({ sub: 'user-123', claims: { username: 'refund-agent' } });
    if (!minted.ok) throw new Error(minted.message);
    const load = { url: gateway.gatewayUrl, token: minted.token, action: ACTION, calls: CALLS, warmUp: WARM_UP, inFlight: IN_FLIGHT };
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', LOAD_SCRIPT, JSON.stringify(load)], { maxBuffer: 64 * 1024 * 1024 });
    const gatewayRun = JSON.parse(stdout) as { ms: number; latencies: number[] };
    const recorded = emulator.decisionRecords(GATEWAY_ID).length;
    const floors = cedarFloors(policies);

    const perSecond = (ms: number) => `${Math.round((CALLS / ms) * 1000).toLocaleString('en-US')} calls/s`;
    const lat = gatewayRun.latencies;
    row(`**${label}**: tools/call x${CALLS} through the local gateway, ${IN_FLIGHT} in flight`, perSecond(gatewayRun.ms));
    row('  latency p50 / p99 / max', `${percentile(lat, 50).toFixed(2)} / ${percentile(lat, 99).toFixed(2)} / ${lat.at(-1)!.toFixed(2)} ms`);
    row(`  target (>= ${TARGET_CALLS_PER_SECOND.toLocaleString('en-US')} calls/s)`, (CALLS / gatewayRun.ms) * 1000 >= TARGET_CALLS_PER_SECOND ? 'met' : 'NOT MET');
    row('  decision records written', `${recorded - WARM_UP} (+${WARM_UP} warm-up)`);
    row(`  cedar-wasm isAuthorized, all ${POLICIES} policies as text each call`, perSecond(floors.plainMs));
    row(`  cedar-wasm statefulIsAuthorized, all ${POLICIES} preparsed`, perSecond(floors.wholeMs));
    row(`  cedar-wasm statefulIsAuthorized, the ${floors.onTool} on the tool, preparsed`, perSecond(floors.toolMs));
    const value = `${perSecond(gatewayRun.ms)} (target ≥ ${TARGET_CALLS_PER_SECOND.toLocaleString('en-US')}), p50 ${percentile(lat, 50).toFixed(1)} ms; cedar-wasm alone ${perSecond(floors.wholeMs)}`;
    return { figure: `local gateway \`tools/call\`, ${label}, ${IN_FLIGHT} in flight`, ms: gatewayRun.ms, value };
  } finally {
    control.destroy();
    await emulator.close();
    await rm(folder, { recursive: true, force: true });
  }
}

/** The same requests decided by cedar-wasm alone, sequentially, with the schema the gateway uses. */
function cedarFloors(policies: Record<string, string>) {
  const schema = buildCedarSchema([GATEWAY]) as cedar.Schema;
  const principal = { type: 'AgentCore::OAuthUser', id: 'user-123' };
  const resource = { type: 'AgentCore::Gateway', id: GATEWAY.arn };
  const entities: cedar.EntityJson[] = [
    { uid: principal, attrs: { id: 'user-123' }, parents: [], tags: { username: 'refund-agent', sub: 'user-123' } },
    { uid: resource, attrs: {}, parents: [] },
  ];
  const requestFor = (i: number) => ({
    principal,
    action: { type: 'AgentCore::Action', id: ACTION },
    resource,
    context: { input: { orderId: `o-${i}`, amount: amountOf(i) } },
    entities,
  });
  const timeLoop = (calls: number, task: (i: number) => void) => {
    const start = performance.now();
    for (let i = 0; i < calls; i++) task(i);
    return ((performance.now() - start) * CALLS) / calls;
  };
  const preparsed = (id: string, set: Record<string, string>) => {
    cedar.preparsePolicySet(id, { staticPolicies: set });
    cedar.preparseSchema(id, schema);
    return timeLoop(CALLS, (i) => {
      const answer = cedar.statefulIsAuthorized({ ...requestFor(i), preparsedPolicySetId: id, preparsedSchemaName: id, validateRequest: true });
      if (answer.type !== 'success') throw new Error('statefulIsAuthorized failed');
    });
  };
  const onTool = Object.fromEntries(Object.entries(policies).filter(([, text]) => text.includes(`"${ACTION}"`)));
  return {
    plainMs: timeLoop(PLAIN_CALLS, (i) => {
      if (cedar.isAuthorized({ ...requestFor(i), policies: { staticPolicies: policies } }).type !== 'success') throw new Error('isAuthorized failed');
    }),
    wholeMs: preparsed('gateway-bench-whole', policies),
    toolMs: preparsed('gateway-bench-tool', onTool),
    onTool: Object.keys(onTool).length,
  };
}

export async function run(): Promise<Figure[]> {
  console.log(`| ${'figure'.padEnd(78)} | ${'value'.padStart(26)} |`);
  console.log(`|${'-'.repeat(80)}|${'-'.repeat(28)}|`);
  return [
    await scenario(`${POLICIES} policies over 20 tools`, statements('spread')),
    await scenario(`${POLICIES} policies all on the tool called`, statements('on the tool')),
    await scenario(`${POLICIES} unguarded policies all on the tool called`, statements('on the tool, unguarded')),
  ];
}
