// The AWS client layer: the only importer of the AgentCore SDK. Everything apply, plan and the CLI need from the
// service goes through these functions.
export { createControlClient, isLoopback, type ClientOptions } from './client.js';
export { LOCAL_CREDENTIALS } from './credentials.js';
export { connectEngine, type EngineConnection } from './connect.js';
export { AgentCoreError, describeAwsError, type AgentCoreErrorCode } from './errors.js';
export { cloudWatchDecisionSource, DEFAULT_LOG_GROUP_PREFIX, logGroupOf, logsEndpoint, type LogsSource } from './decision-logs.js';
export { generatePolicies, type FindingType, type GeneratedAsset, type GenerationOutcome, type GenerationRequest } from './generation.js';
export { attachGateway, detachGateway, findAttachedGateways, readGateway, readGatewayUrl, waitForGatewayReady, type GatewayOutcome } from './gateways.js';
export { s3SchemaReader, type SchemaReader } from './s3-schemas.js';
export { APPLY_LOCK_POLICY, findApplyLock, findEngineByName, listLivePolicies, readLiveState } from './live-state.js';
export {
  createEngine,
  createPolicy,
  deletePolicy,
  updateEngineDescription,
  updatePolicy,
  waitForPolicyActive,
  waitForPolicyDeleted,
  type NewPolicy,
  type PolicyChanges,
  type PolicyOutcome,
  type PolicyRef,
} from './policies.js';
export { LOCAL_WAIT, SERVICE_WAIT, waitOptionsFor, type WaitOptions } from './wait.js';
