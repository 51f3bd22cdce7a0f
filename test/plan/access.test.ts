// The plan says what a change does to access, tool by tool, proven with requests: against the applied example
// repository, a narrowed limit narrows, a raised one widens, a rewrite that means the same and a comment change
// are equivalent (and neither carries the widening flag), and the plan's JSON carries the verdicts. Every case
// plans a repository of its own against the same live engine, which no case changes.
import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../src/cedar/authorize.js';
import { buildCedarSchema } from '../../src/cedar/schema.js';
import type { Plan, PolicyChange } from '../../src/plan/types.js';
import { runCli } from '../helpers/cli.js';
import { replace } from '../helpers/repo.js';
import { appliedExample, LOCAL, repoOn } from '../apply/service.js';
import { loadRepository } from '../../src/repository/load.js';

const example = appliedExample();
const REFUND = 'policies/business_rules/refund_under_500.cedar';
const MANIFEST = 'policies/business_rules/policies.yaml';
const bump = replace('name: RefundUnder500\n    file: refund_under_500.cedar\n    version: 1.0.0', 'name: RefundUnder500\n    file: refund_under_500.cedar\n    version: 1.1.0');

async function plan(changes: Record<string, (text: string) => string>): Promise<{ code: number; json: Plan; text: string }> {
  const root = await repoOn(example.service, changes);
  const json = await runCli(['plan', '--dir', root, '--engine', LOCAL, '--format', 'json']);
  const text = await runCli(['plan', '--dir', root, '--engine', LOCAL]);
  return { code: json.code, json: JSON.parse(json.stdout) as Plan, text: text.stdout };
}

const refundChange = (p: Plan) => p.engines[0]!.changes.find((c): c is PolicyChange => c.kind === 'policy' && c.name === 'RefundUnder500')!;

describe('the access a plan changes', () => {
  it('says a raised limit widens the refund tool, with a witness Cedar confirms, and flags the policy', async () => {
    const { code, json, text } = await plan({ [REFUND]: replace('amount < 500', 'amount < 600'), [MANIFEST]: bump });
    expect(code).toBe(0);
    const [access] = json.engines[0]!.access!;
    expect(json.engines[0]!.access).toHaveLength(1);
    expect(access).toMatchObject({ action: 'RefundTarget___process_refund', verdict: 'widens', newlyDenied: [] });
    const witness = access!.newlyAllowed[0]!;
    expect(witness.principal.tags).toEqual({ username: 'refund-agent' });
    expect(witness.input.amount).toBeGreaterThanOrEqual(500);
    expect(witness.input.amount).toBeLessThan(600);
    expect(refundChange(json).widensAccess).toBe(true);
    expect(json.widensAccess).toBe(true);
    expect(text).toContain('[+] RefundTarget___process_refund on refund-gateway-a1b2c3d4e5: widens access');
    expect(text).toMatch(/newly allowed: caller username=refund-agent; input orderId=\S+, amount=5\d\d\n/);

    // The witness is what the two policy sets decide differently, checked here with Cedar itself.
    const { repository } = await loadRepository(await repoOn(example.service));
    const engine = repository.engines.find((e) => e.name === LOCAL)!;
    const schema = buildCedarSchema(engine.gateways);
    const decide = (statement: string) => {
      const authorize = createAuthorizer(`access-test-${statement.length}`, { p: statement }, schema);
      if (typeof authorize !== 'function') throw new Error('no authorizer');
      const answer = authorize({ principal: { ...witness.principal, tags: witness.principal.tags ?? {} }, action: access!.action, resource: access!.gateway, input: witness.input });
      return answer.ok ? answer.decision : 'error';
    };
    const before = refundChange(json).before!.statement!;
    expect([decide(before), decide(refundChange(json).after!.statement)]).toEqual(['deny', 'allow']);
  });

  it('says a lowered limit narrows it, and does not flag the policy as widening', async () => {
    const { json, text } = await plan({ [REFUND]: replace('amount < 500', 'amount < 400'), [MANIFEST]: bump });
    expect(json.engines[0]!.access!.map((a) => a.verdict)).toEqual(['narrows']);
    const witness = json.engines[0]!.access![0]!.newlyDenied[0]!;
    expect(witness.input.amount).toBeGreaterThanOrEqual(400);
    expect(witness.input.amount).toBeLessThan(500);
    expect(refundChange(json).widensAccess).toBe(false);
    expect(json.widensAccess).toBe(false);
    expect(text).toContain('narrows access');
    expect(text).not.toContain('[widens access]');
  });

  it('finds a rewrite that means the same equivalent: < 500 as <= 499, conjuncts reordered', async () => {
    const conditions = '  principal.hasTag("username") &&\n  principal.getTag("username") == "refund-agent" &&\n  context.input.amount < 500\n';
    const rewrite = (source: string) => {
      expect(source).toContain(conditions);
      return source.replace(conditions, '  context.input.amount <= 499 &&\n  principal.hasTag("username") &&\n  principal.getTag("username") == "refund-agent"\n');
    };
    const { json, text } = await plan({ [REFUND]: rewrite, [MANIFEST]: bump });
    expect(refundChange(json)).toMatchObject({ action: 'update', fields: ['statement', 'version'], widensAccess: false });
    expect(json.engines[0]!.access).toEqual([]);
    expect(text).toContain("Access: no tool's access changes");
  });

  it('takes a comment-only change as text only: no version bump, no access change', async () => {
    const { code, json } = await plan({ [REFUND]: (source) => `// Refunds stay under the finance team's limit.\n${source}` });
    expect(json.errors).toEqual([]);
    expect(code).toBe(0);
    const change = refundChange(json);
    expect(change).toMatchObject({ action: 'update', widensAccess: false });
    expect(change.fields).toContain('statement');
    expect(change.notes).toContain('text only: comments or layout changed, and it decides exactly as before (no version bump needed)');
    expect(json.engines[0]!.access).toEqual([]);
  });

  it('still asks for a version bump when the meaning changes', async () => {
    const { code, json } = await plan({ [REFUND]: replace('amount < 500', 'amount < 400') });
    expect(code).toBe(1);
    expect(json.errors.map((e) => e.code)).toEqual(['plan/version-not-bumped']);
  });
});
