// Property, against the emulator over HTTP: from a random live state (an earlier repository applied, perhaps with a
// create that failed, then console edits, enforcement flips, deletions, unmanaged policies and stripped markers),
// applying a random repository leaves nothing to plan, every policy ACTIVE and every name once. Scenarios come from
// a seeded generator, so a failure names its seed and replays exactly.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlClient, createPolicy, deletePolicy, findEngineByName, listLivePolicies, updatePolicy } from '../../src/agentcore/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import type { GatewaySpec, Group } from '../../src/model.js';
import { loadRepository } from '../../src/repository/load.js';
import { runApply } from '../../src/run/apply.js';
import { runPlan } from '../../src/run/plan.js';
import { PROJECT_ROOT } from '../helpers/repo.js';
import { LOCAL } from './service.js';

const SEEDS = 40;
const NAMES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
const refund = (cond: string) =>
  `permit (principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"{{refund_gateway}}") when { ${cond} };`;
const transfer = (effect: string, cond: string) =>
  `${effect} (principal is AgentCore::OAuthUser, action == AgentCore::Action::"PaymentTarget___transfer_funds", resource == AgentCore::Gateway::"{{payment_gateway}}") when { ${cond} };`;
const STATEMENTS = [
  refund('context.input.amount < 100'),
  refund('context.input.amount < 900'),
  refund('principal.hasTag("username") && principal.getTag("username") == "refund-agent"'),
  transfer('permit', 'principal.hasTag("tier") && principal.getTag("tier") == "premium"'),
  transfer('forbid', 'context.input.amount > 5000'),
  transfer('forbid', 'principal.hasTag("username") && principal.getTag("username") == "mallory"'),
  `forbid (principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"{{refund_gateway}}") when { context.input.amount > 2000 };`,
];
/** Keeps the `no-permit` lint quiet whatever else is drawn. */
const BASE = { name: 'Base', group: 'business_rules' as Group, statement: 0, version: '1.0.0', description: 'base', enabled: true, logOnly: false, ignoreFindings: false };

function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return { chance: (p: number) => next() < p, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!, index: (n: number) => Math.floor(next() * n) };
}
type Gen = ReturnType<typeof generator>;

interface Declared {
  name: string;
  group: Group;
  statement: number;
  version: string;
  description: string;
  enabled: boolean;
  logOnly: boolean;
  ignoreFindings: boolean;
}

function previousState(g: Gen): Declared[] {
  return [
    BASE,
    ...NAMES.filter(() => g.chance(0.6)).map((name) => ({
      name,
      group: g.pick(['business_rules', 'emergency'] as const),
      statement: g.index(STATEMENTS.length),
      version: '1.0.0',
      description: `${name} first`,
      enabled: g.chance(0.85),
      logOnly: g.chance(0.2),
      ignoreFindings: g.chance(0.3),
    })),
  ];
}

function currentState(g: Gen, previous: Declared[]): Declared[] {
  const current: Declared[] = [BASE];
  const taken = new Set(previous.map((p) => p.name));
  for (const old of previous.slice(1)) {
    if (g.chance(0.15)) continue; // no longer declared
    const renamed = g.chance(0.1) ? NAMES.find((n) => !taken.has(n)) : undefined;
    if (renamed) taken.add(renamed);
    const statement = g.chance(0.35) ? g.index(STATEMENTS.length) : old.statement;
    current.push({
      ...old,
      name: renamed ?? old.name,
      statement,
      version: statement === old.statement ? old.version : '1.1.0',
      description: g.chance(0.2) ? `${old.name} reworded` : old.description,
      logOnly: g.chance(0.2) ? !old.logOnly : old.logOnly,
      enabled: g.chance(0.1) ? !old.enabled : old.enabled,
      group: g.chance(0.1) ? g.pick(['business_rules', 'emergency'] as const) : old.group,
    });
  }
  for (const name of NAMES.filter((n) => !taken.has(n))) {
    if (g.chance(0.3)) current.push({ name, group: 'business_rules', statement: g.index(STATEMENTS.length), version: '1.0.0', description: `${name} new`, enabled: true, logOnly: false, ignoreFindings: g.chance(0.5) });
  }
  return current;
}

let gateways: GatewaySpec[];
let variables: Record<string, string>;
const roots: string[] = [];

beforeAll(async () => {
  const { repository } = await loadRepository(PROJECT_ROOT);
  const local = repository.engines.find((e) => e.name === LOCAL)!;
  variables = { refund_gateway: local.variables.refund_gateway!, payment_gateway: local.variables.payment_gateway! };
  gateways = local.gateways.filter((gw) => Object.values(variables).includes(gw.arn));
});
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function writeRepository(root: string, endpoint: string, prune: boolean, policies: Declared[]): Promise<void> {
  await rm(join(root, 'policies'), { recursive: true, force: true });
  await mkdir(join(root, 'engines'), { recursive: true });
  const engine = { name: 'Prop', region: 'us-west-2', endpoint, groups: ['business_rules', 'emergency'], prune, variables, gateways };
  await writeFile(join(root, 'engines', 'prop.yaml'), stringify(engine));
  for (const group of ['business_rules', 'emergency'] as const) {
    const mine = policies.filter((p) => p.group === group);
    if (mine.length === 0) continue;
    await mkdir(join(root, 'policies', group), { recursive: true });
    for (const p of mine) await writeFile(join(root, 'policies', group, `${p.name.toLowerCase()}.cedar`), `${STATEMENTS[p.statement]}\n`);
    const entries = mine.map((p) => ({
      name: p.name,
      file: `${p.name.toLowerCase()}.cedar`,
      version: p.version,
      description: p.description,
      enabled: p.enabled,
      ...(p.logOnly && { enforcementMode: 'LOG_ONLY' }),
      ...(p.ignoreFindings && { validationMode: 'IGNORE_ALL_FINDINGS' }),
    }));
    await writeFile(join(root, 'policies', group, 'policies.yaml'), stringify({ policies: entries }));
  }
}

