// The policy and engine mutations apply performs, each one API call (or one call and its SDK waiter), returning
// what the service answered. Creates take an idempotency clientToken so a retried apply cannot make twins.
import {
  CreatePolicyCommand,
  CreatePolicyEngineCommand,
  DeletePolicyCommand,
  GetPolicyCommand,
  GetPolicyEngineCommand,
  UpdatePolicyCommand,
  UpdatePolicyEngineCommand,
  waitUntilPolicyActive,
  waitUntilPolicyDeleted,
  waitUntilPolicyEngineActive,
  type BedrockAgentCoreControlClient,
  type CreatePolicyCommandOutput,
  type DeletePolicyCommandOutput,
  type UpdatePolicyCommandOutput,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { EnforcementMode, LiveEngine, LivePolicy, PolicyDefinition, ValidationMode } from '../model.js';
import { AgentCoreError, call } from './errors.js';
import { toLiveEngine, toLivePolicy } from './live-state.js';
import { waited, waiterConfig, type WaitOptions } from './wait.js';

export interface PolicyRef {
  policyEngineId: string;
  policyId: string;
}

/** Whether a wait ended in the wanted state; `policy` (with status and statusReasons) says why when not. */
export type PolicyOutcome = { ok: true; policy: LivePolicy } | { ok: false; policy: LivePolicy };

const readPolicy = (client: BedrockAgentCoreControlClient, ref: PolicyRef) =>
  call('GetPolicy', () => client.send(new GetPolicyCommand(ref))).then(toLivePolicy);

async function engineSettled(client: BedrockAgentCoreControlClient, policyEngineId: string, wait: WaitOptions): Promise<LiveEngine> {
  const ok = await waited(`Policy engine ${policyEngineId}`, () => waitUntilPolicyEngineActive(waiterConfig(client, wait), { policyEngineId }), wait);
  const engine = await call('GetPolicyEngine', () => client.send(new GetPolicyEngineCommand({ policyEngineId })));
  if (!ok) {
    const reasons = (engine.statusReasons ?? []).join('; ') || 'no reason given';
    throw new AgentCoreError('ServiceError', `Policy engine ${engine.name} ended ${engine.status}: ${reasons}.`, { operation: 'GetPolicyEngine' });
  }
  return toLiveEngine(engine);
}

/** Creates an engine and waits until it is ACTIVE. */
export async function createEngine(
  client: BedrockAgentCoreControlClient,
  input: { name: string; description?: string; clientToken?: string },
  wait: WaitOptions,
): Promise<LiveEngine> {
  const created = await call('CreatePolicyEngine', () => client.send(new CreatePolicyEngineCommand(input)));
  return engineSettled(client, created.policyEngineId!, wait);
}

/** Replaces (or, with undefined, clears) an engine's description and waits until it is ACTIVE again. */
export async function updateEngineDescription(
  client: BedrockAgentCoreControlClient,
  policyEngineId: string,
  description: string | undefined,
  wait: WaitOptions,
): Promise<LiveEngine> {
  const wrapper = description === undefined ? {} : { optionalValue: description };
  await call('UpdatePolicyEngine', () => client.send(new UpdatePolicyEngineCommand({ policyEngineId, description: wrapper })));
  return engineSettled(client, policyEngineId, wait);
}

/** The PolicyDefinition union member a statement is sent in: `cedar`, or `policy` for AgentCore's policy language. */
function definitionOf(statement: string, kind: PolicyDefinition | undefined) {
  return kind === 'policy' ? { policy: { statement } } : { cedar: { statement } };
}

export interface NewPolicy {
  policyEngineId: string;
  name: string;
  statement: string;
  /** Absent: Cedar. */
  definition?: PolicyDefinition;
  description?: string;
  enforcementMode?: EnforcementMode;
  validationMode?: ValidationMode;
  clientToken?: string;
}

export function createPolicy(client: BedrockAgentCoreControlClient, input: NewPolicy): Promise<CreatePolicyCommandOutput> {
  const { statement, definition, ...rest } = input;
  return call('CreatePolicy', () => client.send(new CreatePolicyCommand({ ...rest, definition: definitionOf(statement, definition) })));
}

export interface PolicyChanges {
  statement?: string;
  /** The definition the statement is sent in; absent: Cedar. */
  definition?: PolicyDefinition;
  /** A new description; null clears it; absent leaves it. */
  description?: string | null;
  enforcementMode?: EnforcementMode;
  validationMode?: ValidationMode;
}

export function updatePolicy(client: BedrockAgentCoreControlClient, ref: PolicyRef, changes: PolicyChanges): Promise<UpdatePolicyCommandOutput> {
  const { statement, definition, description, ...modes } = changes;
  return call('UpdatePolicy', () =>
    client.send(
      new UpdatePolicyCommand({
        ...ref,
        ...modes,
        ...(statement !== undefined ? { definition: definitionOf(statement, definition) } : {}),
        ...(description !== undefined ? { description: description === null ? {} : { optionalValue: description } } : {}),
      }),
    ),
  );
}

export function deletePolicy(client: BedrockAgentCoreControlClient, ref: PolicyRef): Promise<DeletePolicyCommandOutput> {
  return call('DeletePolicy', () => client.send(new DeletePolicyCommand(ref)));
}

/** Waits until a created or updated policy is ACTIVE; a policy that ends CREATE_FAILED or UPDATE_FAILED is an
 * outcome (ok: false, with the service's statusReasons), not an exception. */
export async function waitForPolicyActive(client: BedrockAgentCoreControlClient, ref: PolicyRef, wait: WaitOptions): Promise<PolicyOutcome> {
  const ok = await waited(`Policy ${ref.policyId}`, () => waitUntilPolicyActive(waiterConfig(client, wait), ref), wait);
  return { ok, policy: await readPolicy(client, ref) };
}

/** Waits until a deleted policy is gone; DELETE_FAILED is an outcome (ok: false) with the policy as it stands. */
export async function waitForPolicyDeleted(
  client: BedrockAgentCoreControlClient,
  ref: PolicyRef,
  wait: WaitOptions,
): Promise<{ ok: true } | { ok: false; policy: LivePolicy }> {
  const ok = await waited(`Deleting policy ${ref.policyId}`, () => waitUntilPolicyDeleted(waiterConfig(client, wait), ref), wait);
  return ok ? { ok: true } : { ok: false, policy: await readPolicy(client, ref) };
}
