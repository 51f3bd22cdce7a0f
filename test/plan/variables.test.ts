// A statement that changes only because an engine variable did (a gateway ARN moved) is planned as such: a note
// naming the engine file and the variable, no version bump asked of the unchanged `.cedar` file; an edit of the file
// still needs one.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDescription } from '../../src/plan/ownership.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges, replace } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';
import { appliedExample, LOCAL } from '../apply/service.js';

const example = appliedExample();
const refund = async () => (await example.service.policies()).find((p) => p.name === 'RefundUnder500')!;
const REFUND_ARN = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';
const PAYMENT_ARN = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/payment-gateway-f6g7h8j9k0';

interface JsonPlan {
  errors: { code: string }[];
  engines: { changes: { kind: string; action: string; name: string; fields?: string[]; notes: string[] }[] }[];
}

describe('a change of an engine variable', () => {
  it('plans the statements that use it without asking for a version bump, saying which variable of which file', PROCESS_TESTS, async () => {
    const recorded = decodeDescription((await refund()).description).marker;
    expect(recorded?.sourceHash).toMatch(/^[0-9a-f]{16}$/);
    // The refund gateway keeps its ARN, written out, while the variable the policy reads moves to another gateway.
    const moved = replace(`  refund_gateway: ${REFUND_ARN}\n`, `  refund_gateway: ${PAYMENT_ARN}\n`);
    await applyChanges(example.root, { 'engines/local.yaml': (text) => moved(replace('  - arn: "{{refund_gateway}}"\n', `  - arn: ${REFUND_ARN}\n`)(text)) });
    const result = await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--format', 'json']);
    const plan = JSON.parse(result.stdout) as JsonPlan;
    expect(plan.errors).toEqual([]);
    const updates = plan.engines[0]!.changes.filter((c) => c.kind === 'policy' && c.action === 'update');
    expect(updates.map((c) => c.name)).toEqual(['RefundUnder500']);
    expect(updates[0]!.fields).toEqual(['statement']);
    expect(updates[0]!.notes).toEqual([
      'policies/business_rules/refund_under_500.cedar is unchanged since version 1.0.0 was applied; the statement changes with the value of {{refund_gateway}} in engines/local.yaml: no version bump needed',
    ]);
    const text = await runCli(['plan', '--dir', example.root, '--engine', LOCAL]);
    expect(text.stdout).toContain('{{refund_gateway}} in engines/local.yaml: no version bump needed');
    expect(`${text.stdout}${text.stderr}`).not.toContain('version-not-bumped');

    // Applied, the next plan has nothing to do; an edit of the file along with the variable needs a bump again.
    expect((await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
    expect((await refund()).statement).toContain(PAYMENT_ARN);
    expect((await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--detailed-exitcode'])).code).toBe(0);
    await applyChanges(example.root, {
      'engines/local.yaml': replace(`  refund_gateway: ${PAYMENT_ARN}\n`, `  refund_gateway: ${REFUND_ARN}\n`),
      'policies/business_rules/refund_under_500.cedar': replace('amount < 500', 'amount < 400'),
    });
    const edited = await runCli(['plan', '--dir', example.root, '--engine', LOCAL]);
    expect(edited.code).toBe(1);
    expect(`${edited.stdout}${edited.stderr}`).toContain('error plan/version-not-bumped: RefundUnder500: policies/business_rules/refund_under_500.cedar changed since version 1.0.0 was applied; bump its version');

    // From a subfolder, the same repository is planned, and the error points at the manifest from there.
    const inside = await runCli(['plan', '--engine', LOCAL], { cwd: join(example.root, 'policies/business_rules') });
    expect(inside.code).toBe(1);
    expect(`${inside.stdout}${inside.stderr}`).toMatch(/^policies\.yaml:\d+:\d+: error plan\/version-not-bumped: RefundUnder500:/m);
  });
});
