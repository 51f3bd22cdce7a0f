import { describe, expect, it } from 'vitest';
import { AgentCoreError } from '../agentcore/index.js';
import type { Step } from '../plan/phases.js';
import { planEngine } from '../plan/plan-engine.js';
import { applied, desired, engine, forbid, gateway, live, liveGateway, options, permit, unmanaged } from '../../test/builders/plan.js';
import { executeEnginePlan, wavesOf } from './execute.js';
import type { ApplyOperations, EngineRef, IssuedStep, Settlement, Waitable } from './operations.js';
import type { ProgressEvent } from '../plan/apply-report.js';

/** An in-memory service behind the operations interface: it records what happened in order, settles waits after
 * a few ticks, and fails or refuses the steps it is told to. */
function memoryService(faults: { failing?: Record<string, string>; refusing?: Record<string, AgentCoreError>; crashing?: string } = {}) {
  const log: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const engines: EngineRef[] = [];
  const tick = () => new Promise((r) => setTimeout(r, 1));
  const ops: ApplyOperations = {
    async start(step: IssuedStep, engine) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      log.push(`start ${step.type} ${step.name}`);
      await tick();
      inFlight--;
      if (faults.crashing === step.name) throw new TypeError('crash');
      const refusal = faults.refusing?.[step.name];
      if (refusal) throw refusal;
      if (step.type === 'create-engine') {
        const created = { policyEngineId: `${step.name}-0000000000`, arn: `arn:engine/${step.name}` };
        engines.push(created);
        return { engine: created, target: created.policyEngineId };
      }
      if (step.type === 'update-engine') return {};
      if (step.type === 'set-gateway' || step.type === 'detach-gateway') return { target: step.arn, wait: { kind: 'gateway-ready', arn: step.arn } };
      if (!engine) throw new Error(`${step.name} started without an engine`);
      log.push(`  into ${engine.policyEngineId}`);
      const policyId = step.type === 'create-policy' ? `${step.name}-new0000000` : step.policyId;
      return { target: policyId, wait: { kind: step.type === 'delete-policy' ? 'policy-gone' : 'policy-active', policyId } };
    },
    async settle(_engine, waits: Waitable[], settled: (i: number, s: Settlement) => void) {
      for (const [i, wait] of waits.entries()) {
        await tick();
        const name = 'policyId' in wait ? wait.policyId.split('-')[0]! : wait.arn;
        log.push(`settled ${name}`);
        const reason = faults.failing?.[name];
        settled(i, reason ? { ok: false, status: 'CREATE_FAILED', reasons: [reason] } : { ok: true });
      }
    },
  };
  return { ops, log, engines, maxInFlight: () => maxInFlight };
}

const phaseOrder = (log: string[]) => log.filter((l) => l.startsWith('start')).map((l) => l.split(' ')[2]);

