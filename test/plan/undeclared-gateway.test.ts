// A gateway attached live to an engine that its engine file does not declare: the plan reports it, and with
// `prune: true` detaches it (UpdateGateway without a policy engine), marked as widening access, as the apply's very
// last step, under a CAUTION banner in the pull-request comment.
import { beforeEach, describe, expect, it } from 'vitest';
import { attachGateway, readGateway } from '../../src/agentcore/index.js';
import { phasesOf } from '../../src/plan/phases.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges, replace } from '../helpers/repo.js';
import { freshExample, LOCAL, planJson } from '../apply/service.js';

const AUDIT_GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/audit-gateway-k2l3m4n5p6';

describe('a gateway attached to the engine but not declared', () => {
  const example = freshExample({ applied: true });
  beforeEach(async () => {
    example.service.emulator.seedGateways([{ arn: AUDIT_GATEWAY, mode: 'ENFORCE', authorizerType: 'CUSTOM_JWT', targets: [] }]);
    await attachGateway(example.service.sdk(), AUDIT_GATEWAY, (await example.service.engine()).arn, 'ENFORCE');
  });

  it('is reported, and left alone without prune', async () => {
    const plan = await planJson(example.root);
    expect(plan.hasChanges).toBe(false);
    expect(plan.warnings.filter((w) => w.code === 'plan/gateway-not-declared').map((w) => w.message)).toEqual([
      `gateway audit-gateway (${AUDIT_GATEWAY}) is attached to CustomerService_local in ENFORCE but engines/local.yaml does not declare it: its calls are authorized by policies validated against no snapshot of its tools; declare it in engines/local.yaml (agentcore-policy pull writes its tools), or set prune: true there to have the plan detach it`,
    ]);
  });

  it('is detached with prune: true, widening, last of all, under a CAUTION banner; then the plan has nothing to do', async () => {
    await applyChanges(example.root, { 'engines/local.yaml': replace('prune: false', 'prune: true') });
    const plan = await planJson(example.root);
    const detach = plan.engines[0]!.changes.find((c) => c.kind === 'gateway' && c.detach);
    expect(detach).toMatchObject({ kind: 'gateway', action: 'update', detach: true, name: 'audit-gateway', arn: AUDIT_GATEWAY, widensAccess: true, before: { mode: 'ENFORCE' } });
    expect(detach).not.toHaveProperty('after');
    expect(plan.widensAccess).toBe(true);
    expect(phasesOf(plan.engines[0]!).at(-1)).toMatchObject({ name: 'detach-gateways', steps: [{ type: 'detach-gateway', arn: AUDIT_GATEWAY }] });
    const markdown = (await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--format', 'markdown'])).stdout;
    expect(markdown).toContain('> [!CAUTION]\n> **Gateways detached, enforcing nothing afterwards**: <code>gateway audit-gateway</code>');
    const text = (await runCli(['plan', '--dir', example.root, '--engine', LOCAL])).stdout;
    expect(text).toContain('[~] gateway audit-gateway will be updated: detach from CustomerService_local: engines/local.yaml no longer declares it (prune: true)');

    const applied = await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve']);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('detach gateway audit-gateway from the engine');
    expect((await readGateway(example.service.sdk(), AUDIT_GATEWAY)).policyEngine).toBeUndefined();
    expect((await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--detailed-exitcode'])).code).toBe(0);
  });
});
