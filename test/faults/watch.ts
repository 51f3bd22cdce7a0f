// The authorization probe (test/apply/probe.ts) on duty through a whole fault run: an HTTP proxy in front of the
// emulator takes a worst-case snapshot of the engine's policies before every call is forwarded and after its answer,
// across every apply of a scenario (a stopped one and the run after it, two at once, a killed process). Its
// requests call every tool, as every kind of caller, with amounts just either side of every limit a variant can set.
import { createControlClient, findEngineByName, listLivePolicies } from '../../src/agentcore/index.js';
import type { AuthorizationRequest } from '../../src/cedar/authorize.js';
import type { LivePolicy, Repository } from '../../src/model.js';
import { Probe } from '../apply/probe.js';
import { startProxy, type Proxy, type ProxyHooks } from '../apply/proxy.js';
import { LOCAL } from '../apply/service.js';
import { amountsAround } from './variants.js';

const SETTLED = new Set(['ACTIVE', 'CREATE_FAILED', 'UPDATE_FAILED', 'DELETE_FAILED']);

export interface Watch {
  /** Point apply here. */
  proxy: Proxy;
  /** Another proxy into the same watch, with its own hook (to tell two applies apart). */
  another(between: ProxyHooks['between']): Promise<Proxy>;
  probe: Probe;
  /** Snapshots taken so far. */
  snapshots(): number;
  /** Requests allowed at some snapshot since the last `forget` that every one of `sets` denies, one line each. */
  widenings(sets: LivePolicy[][]): string[];
  /** Starts a new scenario. */
  forget(): void;
  close(): Promise<void>;
}

/** Watches the emulator at `target`; `between` runs after each snapshot, e.g. to kill the process whose call it is. */
export async function startWatch(target: string, repository: Repository, between?: ProxyHooks['between']): Promise<Watch> {
  const probe = new Probe(probeRequests(repository));
  // The probe's own reads go straight to the emulator and meet its faults too, so they retry harder than apply.
  const sdk = createControlClient({ region: 'us-west-2', endpoint: target }, { env: {}, maxAttempts: 12, localRetries: true });
  let engineId: string | undefined;
  let taken: Set<number>[] = [];
  // Policies change only through a mutating call or a transition finishing: while none is in flight and every
  // policy has settled, a read cannot see anything new, so the look is skipped (it would repeat the last one).
  let settled = false;
  const look = async (method: string) => {
    if (method === 'GET' && settled) return;
    engineId ??= (await findEngineByName(sdk, LOCAL))?.policyEngineId;
    const policies = engineId ? await listLivePolicies(sdk, engineId) : [];
    settled = policies.every((p) => SETTLED.has(p.status));
    taken.push(probe.worstCase(policies));
  };
  const proxies: Proxy[] = [];
  const another = async (hook: ProxyHooks['between']) => {
    const proxy = await startProxy(target, {
      between: async (moment) => {
        await look(moment.method);
        await hook?.(moment);
      },
    });
    proxies.push(proxy);
    return proxy;
  };
  const proxy = await another(between);
  return {
    proxy,
    another,
    probe,
    snapshots: () => taken.length,
    widenings(sets) {
      const permitted = new Set(sets.flatMap((set) => [...probe.allowed(set)]));
      return taken.flatMap((allowed, n) => {
        const extra = [...allowed].filter((i) => !permitted.has(i));
        return extra.length > 0 ? [`snapshot ${n}: ${extra.map((i) => JSON.stringify(probe.requests[i])).join(', ')}`] : [];
      });
    },
    forget: () => void (taken = []),
    async close() {
      sdk.destroy();
      await Promise.all(proxies.map((p) => p.close()));
    },
  };
}

function probeRequests(repository: Repository): AuthorizationRequest[] {
  const engine = repository.engines.find((e) => e.name === LOCAL)!;
  const gateway = (name: string) => engine.variables[`${name}_gateway`]!;
  const amounts = amountsAround(repository);
  const callers: Record<string, string>[] = [
    { username: 'refund-agent' },
    { username: 'suspended-user', tier: 'premium', role: 'manager' },
    { username: 'alice', tier: 'premium' },
    { username: 'bob', tier: 'standard' },
    { username: 'carol', role: 'manager' },
    { username: 'dan', role: 'adjuster' },
    { username: 'erin', scope: 'payment:process' },
  ];
  const calls = [
    ...amounts.map((amount) => ({ action: 'RefundTarget___process_refund', resource: gateway('refund'), input: { orderId: 'o-1', amount } })),
    ...amounts.map((amount) => ({ action: 'PaymentTarget___transfer_funds', resource: gateway('payment'), input: { fromAccount: 'A', recipient: 'B', amount } })),
    ...amounts.map((amount) => ({ action: 'DecisionTarget___approve_decision', resource: gateway('decision'), input: { decisionId: 'd-1', amount } })),
    ...[{ weight: 1, region: 'US' }, { weight: 1, region: 'FR' }].map((input) => ({ action: 'ShippingTarget___calculate_rate', resource: gateway('shipping'), input })),
    ...[{ claimId: 'c' }, { claimId: 'c', description: 'hail' }].map((input) => ({ action: 'InsuranceTarget___file_claim', resource: gateway('insurance'), input })),
  ];
  return callers.flatMap((tags, n) => calls.map((call) => ({ principal: { type: 'OAuthUser' as const, id: `user-${n}`, tags }, ...call })));
}
