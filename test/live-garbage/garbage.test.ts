// Live-side garbage: after the example repository is applied, the emulator's state file is edited by hand so the
// service returns policies no apply would have written: unknown fields in a definition, a definition in a language
// the SDK does not know, a managed policy whose description (and so its marker) is gone, a managed policy whose
// statement no longer parses, a console policy with no description at all, and a console policy with a marker that
// looks like ours but is not. `plan` through the CLI must stay correct and say what it ignored; apply must fix what
// is ours and leave the rest alone; with prune: true the unmanaged ones go.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { Policy, State } from '../../src/emulator/store.js';
import { loadRepository } from '../../src/repository/load.js';
import { LOCAL } from '../apply/service.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges, makeRepo, PROJECT_ROOT, removeRepos, replace } from '../helpers/repo.js';

const LOOK_ALIKE = 'Refunds for VIP customers\n\n[agentcore-policy managed version=1.0.0 group=business_rules validation=FAIL_ON_ANY_FINDINGS sha256=NOT-A-HASH]';
const BROKEN = 'permit (principal is AgentCore::OAuthUser, action, resource) when { context.input.amount < };';

let folder: string;
let stateFile: string;
let emulator: Emulator;
let port: number;
let root: string;

const start = () => startEmulator({ stateFile, port, transitionDelayMs: 2 });

/** Rewrites the engine's policy records in the state file while the emulator is down. */
async function editPolicies(edit: (policies: Record<string, Policy>, engineId: string) => void): Promise<void> {
  await emulator.close();
  const state = JSON.parse(await readFile(stateFile, 'utf8')) as State;
  const partition = state.regions['us-west-2']!;
  const engine = Object.values(partition.engines).find((e) => e.name === LOCAL)!;
  edit(partition.policies[engine.id]!, engine.id);
  await writeFile(stateFile, JSON.stringify(state));
  emulator = await start();
}

/** A console-made policy: a copy of `like` under another name, id and description. */
function consolePolicy(like: Policy, name: string, description: string | undefined): Policy {
  const { description: _, ...attrs } = like.attrs;
  return { ...like, seq: like.seq + 1000, id: `${name}-c0nso1e000`, arn: like.arn.replace(like.id, `${name}-c0nso1e000`), name, attrs: { ...attrs, ...(description !== undefined && { description }) } };
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'agentcore-policy-garbage-'));
  stateFile = join(folder, 'state.json');
  emulator = await startEmulator({ stateFile, transitionDelayMs: 2 });
  port = Number(new URL(emulator.url).port);
  const { repository } = await loadRepository(PROJECT_ROOT);
  emulator.seedGateways(repository.engines.flatMap((e) => e.gateways));
  root = await makeRepo({ 'engines/local.yaml': replace('endpoint: local\n', `endpoint: ${emulator.url}\n`) });
  expect((await runCli(['apply', '--auto-approve', '--dir', root, '--engine', LOCAL])).code).toBe(0);

  await editPolicies((policies) => {
    const byName = (name: string) => Object.values(policies).find((p) => p.name === name)!;
    const refunds = byName('RefundUnder500');
    const cedar = refunds.attrs.definition.cedar as { statement: string };
    // Fields a later API version might add, inside the Cedar member and beside it.
    refunds.attrs.definition = { cedar: { ...cedar, schemaVersion: '2027-01-01', annotations: { owner: 'payments' } }, provenance: { source: 'console' } };
    // A definition in a language this SDK does not know.
    byName('ManagerHighValueApproval').attrs.definition = { dogwood: { rules: ['approve when amount > 100000'] } };
    delete byName('ShippingRegionalRestriction').attrs.description;
    (byName('PremiumTierTransfer').attrs.definition.cedar as { statement: string }).statement = BROKEN;
    for (const extra of [consolePolicy(refunds, 'ConsoleNoDescription', undefined), consolePolicy(refunds, 'VipRefunds', LOOK_ALIKE)]) policies[extra.id] = extra;
  });
});
afterAll(async () => {
  await emulator.close();
  await removeRepos();
  await rm(folder, { recursive: true, force: true });
});

interface JsonChange {
  kind: string;
  action: string;
  name: string;
  fields: string[];
  notes: string[];
}
interface JsonPlan {
  engines: { changes: JsonChange[]; errors: unknown[]; warnings: { code: string; message: string }[] }[];
}

