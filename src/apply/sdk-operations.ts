// The executor's operations over AgentCore (through src/agentcore, the only importer of the SDK). Creates carry the
// plan's content-derived clientToken, so a re-run after a crash replays the same request instead of making a twin.
// Policies of a phase are settled together: with many, by polling ListPolicies (one page per 100 policies) rather
// than one GetPolicy waiter each; with few, by the SDK waiters.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AgentCoreError,
  attachGateway,
  detachGateway,
  createEngine,
  createPolicy,
  deletePolicy,
  listLivePolicies,
  updateEngineDescription,
  updatePolicy,
  waitForGatewayReady,
  waitForPolicyActive,
  waitForPolicyDeleted,
  type EngineConnection,
  type WaitOptions,
} from '../agentcore/index.js';
import type { LivePolicy } from '../model.js';
import type { ApplyOperations, EngineRef, IssuedStep, Settlement, Started, Waitable } from './operations.js';

type Connection = Pick<EngineConnection, 'client' | 'wait'>;

/** ListPolicies page size: the service's maximum. */
const PAGE = 100;

/** `livePolicies`: how many policies the engine holds now, to choose the cheaper way to wait. */
export function sdkOperations(connection: Connection, livePolicies: number): ApplyOperations {
  let count = livePolicies;
  return {
    async start(step, engine) {
      const started = await startStep(connection, step, engine);
      if (step.type === 'create-policy') count++;
      if (step.type === 'delete-policy') count--;
      return started;
    },
    async settle(engine, waits, settled) {
      const gateways = waits.flatMap((w, i) => (w.kind === 'gateway-ready' ? [{ i, arn: w.arn }] : []));
      const policies = waits.flatMap((w, i) => (w.kind === 'gateway-ready' ? [] : [{ i, wait: w }]));
      await Promise.all([
        ...gateways.map(async ({ i, arn }) => {
          const outcome = await waitForGatewayReady(connection.client, arn, connection.wait);
          settled(i, outcome.ok ? { ok: true } : { ok: false, status: outcome.status, reasons: outcome.statusReasons });
        }),
        policies.length === 0 ? Promise.resolve() : settlePolicies(connection, requireEngine(engine), policies, Math.ceil(count / PAGE), settled),
      ]);
    },
  };
}

async function startStep(connection: Connection, step: IssuedStep, engine: EngineRef | undefined): Promise<Started> {
  const { client, wait } = connection;
  switch (step.type) {
    case 'create-engine': {
      const created = await createEngine(client, { name: step.name, description: step.description, clientToken: step.clientToken }, wait);
      return { engine: { policyEngineId: created.policyEngineId, arn: created.arn }, target: created.policyEngineId };
    }
    case 'update-engine':
      await updateEngineDescription(client, step.policyEngineId, step.description, wait);
      return { target: step.policyEngineId };
    case 'set-gateway':
      await attachGateway(client, step.arn, step.engineArn ?? requireEngine(engine).arn, step.mode);
      return { target: step.arn, wait: { kind: 'gateway-ready', arn: step.arn } };
    case 'detach-gateway':
      await detachGateway(client, step.arn);
      return { target: step.arn, wait: { kind: 'gateway-ready', arn: step.arn } };
    case 'create-policy': {
      const { policyEngineId } = requireEngine(engine);
      const { name, statement, definition, description, enforcementMode, validationMode } = step.policy;
      const created = await createPolicy(client, { policyEngineId, name, statement, definition, description, enforcementMode, validationMode, clientToken: step.clientToken });
      return { target: created.policyId!, wait: { kind: 'policy-active', policyId: created.policyId! } };
    }
    case 'update-policy': {
      const { statement, definition, description, enforcementMode, validationMode } = step.policy;
      const changes = step.keepStatement ? { description, enforcementMode } : { statement, definition, description, enforcementMode, validationMode };
      await updatePolicy(client, { policyEngineId: requireEngine(engine).policyEngineId, policyId: step.policyId }, changes);
      return { target: step.policyId, wait: { kind: 'policy-active', policyId: step.policyId } };
    }
    case 'delete-policy':
      try {
        await deletePolicy(client, { policyEngineId: requireEngine(engine).policyEngineId, policyId: step.policyId });
      } catch (error) {
        // Already gone (an earlier run got this far): the goal is reached.
        if (error instanceof AgentCoreError && error.code === 'PolicyNotFound') return { target: step.policyId };
        throw error;
      }
      return { target: step.policyId, wait: { kind: 'policy-gone', policyId: step.policyId } };
  }
}

