// Schema drift through the emulator: a live gateway whose tools no longer match the engine file's snapshot. The
// issue's reproduction (process_refund's `amount` renamed `refundAmount` live) is a plan error before anything is
// applied, naming the gateway, target, tool, field and the policy it breaks, and saying `pull`; apply refuses it,
// a saved plan included. A difference no declared policy depends on is a warning.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { REFUND_LAMBDA, RENAMED_REFUND_TOOL, setLambdaTools } from '../helpers/live-targets.js';
import { REFUND_GATEWAY } from '../apply/fixtures.js';
import { freshExample, LOCAL, planJson } from '../apply/service.js';


describe('schema drift', () => {
  const example = freshExample();

  it('is a plan error when a renamed live input breaks a declared policy, and apply refuses it before changing anything', async () => {
    await setLambdaTools(example.service.sdk(), REFUND_GATEWAY, 'RefundTarget', REFUND_LAMBDA, [RENAMED_REFUND_TOOL]);
    const plan = await planJson(example.root);
    const drift = plan.errors.filter((e) => e.code === 'plan/gateway-schema-drift');
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ file: 'engines/local.yaml', engine: LOCAL });
    expect(drift[0]!.message).toBe(
      'schema drift on gateway refund-gateway, target RefundTarget, tool process_refund (2 fields: amount, refundAmount): input amount is no longer live; input refundAmount is new live (required). ' +
        'Against the live schema, this declared policy fails validation, so the service would refuse it during apply: RefundUnder500 (policies/business_rules/refund_under_500.cedar: ' +
        'attribute `input.amount` in context for AgentCore::Action::"RefundTarget___process_refund" not found). ' +
        'Run agentcore-policy pull --engine CustomerService_local to write the live tools into engines/local.yaml, then fix the policy',
    );
    const text = await runCli(['plan', '--dir', example.root, '--engine', LOCAL]);
    expect(text.code).toBe(1);
    const applied = await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(`${applied.stdout}${applied.stderr}`).toContain('plan/gateway-schema-drift');
    // Nothing was started: the engine was never created, so no gateway was left in LOG_ONLY.
    await expect(example.service.engine()).rejects.toThrow('does not exist live');
  });

  it('stops a saved plan whose gateway drifted after it was made', async () => {
    expect((await runCli(['plan', '--engine', LOCAL, '--out', 'plan.json'], { cwd: example.root })).code).toBe(0);
    await setLambdaTools(example.service.sdk(), REFUND_GATEWAY, 'RefundTarget', REFUND_LAMBDA, [RENAMED_REFUND_TOOL]);
    const applied = await runCli(['apply', 'plan.json'], { cwd: example.root });
    expect(applied.code).toBe(1);
    expect(`${applied.stdout}${applied.stderr}`).toContain('error plan/gateway-schema-drift: schema drift on gateway refund-gateway, target RefundTarget, tool process_refund');
    await expect(example.service.engine()).rejects.toThrow('does not exist live');
  });

  it('is a warning when no declared policy depends on what changed', async () => {
    const described = { ...RENAMED_REFUND_TOOL, description: 'Refund an order', inputSchema: { type: 'object' as const, properties: { orderId: { type: 'string' as const }, amount: { type: 'integer' as const }, reason: { type: 'string' as const }, channel: { type: 'string' as const } }, required: ['orderId', 'amount'] } };
    await setLambdaTools(example.service.sdk(), REFUND_GATEWAY, 'RefundTarget', REFUND_LAMBDA, [described]);
    const plan = await planJson(example.root);
    expect(plan.errors).toEqual([]);
    expect(plan.warnings.filter((w) => w.code === 'plan/gateway-schema-changed').map((w) => w.message)).toEqual([
      'gateway refund-gateway, target RefundTarget, tool process_refund differs from engines/local.yaml: its description differs; input channel is new live. No declared policy fails against it; run agentcore-policy pull --engine CustomerService_local to bring the snapshot up to date',
    ]);
  });
});
