// Reads what the service holds for one engine in one pass: the engine found by name (ListPolicyEngines), all its
// policies with their statements (one paginated ListPolicies, 100 per page) and every gateway the engine file
// names (GetGateway by id, with its targets' tool schemas), and the gateways attached to the engine that the file
// does not name (ListGateways, then GetGateway of each other gateway). The policy an apply holds its engine with
// (src/apply/lock.ts) is bookkeeping, not policy: it is kept apart (`applyLock`), so no plan, fingerprint or import
// takes it for a policy, and a plan can still say an apply is in progress.
import {
  paginateListPolicies,
  paginateListPolicyEngines,
  type BedrockAgentCoreControlClient,
  type Policy,
  type PolicyEngine,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { APPLY_LOCK_POLICY, type EngineSpec, type LiveEngine, type LivePolicy, type LiveState, type LiveStatus } from '../model.js';
import { call } from './errors.js';
import { findAttachedGateways, readGateway } from './gateways.js';

export function toLiveEngine(engine: PolicyEngine): LiveEngine {
  return {
    policyEngineId: engine.policyEngineId!,
    arn: engine.policyEngineArn!,
    name: engine.name!,
    ...(engine.description !== undefined ? { description: engine.description } : {}),
    status: engine.status as LiveStatus,
  };
}

export function toLivePolicy(policy: Policy): LivePolicy {
  const statement = policy.definition?.cedar?.statement ?? policy.definition?.policy?.statement;
  const definition = policy.definition?.cedar ? undefined : policy.definition?.policy ? 'policy' : policy.definition?.policyGeneration ? 'policyGeneration' : undefined;
  return {
    policyId: policy.policyId!,
    name: policy.name!,
    ...(definition && { definition }),
    ...(policy.description !== undefined ? { description: policy.description } : {}),
    ...(statement !== undefined ? { statement } : {}),
    ...(policy.enforcementMode !== undefined ? { enforcementMode: policy.enforcementMode } : {}),
    status: policy.status as LiveStatus,
    statusReasons: policy.statusReasons ?? [],
    ...(policy.updatedAt !== undefined ? { updatedAt: policy.updatedAt.toISOString() } : {}),
  };
}

/** The engine with this name, or undefined; names are unique per account and region. */
export function findEngineByName(client: BedrockAgentCoreControlClient, name: string): Promise<LiveEngine | undefined> {
  return call('ListPolicyEngines', async () => {
    for await (const page of paginateListPolicyEngines({ client, pageSize: 100 }, {})) {
      const found = page.policyEngines?.find((e) => e.name === name);
      if (found) return toLiveEngine(found);
    }
    return undefined;
  });
}

/** The name of the policy that marks an engine as being applied to (declared in model.ts, so validation can
 * reserve it). */
export { APPLY_LOCK_POLICY };

function listAllPolicies(client: BedrockAgentCoreControlClient, policyEngineId: string): Promise<LivePolicy[]> {
  return call('ListPolicies', async () => {
    const policies: LivePolicy[] = [];
    for await (const page of paginateListPolicies({ client, pageSize: 100 }, { policyEngineId })) {
      for (const policy of page.policies ?? []) policies.push(toLivePolicy(policy));
    }
    return policies;
  });
}

/** Every policy of the engine but the apply lock. */
export async function listLivePolicies(client: BedrockAgentCoreControlClient, policyEngineId: string): Promise<LivePolicy[]> {
  return (await listAllPolicies(client, policyEngineId)).filter((p) => p.name !== APPLY_LOCK_POLICY);
}

/** The apply lock, when some apply holds (or held) the engine. */
export async function findApplyLock(client: BedrockAgentCoreControlClient, policyEngineId: string): Promise<LivePolicy | undefined> {
  return (await listAllPolicies(client, policyEngineId)).find((p) => p.name === APPLY_LOCK_POLICY);
}

/** Throws AgentCoreError (e.g. GatewayNotFound, AccessDenied, CredentialsMissing) when the service cannot be read.
 * The policies' pages follow one another, each needing the last one's token: they start as soon as the engine is
 * found, while the gateways (three calls in sequence each) and those attached but not declared are read beside
 * them. */
export async function readLiveState(client: BedrockAgentCoreControlClient, engine: EngineSpec): Promise<LiveState> {
  const finding = findEngineByName(client, engine.name);
  const declared = new Set(engine.gateways.map((g) => g.arn));
  const [found, all, gateways, undeclaredGateways] = await Promise.all([
    finding,
    finding.then((found) => (found ? listAllPolicies(client, found.policyEngineId) : [])),
    Promise.all(engine.gateways.map((g) => readGateway(client, g.arn, engine))),
    finding.then((found) => (found ? findAttachedGateways(client, found.arn, declared) : undefined)),
  ]);
  const policies = all.filter((p) => p.name !== APPLY_LOCK_POLICY);
  const applyLock = all.find((p) => p.name === APPLY_LOCK_POLICY);
  return { ...(found ? { engine: found } : {}), policies, gateways, ...(undeclaredGateways && { undeclaredGateways }), ...(applyLock && { applyLock }) };
}