function requireEngine(engine: EngineRef | undefined): EngineRef {
  if (!engine) throw new Error('a policy or gateway step ran before its engine existed');
  return engine;
}

type PolicyWait = { i: number; wait: Exclude<Waitable, { kind: 'gateway-ready' }> };

/** One GetPolicy waiter per policy when that costs fewer calls than listing every page; otherwise list and poll. */
async function settlePolicies(
  connection: Connection,
  engine: EngineRef,
  waits: PolicyWait[],
  pages: number,
  settled: (index: number, settlement: Settlement) => void,
): Promise<void> {
  if (waits.length <= pages) {
    await Promise.all(waits.map(async ({ i, wait }) => settled(i, await waitOne(connection, engine, wait))));
    return;
  }
  await pollByListing(connection, engine, waits, settled);
}

async function waitOne(connection: Connection, engine: EngineRef, wait: PolicyWait['wait']): Promise<Settlement> {
  const ref = { policyEngineId: engine.policyEngineId, policyId: wait.policyId };
  const outcome =
    wait.kind === 'policy-active'
      ? await waitForPolicyActive(connection.client, ref, connection.wait)
      : await waitForPolicyDeleted(connection.client, ref, connection.wait);
  return outcome.ok ? { ok: true } : { ok: false, status: outcome.policy.status, reasons: outcome.policy.statusReasons };
}

/** Lists the engine's policies with the waiters' backoff until every awaited policy is ACTIVE, failed or gone. */
async function pollByListing(
  connection: Connection,
  engine: EngineRef,
  waits: PolicyWait[],
  settled: (index: number, settlement: Settlement) => void,
): Promise<void> {
  const { wait } = connection;
  const deadline = Date.now() + wait.maxWaitSeconds * 1000;
  let pending = waits;
  for (let delay = wait.minDelaySeconds; ; delay = Math.min(delay * 2, wait.maxDelaySeconds)) {
    const live = new Map((await listLivePolicies(connection.client, engine.policyEngineId)).map((p) => [p.policyId, p]));
    pending = pending.filter(({ i, wait: w }) => {
      const settlement = settlementOf(w, live.get(w.policyId));
      if (settlement) settled(i, settlement);
      return !settlement;
    });
    if (pending.length === 0) return;
    if (Date.now() + delay * 1000 > deadline) throw timeout(pending.length, wait);
    await sleep(delay * 1000);
  }
}

/** Undefined while the policy is still changing. */
export function settlementOf(wait: PolicyWait['wait'], policy: LivePolicy | undefined): Settlement | undefined {
  if (wait.kind === 'policy-gone') {
    if (!policy) return { ok: true };
    return policy.status === 'DELETE_FAILED' ? { ok: false, status: policy.status, reasons: policy.statusReasons } : undefined;
  }
  if (policy?.status === 'ACTIVE') return { ok: true };
  if (policy?.status === 'CREATE_FAILED' || policy?.status === 'UPDATE_FAILED' || policy?.status === 'DELETE_FAILED') {
    return { ok: false, status: policy.status, reasons: policy.statusReasons };
  }
  return undefined;
}

function timeout(pending: number, wait: WaitOptions): AgentCoreError {
  return new AgentCoreError('WaitTimeout', `${pending} polic${pending === 1 ? 'y' : 'ies'} did not settle within ${wait.maxWaitSeconds} s; look at them in the console and run apply again.`);
}
