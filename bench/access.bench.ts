// `npm run bench -- access`: the semantic access analysis (src/access) on the example repository (every policy
// created against an empty engine, and one policy changed) and on 1,000 generated policies over 20 tools with 100
// changed. Each run gives every statement a fresh comment, so the parse cache never answers (as in a fresh `plan`
// process) while cedar-wasm itself is warm (as it is once `plan` has validated). Beside each figure: cedar-wasm's
// own parse of the same statements (`policyToJson`), the least any analysis of their structure costs.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { diffAccess, type AccessGateway, type AccessPolicy, type ActionAccess } from '../src/access/index.js';
import { resolveDesired } from '../src/repository/desired.js';
import { validateRepository } from '../src/validation/validate.js';
import type { Figure } from './figures.js';

const PROJECT = dirname(dirname(fileURLToPath(import.meta.url)));
const RUNS = 7;
let generation = 0;

function middle(times: number[]): number {
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** Fresh statement texts for each run: same policies, a comment the parse cache has not seen. */
const fresh = (policies: AccessPolicy[]) => {
  const tag = `// run ${++generation}\n`;
  return policies.map((p) => ({ ...p, statement: tag + p.statement }));
};

function time(gateways: AccessGateway[], before: AccessPolicy[], after: AccessPolicy[]) {
  const analysis: number[] = [];
  const floor: number[] = [];
  let result: ActionAccess[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [b, a] = [fresh(before), fresh(after)];
    let start = performance.now();
    result = diffAccess(gateways, b, a);
    analysis.push(performance.now() - start);
    const [b2, a2] = [fresh(before), fresh(after)];
    start = performance.now();
    for (const p of [...b2, ...a2]) cedar.policyToJson(p.statement);
    floor.push(performance.now() - start);
  }
  const verdicts = new Map<string, number>();
  for (const r of result) verdicts.set(r.verdict, (verdicts.get(r.verdict) ?? 0) + 1);
  return { ms: middle(analysis), first: analysis[0]!, floor: middle(floor), verdicts: [...verdicts].map(([v, n]) => `${n} ${v}`).join(', ') };
}

async function example() {
  const report = await validateRepository(PROJECT);
  const engine = report.engines.find((e) => e.endpoint === 'local') ?? report.engines[0]!;
  const policies: AccessPolicy[] = resolveDesired(report.repository, engine).policies.map((p) => ({
    id: p.spec.name,
    statement: p.statement,
    active: p.spec.enforcementMode === 'ACTIVE',
  }));
  const changed = policies.map((p) => (p.id === 'RefundUnder500' ? { ...p, statement: p.statement.replace('< 500', '< 600') } : p));
  return { gateways: engine.gateways, policies, changed, engine: engine.name };
}

const TOOLS = 20;
const PER_TOOL = 50;

/** 20 tools on two JWT gateways; per tool 50 policies of the seed's patterns with their own constants. */
function generated() {
  const arn = (g: number) => `arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/bench-${g}`;
  const tool = (t: number) => ({ gateway: t % 2, target: `Target${Math.floor(t / 2) % 5}`, name: `tool_${t}` });
  const inputSchema = {
    type: 'object' as const,
    properties: { account: { type: 'string' as const }, amount: { type: 'integer' as const }, region: { type: 'string' as const }, reason: { type: 'string' as const } },
    required: ['account', 'amount'],
  };
  const gateways: AccessGateway[] = [0, 1].map((g) => ({
    arn: arn(g),
    authorizerType: 'CUSTOM_JWT',
    targets: [...new Set(Array.from({ length: TOOLS }, (_, t) => tool(t)).filter((x) => x.gateway === g).map((x) => x.target))].map((target) => ({
      name: target,
      tools: Array.from({ length: TOOLS }, (_, t) => tool(t)).filter((x) => x.gateway === g && x.target === target).map((x) => ({ name: x.name, inputSchema })),
    })),
  }));
  const statement = (t: number, k: number, bump: number) => {
    const { gateway, target, name } = tool(t);
    const head = (effect: string) => `${effect} (\n  principal is AgentCore::OAuthUser,\n  action == AgentCore::Action::"${target}___${name}",\n  resource == AgentCore::Gateway::"${arn(gateway)}"\n)`;
    const limit = 100 * (k + 1) + bump;
    const tag = (name: string) => `principal.hasTag("${name}") && principal.getTag("${name}")`;
    switch (k % 8) {
      case 0: return `${head('permit')}\nwhen { ${tag('username')} == "agent-${k}" && context.input.amount < ${limit} };`;
      case 1: return `${head('permit')}\nwhen { ${tag('tier')} == "tier-${k}" && context.input.amount < ${limit} };`;
      case 2: return `${head('permit')}\nwhen { principal.hasTag("role") && ["manager-${k}", "director-${k}"].contains(principal.getTag("role")) && context.input.amount > ${limit} };`;
      case 3: return `${head('permit')}\nwhen { ${tag('scope')} like "*${name}:write-${k + bump}*" && context.input.amount < ${limit} };`;
      case 4: return `${head('permit')}\nwhen { context.input has region && ["R${k}", "S${k}", "T${k + bump}"].contains(context.input.region) };`;
      case 5: return `${head('forbid')}\nwhen { ${tag('username')} == "blocked-${k + bump}" };`;
      case 6: return `${head('forbid')}\nwhen { context.input.amount > ${100_000 + limit} && !(context.input has reason) };`;
      default: return `${head('permit')}\nwhen { context.input has reason && context.input.reason == "case-${k + bump}" && ${tag('username')} like "ops-*" };`;
    }
  };
  const before: AccessPolicy[] = [];
  const after: AccessPolicy[] = [];
  for (let t = 0; t < TOOLS; t++) {
    for (let k = 0; k < PER_TOOL; k++) {
      const id = `P_${t}_${k}`;
      before.push({ id, statement: statement(t, k, 0), active: true });
      // 100 changed: 5 per tool (every tenth policy from a per-tool offset), each pattern in turn, constants moved.
      after.push({ id, statement: statement(t, k, k % 10 === t % 10 ? 50 : 0), active: true });
    }
  }
  return { gateways, before, after };
}

const row = (label: string, value: string, floor: string, verdicts: string) =>
  console.log(`| ${label.padEnd(58)} | ${value.padStart(20)} | ${floor.padStart(12)} | ${verdicts.padEnd(40)} |`);

export { generated };

export async function run(): Promise<Figure[]> {
  const repo = await example();
  const big = generated();
  const changes = big.after.filter((p, i) => p.statement !== big.before[i]!.statement).length;
  console.log(`Median of ${RUNS} runs (first run in brackets); targets: example <= 300 ms, 1,000 policies <= 5 s.`);
  row('figure', 'analysis', 'parse floor', 'verdicts');
  console.log(`|${'-'.repeat(60)}|${'-'.repeat(22)}|${'-'.repeat(14)}|${'-'.repeat(42)}|`);
  const created = time(repo.gateways, [], repo.policies);
  row(`example (${repo.engine}), ${repo.policies.length} policies created on empty`, `${created.ms.toFixed(1)} ms (${created.first.toFixed(0)})`, `${created.floor.toFixed(1)} ms`, created.verdicts);
  const one = time(repo.gateways, repo.policies, repo.changed);
  row('example, RefundUnder500 limit 500 -> 600', `${one.ms.toFixed(1)} ms (${one.first.toFixed(0)})`, `${one.floor.toFixed(1)} ms`, one.verdicts);
  const large = time(big.gateways, big.before, big.after);
  row(`${big.before.length} policies over ${TOOLS} tools, ${changes} changed`, `${large.ms.toFixed(0)} ms (${large.first.toFixed(0)})`, `${large.floor.toFixed(0)} ms`, large.verdicts);
  const parse = (ms: number) => ({ ms, is: "cedar-wasm's parse of the statements" });
  return [
    { figure: 'access analysis, this repository, 9 policies created on an empty engine', ms: created.ms, floor: parse(created.floor) },
    { figure: `access analysis, ${big.before.length.toLocaleString('en')} policies over ${TOOLS} tools, ${changes} changed`, ms: large.ms, floor: parse(large.floor) },
  ];
}
