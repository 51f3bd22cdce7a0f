// Every kind of live policy: a `definition.policy` statement (AgentCore's policy language, here with a guardrail
// condition Cedar cannot parse) is read, shown, imported and applied as text, through the emulator: never reported
// as unparsable, never formatted as Cedar, sent back as `definition.policy`, and unreadable to the access analysis.
import { GetPolicyCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPolicy } from '../../src/agentcore/index.js';
import type { Plan } from '../../src/plan/types.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges } from '../helpers/repo.js';
import { REFUND_GATEWAY } from '../apply/fixtures.js';
import { freshExample, LOCAL, planJson } from '../apply/service.js';

const GUARDRAIL =
  `forbid (principal, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"${REFUND_GATEWAY}")\n` +
  'when guardrails { BedrockGuardrails::ContentFilter(["HATE"], [context.input.reason]).maxConfidenceScore().greaterThan(decimal("0.2")) };';

const policyChange = (plan: Plan, name: string) => plan.engines[0]!.changes.find((c) => c.kind === 'policy' && c.name === name);

describe('policy definitions other than Cedar', () => {
  const example = freshExample({ applied: true });

  it('reads a live guardrail policy as text, imports it with definition: policy, and adopts it without touching its statement', async () => {
    const { policyEngineId } = await example.service.engine();
    await createPolicy(example.service.sdk(), { policyEngineId, name: 'HateFilter', statement: GUARDRAIL, definition: 'policy', description: 'Guardrail made in the console' });
    const before = await planJson(example.root);
    expect(before.warnings.map((w) => w.code)).not.toContain('plan/live-unparsable');
    expect(policyChange(before, 'HateFilter')).toMatchObject({ action: 'no-op', effect: 'forbid', before: { definition: 'policy', statement: GUARDRAIL, managed: false } });

    const imported = await runCli(['import', '--engine', LOCAL, '--dir', example.root]);
    expect(imported.code).toBe(0);
    expect(await readFile(join(example.root, 'policies/authorization/hate_filter.cedar'), 'utf8')).toBe(`${GUARDRAIL.replace(REFUND_GATEWAY, '{{refund_gateway}}')}\n`);
    expect(await readFile(join(example.root, 'policies/authorization/policies.yaml'), 'utf8')).toContain(
      '  - name: HateFilter\n    file: hate_filter.cedar\n    version: 1.0.0\n    description: Guardrail made in the console\n    definition: policy\n    engines: [CustomerService_local]\n',
    );
    // Cedar would refuse the file; as `definition: policy` it validates, and fmt leaves it as written.
    expect((await runCli(['validate', '--dir', example.root, '--engine', LOCAL])).code).toBe(0);
    expect((await runCli(['fmt', '--dir', example.root, '--check'])).code).toBe(0);

    const adopted = await planJson(example.root);
    expect(adopted.errors).toEqual([]);
    expect(policyChange(adopted, 'HateFilter')).toMatchObject({ action: 'update', fields: ['description'] });
    expect((await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
    const live = (await example.service.policies()).find((p) => p.name === 'HateFilter')!;
    expect(live).toMatchObject({ definition: 'policy', statement: GUARDRAIL, status: 'ACTIVE' });
    expect((await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--detailed-exitcode'])).code).toBe(0);
  });

  it('applies a declared definition: policy as definition.policy, saying the service validates it, and the access analysis cannot read it', async () => {
    await applyChanges(example.root, {
      'policies/business_rules/hate_filter.cedar': `${GUARDRAIL.replace(REFUND_GATEWAY, '{{refund_gateway}}')}\n`,
      'policies/business_rules/policies.yaml': (text) => `${text}  - name: HateFilter\n    file: hate_filter.cedar\n    version: 1.0.0\n    description: No hateful refund reasons\n    definition: policy\n`,
    });
    const plan = await planJson(example.root);
    expect(plan.errors).toEqual([]);
    const create = policyChange(plan, 'HateFilter');
    expect(create).toMatchObject({ action: 'create', after: { definition: 'policy', statement: GUARDRAIL } });
    expect(create?.notes).toContain('definition: policy: checked here for length, name and one statement only; the service validates the rest when apply sends it');
    expect(plan.engines[0]!.access?.find((a) => a.action === 'RefundTarget___process_refund')).toMatchObject({ verdict: 'unknown' });

    expect((await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
    const live = (await example.service.policies()).find((p) => p.name === 'HateFilter')!;
    const sent = await example.service.sdk().send(new GetPolicyCommand({ policyEngineId: (await example.service.engine()).policyEngineId, policyId: live.policyId }));
    expect(sent.definition).toEqual({ policy: { statement: GUARDRAIL } });
    expect((await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--detailed-exitcode'])).code).toBe(0);
  });

  it('checks a definition: policy file as text only: one statement, known variables', async () => {
    await applyChanges(example.root, {
      'policies/business_rules/hate_filter.cedar': `${GUARDRAIL.replace(REFUND_GATEWAY, '{{refund_gatway}}')}\n${GUARDRAIL}\n`,
      'policies/business_rules/policies.yaml': (text) => `${text}  - name: HateFilter\n    file: hate_filter.cedar\n    version: 1.0.0\n    description: No hateful refund reasons\n    definition: policy\n`,
    });
    const result = await runCli(['validate', '--dir', example.root, '--engine', LOCAL, '--format', 'json']);
    // The seed's emergency policies add their DENY_ALL notes (severity info); the errors and warnings are the point.
    const codes = (JSON.parse(result.stdout) as { diagnostics: { code: string; severity: string }[] }).diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code);
    expect(codes).toEqual(['validate/multiple-policies']);
    await applyChanges(example.root, { 'policies/business_rules/hate_filter.cedar': `${GUARDRAIL.replace(REFUND_GATEWAY, '{{refund_gatway}}')}\n` });
    const unknown = await runCli(['validate', '--dir', example.root, '--engine', LOCAL, '--format', 'json']);
    expect((JSON.parse(unknown.stdout) as { diagnostics: { code: string; severity: string }[] }).diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual([
      'validate/unknown-variable',
    ]);
  });
});
