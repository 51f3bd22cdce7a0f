// `npm run bench -- replay`: the replay of 100,000 recorded requests against 1,000 policies, as a ratio to Cedar's
// own isAuthorized on the same requests, with the replay's peak memory. The records are local engine decision files
// (`.agentcore-policy/decisions/<gatewayId>.jsonl`, one JSON line each, as the local gateway writes them), in ten
// folders of 10,000, over 20 tools of one gateway, 50 policies on each (45 permits for one agent each, guarded by
// its username claim, 4 unguarded permits, 1 forbid). The replay is the tool's own path: read each file line by line
// through the local decision source, read each record, decide it again (replay/evaluator.ts), count the flips. The
// floor is cedar-wasm's `statefulIsAuthorized`, one call per request, on the same per-tool policy sets and the
// schema, preparsed, with the requests built outside the clock from the same records. The machine's load moves
// every figure by tens of percent from minute to minute, so the ratio is timed in one process, the replay and the
// floor taking turns folder by folder: whatever the load does falls on both alike. Beside it, each in a fresh child
// process (`node --import tsx`, the loader outside the clock but in the memory) that reports its peak resident set
// (Linux's VmHWM): the whole replay alone, the floor on the whole set of 1,000 at once (on one folder, scaled), and
// the replay of the same records without their claims, as AWS's records come. The flips the replay counts must
// equal the floor's disagreements with the recorded decisions.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { buildCedarSchema } from '../src/cedar/schema.js';
import { readDecisions } from '../src/decisions/source.js';
import { readDecisionRecords, type DecisionRecord } from '../src/emulator/index.js';
import { localDecisionSource } from '../src/local/decision-source.js';
import { localStatePath } from '../src/local/local-engine.js';
import type { EngineSpec } from '../src/model.js';
import { ReplayTally } from '../src/replay/replay.js';
import { PEAK_RSS_HOOK, peakOf } from './child.js';
import type { Figure } from './figures.js';

const HERE = fileURLToPath(import.meta.url);
const REQUESTS = 100_000;
const FOLDERS = 10;
const PER_FOLDER = REQUESTS / FOLDERS;
const TOOLS = 20;
const AGENTS_PER_TOOL = 45;
const TARGET_RATIO = 1.5;
const GATEWAY_ID = 'bench-gateway-a1b2c3d4e5';
const GATEWAY = `arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/${GATEWAY_ID}`;
const toolName = (t: number) => `Bench___tool_${t}`;

const ENGINE: EngineSpec = {
  file: 'engines/bench.yaml',
  name: 'Bench',
  region: 'us-west-2',
  groups: ['business_rules'],
  prune: false,
  variables: {},
  gateways: [
    {
      arn: GATEWAY,
      mode: 'ENFORCE',
      authorizerType: 'CUSTOM_JWT',
      targets: [
        {
          name: 'Bench',
          tools: Array.from({ length: TOOLS }, (_, t) => ({
            name: `tool_${t}`,
            inputSchema: { type: 'object' as const, properties: { orderId: { type: 'string' as const }, amount: { type: 'integer' as const }, region: { type: 'string' as const } }, required: ['orderId', 'amount'] },
          })),
        },
      ],
    },
  ],
};

/** 50 per tool: 45 agents' permits (by username), 4 unguarded permits, 1 forbid. */
function policies(): { id: string; statement: string }[] {
  const list: { id: string; statement: string }[] = [];
  for (let t = 0; t < TOOLS; t++) {
    const scope = `principal is AgentCore::OAuthUser, action == AgentCore::Action::"${toolName(t)}", resource == AgentCore::Gateway::"${GATEWAY}"`;
    for (let a = 0; a < AGENTS_PER_TOOL; a++) {
      list.push({ id: `T${t}Agent${a}`, statement: `permit (${scope}) when { principal.hasTag("username") && principal.getTag("username") == "agent-${a}" && context.input.amount < ${(a + 1) * 20} };` });
    }
    for (let r = 0; r < 4; r++) list.push({ id: `T${t}Region${r}`, statement: `permit (${scope}) when { context.input has region && context.input.region == "R${r}" && context.input.amount < ${100 * (r + 1)} };` });
    list.push({ id: `T${t}Frozen`, statement: `forbid (${scope}) when { context.input.orderId like "frozen-*" };` });
  }
  return list;
}

