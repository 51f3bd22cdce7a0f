// A first deploy that fails half-way leaves the gateways in LOG_ONLY (apply sets ENFORCE last): the next plan says
// so, and that apply finishes it, rather than reporting enforcement drift for every gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachGateway } from '../../src/agentcore/index.js';
import { runApply } from '../../src/run/apply.js';
import { runCli } from '../helpers/cli.js';
import { removeRepos } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';
import { LOCAL, repoOn, startService, type Service } from '../apply/service.js';

const REFUND_GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';
let service: Service;
let root: string;

beforeAll(async () => {
  service = await startService();
  root = await repoOn(service);
});
afterAll(async () => {
  await service.close();
  await removeRepos();
});

describe('plan after a failed first deploy', () => {
  it('names the unfinished deploy once instead of drift per gateway, and the apply that finishes it leaves real drift loud', PROCESS_TESTS, async () => {
    service.emulator.setFaults({ resources: { RefundUnder500: { fail: 'refused for the test' } } });
    expect((await runApply({ root, engines: [LOCAL], client: service.client })).report.status).toBe('failed');
    service.emulator.setFaults({});

    const plan = await runCli(['plan', '--dir', root, '--engine', LOCAL]);
    expect(plan.code).toBe(0);
    expect(plan.stdout + plan.stderr).not.toContain('Enforcement drift');
    const warnings = (plan.stdout + plan.stderr).split('\n').filter((line) => line.includes('plan/unfinished-first-deploy'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('a first deploy did not finish: the engine holds 8 of its 9 declared policies and');
    expect(warnings[0]).toContain('this apply finishes it');
    const json = JSON.parse((await runCli(['plan', '--dir', root, '--engine', LOCAL, '--format', 'json'])).stdout) as {
      engines: { changes: { kind: string; drift?: string; notes: string[] }[] }[];
    };
    const gateways = json.engines[0]!.changes.filter((c) => c.kind === 'gateway');
    expect(gateways).toHaveLength(5);
    for (const gateway of gateways) {
      expect(gateway.drift).toBeUndefined();
      expect(gateway.notes).toContain('left in LOG_ONLY by an unfinished first deploy: this apply finishes it');
    }

    expect((await runCli(['apply', '--dir', root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
    expect((await runCli(['plan', '--dir', root, '--engine', LOCAL, '--detailed-exitcode'])).code).toBe(0);

    // Deployed in full, a gateway flipped to LOG_ONLY outside git is drift again.
    await attachGateway(service.sdk(), REFUND_GATEWAY, (await service.engine()).arn, 'LOG_ONLY');
    const drifted = await runCli(['plan', '--dir', root, '--engine', LOCAL]);
    expect(drifted.stdout + drifted.stderr).toContain(`warning plan/enforcement-drift: Enforcement drift: gateway refund-gateway (${REFUND_GATEWAY}) is in LOG_ONLY`);
    expect(drifted.stdout + drifted.stderr).not.toContain('unfinished-first-deploy');
  });
});
