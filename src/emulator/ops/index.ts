// Every operation the emulator serves.
import type { Operation } from '../operation.js';
import { createGatewayTarget } from './create-gateway-target.js';
import { createGateway } from './create-gateway.js';
import { createPolicyEngine } from './create-policy-engine.js';
import { createPolicy } from './create-policy.js';
import { deleteGatewayTarget } from './delete-gateway-target.js';
import { deleteGateway } from './delete-gateway.js';
import { deletePolicyEngine } from './delete-policy-engine.js';
import { deletePolicy } from './delete-policy.js';
import { getGatewayTarget } from './get-gateway-target.js';
import { getGateway } from './get-gateway.js';
import { getPolicyEngine, getPolicyEngineSummary } from './get-policy-engine.js';
import { getPolicyGeneration, getPolicyGenerationSummary } from './get-policy-generation.js';
import { getPolicy, getPolicySummary } from './get-policy.js';
import { listGatewayTargets } from './list-gateway-targets.js';
import { listGateways } from './list-gateways.js';
import { listPolicies, listPolicySummaries } from './list-policies.js';
import { listPolicyEngines, listPolicyEngineSummaries } from './list-policy-engines.js';
import { listPolicyGenerationAssets } from './list-policy-generation-assets.js';
import { listPolicyGenerations, listPolicyGenerationSummaries } from './list-policy-generations.js';
import { startPolicyGeneration } from './start-policy-generation.js';
import { updateGatewayTarget } from './update-gateway-target.js';
import { updateGateway } from './update-gateway.js';
import { updatePolicyEngine } from './update-policy-engine.js';
import { updatePolicy } from './update-policy.js';

export const OPERATIONS: readonly Operation[] = [
  createPolicyEngine,
  getPolicyEngine,
  getPolicyEngineSummary,
  updatePolicyEngine,
  deletePolicyEngine,
  listPolicyEngines,
  listPolicyEngineSummaries,
  createPolicy,
  getPolicy,
  getPolicySummary,
  updatePolicy,
  deletePolicy,
  listPolicies,
  listPolicySummaries,
  startPolicyGeneration,
  getPolicyGeneration,
  getPolicyGenerationSummary,
  listPolicyGenerations,
  listPolicyGenerationSummaries,
  listPolicyGenerationAssets,
  createGateway,
  getGateway,
  updateGateway,
  deleteGateway,
  listGateways,
  createGatewayTarget,
  getGatewayTarget,
  updateGatewayTarget,
  deleteGatewayTarget,
  listGatewayTargets,
];