/** A small deterministic generator, so every run replays the same traffic. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
}

function record(i: number, next: () => number): DecisionRecord {
  const tool = toolName(Math.floor(next() * TOOLS));
  const agent = Math.floor(next() * 60);
  const input: Record<string, unknown> = { orderId: next() < 0.05 ? `frozen-${i}` : `o-${i}`, amount: Math.floor(next() * 1000) };
  if (next() < 0.3) input.region = `R${Math.floor(next() * 5)}`;
  const allowed = next() < 0.5;
  return {
    event_timestamp: 1_767_225_600_000 + i,
    request_id: `r-${i}`,
    resource_arn: GATEWAY,
    body: {
      log: allowed ? 'Policy evaluation completed' : 'Policy evaluation denied request',
      isError: !allowed,
      requestBody: { jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: tool, arguments: input } },
      policy: {
        // Recorded decisions drawn at random: replaying does the same work whatever they were, and the flips counted
        // must match the floor's own disagreements with them.
        decision: allowed ? 'ALLOW' : 'DENY',
        policyEngineArn: 'arn:aws:bedrock-agentcore:us-west-2:123456789012:policy-engine/Bench-abcdefghij',
        determiningPolicies: [],
        latencyMs: 0.2,
        principal: { entityType: 'AgentCore::OAuthUser', entityId: `user-${agent}` },
        reason: '',
        mode: 'ENFORCE',
        logOnlyMatchedPolicies: [],
        logOnlyDecisionFlippingPolicies: [],
        errors: [],
      },
      local: { principalTags: { username: `agent-${agent}`, sub: `user-${agent}`, iss: 'https://local-engine.agentcore-policy.invalid' } },
    },
  };
}

/** FOLDERS repositories' worth of records under `root` (`root/0`, `root/1`, ...), PER_FOLDER each. */
async function writeRecords(root: string, claims: boolean): Promise<void> {
  const next = random(42);
  for (let f = 0; f < FOLDERS; f++) {
    const folder = join(root, String(f), '.agentcore-policy', 'decisions');
    await mkdir(folder, { recursive: true });
    const lines: string[] = [];
    for (let i = f * PER_FOLDER; i < (f + 1) * PER_FOLDER; i++) {
      const r = record(i, next);
      if (!claims) delete (r.body as Partial<DecisionRecord['body']>).local;
      lines.push(JSON.stringify(r));
    }
    await writeFile(join(folder, `${GATEWAY_ID}.jsonl`), `${lines.join('\n')}\n`);
  }
}

const folders = (root: string) => Array.from({ length: FOLDERS }, (_, f) => join(root, String(f)));

// ---- child side: one task, timed in place ----

interface Result {
  ms: number;
  flips: number;
  /** The floor's time, when the task timed it too. */
  floorMs?: number;
}

const replayer = () => new ReplayTally(ENGINE, policies(), 'bench-replay');

/** One folder's records through the tool's own path. */
async function replayFolder(tally: ReplayTally, folder: string): Promise<number> {
  const window = await readDecisions(localDecisionSource(folder), ENGINE.gateways, { since: 0, limit: REQUESTS }, (request) => tally.take(request));
  if (window.unreadable > 0 || window.problems.length > 0) throw new Error(`${folder}: ${window.unreadable} unreadable, ${window.problems.join('; ')}`);
  return tally.result(window).requests;
}

const flipsOf = (tally: ReplayTally) => {
  const { flips } = tally.result({ source: '', since: '', unreadable: 0, truncated: false, problems: [] });
  return flips.toDeny + flips.toAllow;
};

async function replayTask(root: string): Promise<Result> {
  warmCedar();
  const start = performance.now();
  const tally = replayer();
  for (const folder of folders(root)) await replayFolder(tally, folder);
  return { ms: performance.now() - start, flips: flipsOf(tally) };
}

/** The requests as cedar-wasm takes them, built from the same records. */
function cedarRequests(folder: string) {
  const read = readDecisionRecords({ stateFile: localStatePath(folder), gatewayId: GATEWAY_ID });
  if (!read.ok) throw new Error(read.message);
  return read.records.map((r) => {
    const { params } = r.body.requestBody as { params: { name: string; arguments: Record<string, cedar.CedarValueJson> } };
    const principal = { type: 'AgentCore::OAuthUser', id: r.body.policy.principal.entityId };
    const resource = { type: 'AgentCore::Gateway', id: r.resource_arn };
    return {
      recorded: r.body.policy.decision === 'ALLOW' ? 'allow' : 'deny',
      call: {
        principal,
        action: { type: 'AgentCore::Action', id: params.name },
        resource,
        context: { input: params.arguments },
        entities: [{ uid: principal, attrs: { id: principal.id }, parents: [], tags: r.body.local.principalTags }, { uid: resource, attrs: {}, parents: [] }] as cedar.EntityJson[],
      },
    };
  });
}

/** cedar-wasm alone: per-tool sets (or the whole set), preparsed with the schema, one call per request. */
function floor(whole: boolean) {
  const all = policies();
  cedar.preparseSchema('floor-schema', buildCedarSchema(ENGINE.gateways) as cedar.Schema);
  const sets = new Map<string, string>();
  const setOf = (action: string) => {
    let id = sets.get(action);
    if (!id) {
      id = `floor-${action}`;
      const members = whole ? all : all.filter((p) => p.statement.includes(`"${action}"`));
      cedar.preparsePolicySet(id, { staticPolicies: Object.fromEntries(members.map((p) => [p.id, p.statement])) });
      sets.set(action, id);
    }
    return id;
  };
  return (requests: ReturnType<typeof cedarRequests>): number => {
    let flips = 0;
    for (const { recorded, call } of requests) {
      const answer = cedar.statefulIsAuthorized({ ...call, preparsedPolicySetId: setOf(whole ? '*' : call.action.id), preparsedSchemaName: 'floor-schema', validateRequest: true });
      if (answer.type !== 'success') throw new Error(answer.errors[0]!.message);
      if (answer.response.decision !== recorded) flips++;
    }
    return flips;
  };
}