/** Changes made behind the repository's back. */
async function meddle(g: Gen, endpoint: string): Promise<void> {
  const client = createControlClient({ region: 'us-west-2', endpoint }, { env: {}, maxAttempts: 1 });
  try {
    const engine = await findEngineByName(client, 'Prop');
    if (!engine) return;
    const policyEngineId = engine.policyEngineId;
    const policies = (await listLivePolicies(client, policyEngineId)).filter((p) => p.status === 'ACTIVE' && p.name !== 'Base');
    const some = () => (policies.length > 0 ? policies.splice(g.index(policies.length), 1)[0] : undefined);
    const ref = (policyId: string) => ({ policyEngineId, policyId });
    const edited = g.chance(0.3) ? some() : undefined;
    if (edited) await updatePolicy(client, ref(edited.policyId), { statement: g.pick(STATEMENTS).replace(/\{\{(\w+)\}\}/g, (_, v: string) => variables[v]!), validationMode: 'IGNORE_ALL_FINDINGS' });
    const flipped = g.chance(0.2) ? some() : undefined;
    if (flipped) await updatePolicy(client, ref(flipped.policyId), { enforcementMode: flipped.enforcementMode === 'LOG_ONLY' ? 'ACTIVE' : 'LOG_ONLY' });
    const stripped = g.chance(0.15) ? some() : undefined;
    if (stripped) await updatePolicy(client, ref(stripped.policyId), { description: 'taken over by hand' });
    const removed = g.chance(0.2) ? some() : undefined;
    if (removed) await deletePolicy(client, ref(removed.policyId));
    if (g.chance(0.3)) {
      const name = g.chance(0.3) ? g.pick(NAMES) : `Manual${g.index(3)}`;
      const statement = g.pick(STATEMENTS).replace(/\{\{(\w+)\}\}/g, (_, v: string) => variables[v]!);
      await createPolicy(client, { policyEngineId, name, statement, description: 'made in the console', validationMode: 'IGNORE_ALL_FINDINGS' }).catch(() => undefined);
    }
  } finally {
    client.destroy();
  }
}

describe('apply convergence against the emulator', () => {
  it(`leaves nothing to plan after applying a random repository to a random live state (${SEEDS} seeds)`, async () => {
    let converged = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const g = generator(seed);
      const emulator = await startEmulator({ transitionDelayMs: 2 });
      emulator.seedGateways(gateways);
      const root = await mkdtemp(join(tmpdir(), 'agentcore-policy-convergence-'));
      roots.push(root);
      const client = { endpoint: emulator.url, env: {}, maxAttempts: 1 };
      const sdk = createControlClient({ region: 'us-west-2', endpoint: emulator.url }, client);
      try {
        const previous = previousState(g);
        await writeRepository(root, emulator.url, g.chance(0.5), previous);
        const failing = g.chance(0.2) ? g.pick(previous).name : undefined;
        if (failing && failing !== 'Base') emulator.setFaults({ resources: { [failing]: { fail: 'injected: the service rejected it' } } });
        await runApply({ root, client });
        emulator.setFaults({});
        await meddle(g, emulator.url);
        await writeRepository(root, emulator.url, g.chance(0.5), currentState(g, previous));

        const { report } = await runApply({ root, client });
        if (report.status === 'refused') {
          // Only the plan's own refusals are acceptable: a name held by a policy we do not manage.
          const codes = [...new Set(report.diagnostics.map((d) => d.code))];
          expect({ seed, codes }).toEqual({ seed, codes: ['plan/name-taken-by-unmanaged', 'apply/plan-has-errors'] });
          continue;
        }
        expect({ seed, status: report.status, failed: report.engines.flatMap((e) => e.steps.filter((s) => s.status === 'failed')) }).toMatchObject({ seed, failed: [] });
        const replan = await runPlan({ root, client });
        if (!replan.ok) throw new Error(`seed ${seed}: ${replan.diagnostics.map((d) => d.message).join('; ')}`);
        const left = replan.plan.engines.flatMap((e) => e.changes).filter((c) => c.action !== 'no-op').map((c) => `${c.kind} ${c.action} ${c.name}`);
        expect({ seed, left, errors: replan.plan.errors }).toEqual({ seed, left: [], errors: [] });
        const live = await listLivePolicies(sdk, replan.plan.engines[0]!.live.engine!.policyEngineId);
        const names = live.map((p) => p.name);
        expect({ seed, duplicates: names.filter((n, i) => names.indexOf(n) !== i), notActive: live.filter((p) => p.status !== 'ACTIVE').map((p) => p.name) }).toEqual({ seed, duplicates: [], notActive: [] });
        converged++;
      } finally {
        sdk.destroy();
        await emulator.close();
      }
    }
    // Most scenarios must be applicable, or this test proves little.
    expect(converged).toBeGreaterThan(SEEDS * 0.7);
  }, 180_000);
});