describe('executeEnginePlan', () => {
  it('runs the phases in order, settling every step of a phase before the next phase starts', async () => {
    const state = live({ policies: [applied(desired('OldPermit', permit('o'))), applied(desired('OldForbid', forbid('f')))] });
    const plan = planEngine(engine({ policies: [desired('NewPermit', permit('n')), desired('NewForbid', forbid('g'))] }), state, options);
    const service = memoryService();
    const report = await executeEnginePlan(plan, service.ops, { parallelism: 4 });
    expect(phaseOrder(service.log)).toEqual(['NewForbid', 'OldPermit', 'NewPermit', 'OldForbid']);
    // One step per phase here: each settles before the next one starts.
    const at = (prefix: string, name: string) => service.log.findIndex((l) => l.startsWith(prefix) && l.endsWith(` ${name}`));
    const names = ['NewForbid', 'OldPermit', 'NewPermit', 'OldForbid'];
    for (let i = 1; i < names.length; i++) expect(at('start', names[i]!)).toBeGreaterThan(at('settled', names[i - 1]!));
    expect(report.outcome).toBe('applied');
    expect(report.steps.map((s) => [s.phase, s.type, s.name, s.status])).toEqual([
      ['forbids-created-or-changed', 'create-policy', 'NewForbid', 'done'],
      ['permits-removed', 'delete-policy', 'OldPermit', 'done'],
      ['permits-created', 'create-policy', 'NewPermit', 'done'],
      ['forbids-removed', 'delete-policy', 'OldForbid', 'done'],
    ]);
  });

  it('keeps at most `parallelism` mutations in flight within a phase', async () => {
    const policies = Array.from({ length: 12 }, (_, i) => desired(`P${i}`, permit(`t${i}`)));
    const plan = planEngine(engine({ policies }), live(), options);
    const service = memoryService();
    const report = await executeEnginePlan(plan, service.ops, { parallelism: 3 });
    expect(service.maxInFlight()).toBe(3);
    expect(report.steps.every((s) => s.status === 'done')).toBe(true);
  });

  it('creates the engine first and sends every later step into it', async () => {
    const plan = planEngine(engine({ policies: [desired('A', permit('a'))], gateways: [gateway(1)] }), live({ withEngine: false, gateways: [liveGateway(1)] }), options);
    const service = memoryService();
    const report = await executeEnginePlan(plan, service.ops, { parallelism: 2 });
    expect(service.log).toContain('  into Main-0000000000');
    expect(report.steps.map((s) => s.phase)).toEqual(['engine', 'attach-gateways', 'permits-created', 'gateway-modes']);
  });

  it('stops at the phase of a CREATE_FAILED: the rest of that phase finishes, later phases are not attempted', async () => {
    const state = live({ policies: [applied(desired('Old', forbid('o')))] });
    const wanted = ['A', 'B', 'C'].map((n) => desired(n, permit(n.toLowerCase())));
    const plan = planEngine(engine({ policies: [...wanted, desired('F', forbid('f'))] }), state, options);
    const service = memoryService({ failing: { B: 'unrecognized action T___b' } });
    const events: ProgressEvent[] = [];
    const report = await executeEnginePlan(plan, service.ops, { parallelism: 2, onProgress: (e) => events.push(e) });
    expect(report.outcome).toBe('failed');
    expect(report.steps.map((s) => [s.name, s.status])).toEqual([
      ['F', 'done'],
      ['A', 'done'],
      ['B', 'failed'],
      ['C', 'done'],
      ['Old', 'not-attempted'],
    ]);
    expect(report.steps.find((s) => s.name === 'B')).toMatchObject({ reasons: ['unrecognized action T___b'], error: { code: 'CREATE_FAILED' } });
    expect(service.log.some((l) => l.includes('Old'))).toBe(false);
    const finished = events.filter((e) => e.kind === 'step');
    expect(finished.map((e) => e.kind === 'step' && e.finished)).toEqual([1, 2, 3, 4]);
    expect(finished.every((e) => e.kind === 'step' && e.total === 5)).toBe(true);
  });

  it('starts nothing more after a refused call, lets the calls in flight finish, and reports the error', async () => {
    const policies = ['A', 'B', 'C', 'D', 'E'].map((n) => desired(n, permit(n.toLowerCase())));
    const plan = planEngine(engine({ policies }), live(), options);
    const refusal = new AgentCoreError('ValidationFailed', 'AgentCore refused CreatePolicy: bad statement');
    const service = memoryService({ refusing: { B: refusal } });
    const report = await executeEnginePlan(plan, service.ops, { parallelism: 2 });
    expect(report.steps.map((s) => [s.name, s.status])).toEqual([
      ['A', 'done'],
      ['B', 'failed'],
      ['C', 'done'],
      ['D', 'not-attempted'],
      ['E', 'not-attempted'],
    ]);
    expect(report.steps[1]!.error).toEqual({ code: 'ValidationFailed', message: refusal.message });
  });

  it('deletes a failed policy and settles the delete before creating it again under the same name', async () => {
    const a = desired('A', permit('a'));
    const plan = planEngine(engine({ policies: [a, desired('B', permit('b'))] }), live({ policies: [applied(a, { status: 'CREATE_FAILED' })] }), options);
    const service = memoryService();
    await executeEnginePlan(plan, service.ops, { parallelism: 4 });
    const deleted = service.log.indexOf('settled A');
    expect(deleted).toBeGreaterThan(service.log.indexOf('start delete-policy A'));
    expect(service.log.indexOf('start create-policy A')).toBeGreaterThan(deleted);
  });

  it('lets an unexpected exception through: it is a bug or a crash, not a failed step', async () => {
    const plan = planEngine(engine({ policies: [desired('A', permit('a'))] }), live(), options);
    await expect(executeEnginePlan(plan, memoryService({ crashing: 'A' }).ops, { parallelism: 1 })).rejects.toThrow('crash');
  });

  it('has nothing to do for a plan without changes', async () => {
    const a = desired('A', permit('a'));
    const plan = planEngine(engine({ policies: [a] }), live({ policies: [applied(a), unmanaged('Manual', permit('m'))] }), options);
    const service = memoryService();
    expect(await executeEnginePlan(plan, service.ops, { parallelism: 1 })).toMatchObject({ outcome: 'no-changes', steps: [] });
    expect(service.log).toEqual([]);
  });
});

describe('wavesOf', () => {
  it('puts only the deletes that free a name created again in the same phase first', () => {
    const policy = planEngine(engine({ policies: [desired('A', permit('a'))] }), live(), options).changes.find((c) => c.kind === 'policy')!.after!;
    const steps: Step[] = [
      { type: 'create-policy', name: 'A', policy, clientToken: 't' },
      { type: 'delete-policy', name: 'A', policyId: 'A-1' },
      { type: 'delete-policy', name: 'Z', policyId: 'Z-1' },
    ];
    expect(wavesOf(steps).map((w) => w.map((s) => `${s.type} ${s.name}`))).toEqual([['delete-policy A'], ['create-policy A', 'delete-policy Z']]);
    expect(wavesOf(steps.slice(2))).toHaveLength(1);
  });
});