async function planJson(): Promise<JsonPlan['engines'][number]> {
  const result = await runCli(['plan', '--dir', root, '--engine', LOCAL, '--format', 'json']);
  expect(result.stderr).not.toContain('internal error');
  return (JSON.parse(result.stdout) as JsonPlan).engines[0]!;
}

const policyChange = (engine: JsonPlan['engines'][number], name: string) => engine.changes.find((c) => c.kind === 'policy' && c.name === name);

describe('plan over live-side garbage', () => {
  it('fixes what is ours, leaves the rest alone, and says what it ignored', async () => {
    const engine = await planJson();
    expect(engine.errors).toEqual([]);
    // Unknown fields are dropped before anything reads them: nothing to do.
    expect(policyChange(engine, 'RefundUnder500')).toMatchObject({ action: 'no-op' });
    // A statement that no longer parses, or that the SDK cannot read at all, is ours and is written again.
    expect(policyChange(engine, 'PremiumTierTransfer')).toMatchObject({ action: 'update', fields: expect.arrayContaining(['statement']), notes: expect.arrayContaining(['the live statement does not parse: the repository statement replaces it']) });
    expect(policyChange(engine, 'ManagerHighValueApproval')).toMatchObject({ action: 'update', fields: expect.arrayContaining(['statement']) });
    // A declared policy that lost its description holds the declared statement: adopted, statement untouched.
    expect(policyChange(engine, 'ShippingRegionalRestriction')).toMatchObject({ action: 'update', fields: ['description'] });
    // Console policies, look-alike marker or none, are listed and left alone.
    for (const name of ['ConsoleNoDescription', 'VipRefunds']) {
      expect(policyChange(engine, name)).toMatchObject({ action: 'no-op', notes: ['not managed by agentcore-policy: left untouched (prune: false)'] });
    }
    expect(engine.changes.filter((c) => c.action !== 'no-op').map((c) => c.name).sort()).toEqual(['ManagerHighValueApproval', 'PremiumTierTransfer', 'ShippingRegionalRestriction']);
    // And it says what it ignored: the look-alike marker, the statements it could not read (changed outside git).
    const warned = (code: string) => engine.warnings.filter((w) => w.code === code).map((w) => w.message.split(' ')[0]!.split('/')[1]).sort();
    expect(warned('plan/marker-ignored')).toEqual(['VipRefunds']);
    expect(warned('plan/live-unparsable')).toEqual(['ManagerHighValueApproval', 'PremiumTierTransfer']);
    expect(warned('plan/policy-drift')).toEqual(['ManagerHighValueApproval', 'PremiumTierTransfer']);
    // Nor can the access analysis read them, so the apply's intermediate states are not all checked.
    expect(warned('plan/intermediate-unchecked')).toHaveLength(1);
    expect(engine.warnings).toHaveLength(6);
  });

  it('says so in the text a person reads', async () => {
    const { code, stdout, stderr } = await runCli(['plan', '--dir', root, '--engine', LOCAL]);
    expect(code).toBe(0);
    const text = stdout + stderr;
    expect(text).toMatch(/VipRefunds \(VipRefunds-c0nso1e000\) is treated as unmanaged: its marker line does not parse/);
    expect(text).toMatch(/PremiumTierTransfer \(PremiumTierTransfer-\w+\): the live statement is missing or does not parse/);
    expect(text).toMatch(/ManagerHighValueApproval \(ManagerHighValueApproval-\w+\): the live statement is missing or does not parse/);
    expect(text).toContain('Plan: 0 to create, 3 to update, 0 to delete.');
  });

  it('applies the fixes, touches nothing unmanaged, and plans nothing more; with prune: true the console policies go', async () => {
    expect((await runCli(['apply', '--auto-approve', '--dir', root, '--engine', LOCAL])).code).toBe(0);
    const after = await planJson();
    expect(after.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
    expect(after.warnings.map((w) => w.code)).toEqual(['plan/marker-ignored']);
    expect(after.changes.filter((c) => c.kind === 'policy').map((c) => c.name)).toEqual(expect.arrayContaining(['ConsoleNoDescription', 'VipRefunds']));

    await applyChanges(root, { 'engines/local.yaml': replace('prune: false', 'prune: true') });
    const pruning = await planJson();
    expect(pruning.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${c.name}`).sort()).toEqual(['delete ConsoleNoDescription', 'delete VipRefunds']);
    expect((await runCli(['apply', '--auto-approve', '--dir', root, '--engine', LOCAL])).code).toBe(0);
    expect((await planJson()).changes.filter((c) => c.kind === 'policy').map((c) => c.name)).not.toContain('VipRefunds');
  });
});
