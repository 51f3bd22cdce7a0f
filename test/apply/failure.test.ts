// A failed step stops the apply at its phase: the steps already in flight finish, nothing later starts, and the
// report says what was done, what failed (with the service's reasons) and what was not attempted. Running apply
// again once the cause is gone picks up from the live state.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGateway } from '../../src/agentcore/index.js';
import type { ProgressEvent } from '../../src/plan/apply-report.js';
import { renderApplyText } from '../../src/render/apply-report.js';
import type { EngineReport } from '../../src/plan/apply-report.js';
import { runApply } from '../../src/run/apply.js';
import { runPlan } from '../../src/run/plan.js';
import { removeRepos } from '../helpers/repo.js';
import { byName, LOCAL, PROD, repoOn, startService, type Service } from './service.js';

const REASON = 'Unrecognized action AgentCore::Action::"RefundTarget___process_refund" in the gateway schema';
let service: Service;
let root: string;

beforeEach(async () => {
  service = await startService();
  root = await repoOn(service);
});
afterEach(async () => {
  await service.close();
  await removeRepos();
});

const statuses = (report: EngineReport, phase: string) => report.steps.filter((s) => s.phase === phase).map((s) => `${s.name} ${s.status}`);

describe('apply failures', () => {
  it('stops at the phase of a CREATE_FAILED with its reasons, leaves gateways out of ENFORCE, and converges on a re-run', async () => {
    service.emulator.setFaults({ resources: { RefundUnder500: { fail: REASON } } });
    const { report } = await runApply({ root, client: service.client });
    expect(report.status).toBe('failed');
    const [local, prod] = report.engines as [EngineReport, EngineReport];
    expect(local.outcome).toBe('failed');
    expect(statuses(local, 'forbids-created-or-changed')).toEqual(['BlockSuspendedUser done', 'ClaimRequiresDescription done']);
    expect(statuses(local, 'permits-created')).toEqual([
      'AdjusterFileClaim done',
      'ManagerHighValueApproval done',
      'PaymentScopeTransfer done',
      'PremiumTierTransfer done',
      'RefundUnder500 failed',
      'ShippingRegionalRestriction done',
      'StandardTierTransfer done',
    ]);
    expect(statuses(local, 'gateway-modes').every((s) => s.endsWith('not-attempted'))).toBe(true);
    expect(local.steps.find((s) => s.name === 'RefundUnder500')).toMatchObject({ reasons: [REASON], error: { code: 'CREATE_FAILED' } });
    // The second engine is left alone once the first fails.
    expect(prod.outcome).toBe('not-attempted');
    expect(prod.steps.every((s) => s.status === 'not-attempted')).toBe(true);
    expect(report.counts).toEqual({ done: 14, failed: 1, notAttempted: 5 + prod.steps.length });
    expect(renderApplyText(report)).toContain(REASON);
    const engine = await service.engine(LOCAL);
    const refund = await readGateway(service.sdk(), 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5');
    expect(refund.policyEngine).toEqual({ arn: engine.arn, mode: 'LOG_ONLY' });
    await expect(service.engine(PROD)).rejects.toThrow('does not exist');

    service.emulator.setFaults({});
    const again = await runApply({ root, client: service.client });
    expect(again.plan?.engines[0]!.changes.find((c) => c.name === 'RefundUnder500')?.action).toBe('replace');
    expect(again.report.status).toBe('applied');
    const replan = await runPlan({ root, client: service.client });
    expect(replan.ok && replan.plan.hasChanges).toBe(false);
    const names = byName(await service.policies(LOCAL));
    expect(names).toEqual([...new Set(names)]);
    expect(names.every((n) => n.endsWith(' ACTIVE'))).toBe(true);
  });

  it('starts nothing more in a phase after the service refuses a call, and reports the error', async () => {
    // Refused from the moment the engine exists and apply holds it (its lock is a CreatePolicy too).
    const refuse = () => service.emulator.setFaults({ internalErrorRate: 1, operations: ['CreatePolicy'] });
    const onProgress = (e: ProgressEvent) => void (e.kind === 'step' && e.result.type === 'create-engine' && refuse());
    const { report } = await runApply({ root, engines: [LOCAL], client: service.client, parallelism: 1, onProgress });
    const local = report.engines[0]!;
    expect(statuses(local, 'forbids-created-or-changed')).toEqual(['BlockSuspendedUser failed', 'ClaimRequiresDescription not-attempted']);
    expect(local.steps.find((s) => s.status === 'failed')!.error).toMatchObject({ code: 'ServiceError', message: expect.stringContaining('CreatePolicy') as string });
    expect(report.counts).toMatchObject({ failed: 1, done: 6 });
    expect(await service.policies(LOCAL)).toEqual([]);
  });

  it('refuses to apply a repository that does not validate, or a plan with errors', async () => {
    const broken = await repoOn(service, { 'policies/business_rules/refund_under_500.cedar': 'permit (principal, action, resource) when { 1 < };' });
    const { report } = await runApply({ root: broken, client: service.client });
    expect(report.status).toBe('refused');
    expect(report.diagnostics.some((d) => d.code === 'cedar/syntax')).toBe(true);
  });
});
