// A saved plan is applied only if it is exactly what planning the repository gives now (issue 17, item 1): a file
// edited after it was saved is refused (its digest); a file edited and given new digests, a plan of another
// repository or of another commit, and a plan of another engine of the same name are refused when apply plans again
// under the lock; a malformed file is a located error, never an internal one. Every refusal changes nothing live.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPolicy } from '../../src/agentcore/index.js';
import { sealEngine, sealPlan } from '../../src/plan/digest.js';
import type { Change, EnginePlan, Plan, PolicyChange } from '../../src/plan/types.js';
import { runApply } from '../../src/run/apply.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { applyChanges, removeRepos, replace, type Tree } from '../helpers/repo.js';
import { consolePermit, TIGHTEN_REFUNDS } from './fixtures.js';
import { LOCAL, repoOn, startService, type Service } from './service.js';

let service: Service;
/** The example repository, applied, with RefundUnder500 tightened to 400 since: a plan of one update. */
let root: string;
let liveBefore: string;

const livePolicies = async () => JSON.stringify((await service.policies()).map((p) => [p.policyId, p.name, p.statement, p.enforcementMode, p.description]).sort());

beforeAll(async () => {
  service = await startService();
  root = await repoOn(service);
  expect((await runCli(['apply', '--dir', root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
  root = await repoOn(service, TIGHTEN_REFUNDS);
  liveBefore = await livePolicies();
});
afterAll(async () => {
  await service.close();
  await removeRepos();
});

let saved = 0;
/** `plan --out` in `dir`; the file's path and the plan it holds. */
async function savePlan(dir = root): Promise<{ file: string; plan: Plan }> {
  const file = join(dir, `saved-${++saved}.json`);
  const result = await runCli(['plan', '--dir', dir, '--engine', LOCAL, '--out', file]);
  expect(result.code, result.stderr).toBe(0);
  return { file, plan: JSON.parse(await readFile(file, 'utf8')) as Plan };
}

async function write(plan: Plan, options: { reseal: boolean }): Promise<string> {
  const file = join(root, `edited-${++saved}.json`);
  const out = options.reseal ? sealPlan({ ...plan, engines: plan.engines.map((e) => sealEngine(e)) }) : plan;
  await writeFile(file, JSON.stringify(out, null, 2));
  return file;
}

const apply = (file: string, dir = root) => runCli(['apply', file, '--dir', dir, '--engine', LOCAL]);

/** Refused with `code`, nothing changed live, and no internal error. */
async function expectRefused(result: CliResult, code: string): Promise<string> {
  expect(result.stderr).not.toContain('internal error');
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`error ${code}: `);
  expect(result.stderr).toContain('Apply refused: nothing was changed.');
  expect(await livePolicies()).toBe(liveBefore);
  return result.stderr;
}

const engineOf = (plan: Plan): EnginePlan => plan.engines.find((e) => e.engine === LOCAL)!;
const policy = (plan: Plan, name: string) => engineOf(plan).changes.find((c): c is PolicyChange => c.kind === 'policy' && c.name === name)!;

/** The edits of the review, and their neighbours: each one leaves a well-formed plan file. */
const EDITS: Record<string, { edit: (plan: Plan) => void; resealed: string }> = {
  'a hand-edited statement (limit raised, tag check removed)': {
    edit: (plan) => {
      const after = policy(plan, 'RefundUnder500').after!;
      after.statement = after.statement.replace('context.input.amount < 400', 'context.input.amount < 1000000').replace(/principal\.hasTag\("username"\) &&\s*/, '');
    },
    resealed: 'policy RefundUnder500: what the plan file sends differs in statement',
  },
  'an unrelated forbid deleted by id': {
    edit: (plan) => {
      const forbid = policy(plan, 'BlockSuspendedUser') as unknown as Record<string, unknown>;
      forbid.action = 'delete';
      delete forbid.after;
    },
    resealed: 'policy BlockSuspendedUser: the plan file would delete it, the plan made now would leave it',
  },
  'a forbid switched to LOG_ONLY': {
    edit: (plan) => {
      const forbid = policy(plan, 'ClaimRequiresDescription') as unknown as Record<string, unknown> & { after: { enforcementMode: string } };
      forbid.action = 'update';
      forbid.fields = ['enforcementMode'];
      forbid.after.enforcementMode = 'LOG_ONLY';
    },
    resealed: 'policy ClaimRequiresDescription: the plan file would update it, the plan made now would leave it',
  },
  'validation switched off': {
    edit: (plan) => void (policy(plan, 'RefundUnder500').after!.validationMode = 'IGNORE_ALL_FINDINGS'),
    resealed: 'policy RefundUnder500: what the plan file sends differs in validationMode',
  },
  'the update aimed at another policy id': {
    edit: (plan) => void (policy(plan, 'RefundUnder500').before!.policyId = policy(plan, 'PaymentScopeTransfer').before!.policyId),
    resealed: 'policy RefundUnder500: the live side differs',
  },
  'a policy of its own added': {
    edit: (plan) => {
      const refunds = policy(plan, 'RefundUnder500');
      const after = { ...refunds.after!, name: 'Backdoor', statement: 'permit (principal, action, resource);' };
      engineOf(plan).changes.push({ ...refunds, action: 'create', name: 'Backdoor', fields: [], before: undefined, after, clientToken: 'f'.repeat(64) } as PolicyChange);
      plan.counts.create = 1;
    },
    resealed: 'policy Backdoor: only the plan file has it (create)',
  },
};

/** Caught by the digest alone: an engine left with no changes is not touched, so apply does not plan it again. */
const DROPPED = (plan: Plan) => {
  const engine = engineOf(plan);
  engine.changes = engine.changes.filter((c: Change) => c.name !== 'RefundUnder500');
  plan.counts.update = 0;
};

describe('apply PLAN_FILE: an edited plan file', () => {
  for (const [name, edit] of [...Object.entries(EDITS).map(([n, e]) => [n, e.edit] as const), ['the change dropped from the plan', DROPPED] as const]) {
    it(`is refused as edited: ${name}`, async () => {
      const { plan } = await savePlan();
      edit(plan);
      const stderr = await expectRefused(await apply(await write(plan, { reseal: false })), 'apply/plan-file-edited');
      expect(stderr).toMatch(/the plan file was changed after it was saved: (engines\[0\] \(CustomerService_local\)|the document.*) no longer match/);
    });
  }

  for (const [name, { edit, resealed }] of Object.entries(EDITS)) {
    it(`is refused when planning again, even with its digests made anew: ${name}`, async () => {
      const { plan } = await savePlan();
      edit(plan);
      const stderr = await expectRefused(await apply(await write(plan, { reseal: true })), 'apply/repository-changed');
      expect(stderr).toContain(resealed);
      expect(stderr).toContain('[engine CustomerService_local]');
    });
  }

  it('is refused when its top-level fields are edited (errors removed, counts changed)', async () => {
    const { plan } = await savePlan();
    plan.counts.delete = 3;
    await expectRefused(await apply(await write(plan, { reseal: false })), 'apply/plan-file-edited');
  });
});

describe('apply PLAN_FILE: a plan the repository does not give', () => {
  it("refuses repository A's plan applied in repository B, and the other way round", async () => {
    const a = await savePlan(root);
    // B: the example as applied, plus a permit of its own.
    const b = await repoOn(service, extraPermit('ExtraRefunds'));
    const fromB = await savePlan(b);
    const inB = await expectRefused(await apply(a.file, b), 'apply/repository-changed');
    expect(inB).toContain('the repository no longer gives this plan');
    expect(inB).toContain('policy RefundUnder500: the plan file would update it, the plan made now would leave it');
    expect(inB).toContain('policy ExtraRefunds: only the plan made now has it (create)');
    const inA = await expectRefused(await apply(fromB.file, root), 'apply/repository-changed');
    expect(inA).toContain('policy ExtraRefunds: only the plan file has it (create)');
    // A's plan claiming B's desired state, digests made anew: the steps still differ.
    engineOf(a.plan).desired = engineOf(fromB.plan).desired;
    const forged = await expectRefused(await apply(await write(a.plan, { reseal: true }), b), 'apply/repository-changed');
    expect(forged).toContain('planning the repository now gives other steps than the plan file');
  });

  it('refuses a plan of an earlier commit: a description, a version, a mode or a gateway changed since', async () => {
    const changes: [Tree, string][] = [
      [{ 'policies/business_rules/policies.yaml': replace('Allow refund-agent to process refunds under $500', 'Refunds under $400') }, 'policy RefundUnder500: what the plan file sends differs in description'],
      [
        { 'policies/business_rules/policies.yaml': replace('file: refund_under_500.cedar\n    version: 1.1.0', 'file: refund_under_500.cedar\n    version: 1.2.0') },
        'policy RefundUnder500: what the plan file sends differs in description, version',
      ],
      [{ 'policies/business_rules/policies.yaml': replace('file: adjuster_file_claim.cedar\n', 'file: adjuster_file_claim.cedar\n    enforcementMode: LOG_ONLY\n') }, 'policy AdjusterFileClaim: the plan file would leave it, the plan made now would update it'],
      [{ 'engines/local.yaml': replace('    mode: ENFORCE\n    authorizerType: CUSTOM_JWT\n    targets:\n      - name: RefundTarget', '    mode: LOG_ONLY\n    authorizerType: CUSTOM_JWT\n    targets:\n      - name: RefundTarget') }, 'gateway refund-gateway: the plan file would leave it, the plan made now would update it'],
    ];
    for (const [change, phrase] of changes) {
      const dir = await repoOn(service, TIGHTEN_REFUNDS);
      const { file } = await savePlan(dir);
      await applyChanges(dir, change);
      const stderr = await expectRefused(await apply(file, dir), 'apply/repository-changed');
      expect(stderr, phrase).toContain(phrase);
    }
  });

  it('refuses a plan of a repository that no longer validates, with the errors', async () => {
    const dir = await repoOn(service, TIGHTEN_REFUNDS);
    const { file } = await savePlan(dir);
    await applyChanges(dir, { 'policies/business_rules/refund_under_500.cedar': replace('context.input.amount < 400', 'context.input.amount <') });
    const result = await runCli(['apply', file, '--dir', dir, '--engine', LOCAL]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cedar/syntax');
    expect(result.stderr).not.toContain('internal error');
    expect(await livePolicies()).toBe(liveBefore);
  });

  it('refuses a plan made for another engine of the same name (another account, or the engine made again)', async () => {
    const { file } = await savePlan();
    const elsewhere = await startService();
    try {
      const setUp = await runApply({ root: await repoOn(elsewhere), engines: [LOCAL], client: elsewhere.client });
      expect(setUp.report.status).toBe('applied');
      const other = await elsewhere.engine();
      const ours = await service.engine();
      const { report } = await runApply({ root, planFile: file, engines: [LOCAL], client: elsewhere.client });
      expect(report.status).toBe('refused');
      expect(report.diagnostics).toEqual([
        expect.objectContaining({ code: 'apply/plan-other-engine', engine: LOCAL, message: expect.stringContaining(`made for the engine with id ${ours.policyEngineId}, but the engine of this name here is ${other.policyEngineId}`) }),
      ]);
      expect(JSON.stringify((await elsewhere.policies()).map((p) => p.statement))).toContain('context.input.amount < 500');
    } finally {
      await elsewhere.close();
    }
  });
});

describe('apply PLAN_FILE: a file that is not a plan', () => {
  it('is a located error, never an internal one: empty, garbage, binary, truncated, or the wrong shape', async () => {
    const { file } = await savePlan();
    const text = await readFile(file, 'utf8');
    const whole = JSON.parse(text) as Record<string, unknown>;
    const inputs: [string, string | Uint8Array, string][] = [
      ['empty', '', 'not JSON: the file is empty'],
      ['garbage', 'plan: yes please\n', 'not JSON'],
      ['binary', new Uint8Array([0, 159, 146, 150, 0xff, 0xfe, 1, 2]), 'not JSON'],
      ['a YAML plan', 'formatVersion: 1\nengines: []\n', 'not JSON'],
      ['an array', '[]', 'not a plan: expected a JSON object'],
      ['an empty object', '{}', 'plan format version undefined is not supported'],
      ['a version only', '{"formatVersion": 1}', 'the plan has no digest'],
      ['an engine without fields', JSON.stringify({ ...whole, engines: [{}] }), 'engines[0] is missing the field "engine"'],
      ['changes that are not a list', JSON.stringify({ ...whole, engines: [{ ...engineOf(whole as unknown as Plan), changes: null }] }), 'engines[0] (CustomerService_local).changes must be array'],
      ['a change without its side', text.replace(/"after": \{[^}]*"name": "RefundUnder500"/, '"afterwards": {"name": "RefundUnder500"'), 'is missing the field "after"'],
    ];
    for (const at of [1, 100, Math.floor(text.length / 3), Math.floor(text.length / 2), text.trimEnd().length - 1]) {
      inputs.push([`cut at ${at}`, text.slice(0, at), 'not JSON']);
    }
    for (const [name, content, why] of inputs) {
      const path = join(root, `bad-${++saved}.json`);
      await writeFile(path, content);
      const result = await apply(path);
      expect(result.stderr, name).not.toContain('internal error');
      expect(result.stderr.startsWith(path), name).toBe(true);
      expect(result.stderr, name).toContain(' error plan/file-invalid: ');
      expect(result.stderr, name).toContain(why);
      expect(result.code, name).toBe(1);
    }
    expect(await livePolicies()).toBe(liveBefore);
  });

  it('reads no folder and no device as a plan', async () => {
    const folder = join(root, 'a-folder.json');
    await mkdir(folder, { recursive: true });
    const paths = [folder, ...['/dev/zero', '/dev/urandom'].filter((p) => existsSync(p))];
    for (const path of paths) {
      const result = await apply(path);
      expect(result.stderr, path).toContain(`error apply/plan-file-unreadable: cannot read the plan file ${path}: it is not a regular file`);
      expect(result.code, path).toBe(1);
    }
  });
});

describe('apply PLAN_FILE: an untouched plan', () => {
  it('is refused while stale, saying what moved, and applies once planned again, however its JSON is laid out', async () => {
    // A service of its own: this case changes the live engine, which the other cases compare with.
    const own = await startService();
    try {
      await untouched(own);
    } finally {
      await own.close();
    }
  });
});

async function untouched(own: Service): Promise<void> {
  expect((await runCli(['apply', '--dir', await repoOn(own), '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
  const dir = await repoOn(own, TIGHTEN_REFUNDS);
  const { file, plan } = await savePlan(dir);
  const engine = await own.engine();
  const manual = await createPolicy(own.sdk(), { policyEngineId: engine.policyEngineId, name: 'ConsoleRefunds', statement: consolePermit('console-user') });
  const stale = await runCli(['apply', file, '--dir', dir, '--engine', LOCAL]);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain(`error apply/stale-plan: engine CustomerService_local: the plan is stale, the live engine changed since it was made: policy ConsoleRefunds (${manual.policyId}) was created`);
  expect(JSON.stringify(plan)).toContain('amount < 400');

  // Planned again: the same document minified, or with its keys in another order, is the same plan.
  const fresh = await savePlan(dir);
  const minified = join(dir, 'minified.json');
  await writeFile(minified, JSON.stringify(reversedKeys(fresh.plan)));
  const result = await runCli(['apply', minified, '--dir', dir, '--engine', LOCAL, '--format', 'json']);
  expect(result.code, result.stderr + result.stdout).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ status: 'applied', counts: { done: 1, failed: 0, notAttempted: 0 } });
  expect((await own.policies()).find((p) => p.name === 'RefundUnder500')!.statement).toContain('< 400');
}

function extraPermit(name: string): Tree {
  return {
    'policies/business_rules/extra.cedar': consolePermit('extra-user'),
    'policies/business_rules/policies.yaml': (text) => `${text}  - name: ${name}\n    file: extra.cedar\n    version: 1.0.0\n    description: ${name}\n`,
  };
}

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  return value;
}