/** The replay and the floor taking turns, folder by folder; each side's time summed. */
async function ratioTask(root: string): Promise<Result> {
  warmCedar();
  let [replayMs, floorMs, floorFlips] = [0, 0, 0];
  let at = performance.now();
  const tally = replayer();
  const decide = floor(false);
  replayMs += performance.now() - at;
  for (const folder of folders(root)) {
    at = performance.now();
    await replayFolder(tally, folder);
    replayMs += performance.now() - at;
    const requests = cedarRequests(folder);
    at = performance.now();
    floorFlips += decide(requests);
    floorMs += performance.now() - at;
  }
  const flips = flipsOf(tally);
  if (flips !== floorFlips) throw new Error(`the replay counted ${flips} flips, Cedar's own decisions ${floorFlips}`);
  return { ms: replayMs, flips, floorMs };
}

/** The whole set of 1,000 on every call: one folder, scaled to all. */
function wholeTask(root: string): Result {
  warmCedar();
  const requests = cedarRequests(folders(root)[0]!);
  const start = performance.now();
  floor(true)(requests);
  return { ms: (performance.now() - start) * FOLDERS, flips: -1 };
}

const warmCedar = () => cedar.checkParsePolicySet({ staticPolicies: 'permit(principal, action, resource);' });

const TASKS: Record<string, (root: string) => Promise<Result> | Result> = { ratio: ratioTask, replay: replayTask, whole: wholeTask };

// ---- parent side ----

interface Measured extends Result {
  rss: number;
}

function child(hook: string, task: string, root: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, ['--require', hook, '--import', 'tsx', HERE, task, root], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    run.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${task} exited ${code}`));
      const result = JSON.parse(/^result=(.*)$/m.exec(stdout)![1]!) as Result;
      resolve({ ...result, rss: peakOf(stdout) });
    });
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (rss: number) => `${rss.toFixed(0)} MiB`;

export async function run(): Promise<Figure[]> {
  const work = await mkdtemp(join(tmpdir(), 'agentcore-policy-replay-'));
  try {
    const hook = join(work, 'peak-rss.cjs');
    await writeFile(hook, PEAK_RSS_HOOK);
    const [withClaims, withoutClaims] = [join(work, 'claims'), join(work, 'no-claims')];
    await writeRecords(withClaims, true);
    await writeRecords(withoutClaims, false);
    const ratio = await child(hook, 'ratio', withClaims);
    const replay = await child(hook, 'replay', withClaims);
    const whole = await child(hook, 'whole', withClaims);
    const claimless = await child(hook, 'replay', withoutClaims);
    const floorMs = ratio.floorMs!;
    const label = `${REQUESTS.toLocaleString('en')} requests, ${policies().length.toLocaleString('en')} policies over ${TOOLS} tools`;
    console.log('| figure | time | ratio to the floor | peak RSS |');
    console.log('|---|--:|--:|--:|');
    console.log(`| replay, ${label}, taking turns with the floor | ${seconds(ratio.ms)} | ${(ratio.ms / floorMs).toFixed(2)} (target ≤ ${TARGET_RATIO}) | |`);
    console.log(`| floor: cedar-wasm statefulIsAuthorized on the per-tool sets (50 policies), same requests | ${seconds(floorMs)} | 1.00 | |`);
    console.log(`| replay alone, in its own process | ${seconds(replay.ms)} | | ${mib(replay.rss)} |`);
    console.log(`| cedar-wasm statefulIsAuthorized on the whole set of 1,000 (one folder, scaled) | ${seconds(whole.ms)} | ${(whole.ms / floorMs).toFixed(2)} | ${mib(whole.rss)} |`);
    console.log(`| replay of the same records without their claims (AWS's records) | ${seconds(claimless.ms)} | ${(claimless.ms / floorMs).toFixed(2)} | ${mib(claimless.rss)} |`);
    console.log(`\nFlips counted: ${ratio.flips.toLocaleString('en')}, the same as Cedar's own decisions against the recorded ones (${replay.flips === ratio.flips ? 'and again alone' : 'NOT the same alone'}).`);
    const floor = { ms: floorMs, is: 'cedar-wasm on the per-tool sets, same requests' };
    return [{ figure: `replay, ${label}`, ms: ratio.ms, rss: replay.rss, floor, target: TARGET_RATIO }];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === HERE && process.argv[2] !== undefined) {
  const result = await TASKS[process.argv[2]]!(process.argv[3]!);
  process.stdout.write(`result=${JSON.stringify(result)}\n`);
}
