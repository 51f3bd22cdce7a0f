// The shared vocabulary of the tool: what a policy repository declares, and the diagnostics every layer reports.
// Pure types only, so any module may import it without pulling in I/O.
import type { DiagnosticCode, PolicyLint } from './diagnostic-codes.js';

export type { DiagnosticCode, PolicyLint };

export const GROUPS = ['authentication', 'authorization', 'business_rules', 'emergency'] as const;
export type Group = (typeof GROUPS)[number];

/** The live policy an apply holds while it changes an engine (one apply at a time); no repository may declare it. */
export const APPLY_LOCK_POLICY = 'AgentcorePolicyApplyLock';

export type EnforcementMode = 'ACTIVE' | 'LOG_ONLY';
export type ValidationMode = 'FAIL_ON_ANY_FINDINGS' | 'IGNORE_ALL_FINDINGS';
export type GatewayMode = 'ENFORCE' | 'LOG_ONLY';
/** How the gateway authenticates callers; decides the Cedar principal type (OAuthUser or IamEntity). */
export type AuthorizerType = 'CUSTOM_JWT' | 'AWS_IAM';

/** A place in a file: 1-based line and column (columns count characters, not bytes). */
export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic {
  /** `info` says something worth knowing that needs no change (never fails a command). */
  severity: 'error' | 'warning' | 'info';
  code: DiagnosticCode;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** The engine a finding concerns, when it concerns one engine (a policy checked against that engine's schema). */
  engine?: string;
}

/** The JSON Schema subset AgentCore accepts for a tool's input (`SchemaDefinition`). */
export interface InputSchema {
  type: 'string' | 'number' | 'object' | 'array' | 'boolean' | 'integer';
  properties?: Record<string, InputSchema>;
  required?: string[];
  items?: InputSchema;
  description?: string;
}

export interface ToolSpec {
  name: string;
  description?: string;
  inputSchema: InputSchema;
}

export interface TargetSpec {
  name: string;
  description?: string;
  lambdaArn?: string;
  /** For the local engine only: a loopback HTTP endpoint that receives each allowed call's arguments as JSON and
   * whose JSON answer is the tool's result (without it the local gateway echoes the call). */
  local?: { url: string };
  tools: ToolSpec[];
}

export interface GatewaySpec {
  arn: string;
  mode: GatewayMode;
  authorizerType: AuthorizerType;
  targets: TargetSpec[];
  /** Where AWS delivers this gateway's application logs, when not the default
   * `/aws/vendedlogs/bedrock-agentcore/gateway/APPLICATION_LOGS/<gatewayId>` (docs/replay.md). */
  decisionLog?: { logGroup: string };
}

/** Whose credentials reach an engine in AWS (docs/repository-format.md has the precedence): a profile of the
 * user's AWS config, or a role assumed through STS from the run's own credentials. */
export type EngineCredentials = { profile: string } | { roleArn: string; externalId?: string; sessionName?: string };

export interface EngineSpec {
  /** Path of the engine file, relative to the repository root. */
  file: string;
  name: string;
  description?: string;
  region: string;
  /** `local` for the embedded emulator, a URL, or undefined for AWS. */
  endpoint?: string;
  /** Absent: the run's credentials (`--profile`, else the SDK's chain). Ignored for a local or loopback engine. */
  aws?: EngineCredentials;
  groups: Group[];
  prune: boolean;
  variables: Record<string, string>;
  gateways: GatewaySpec[];
}

/** A policy written in AgentCore's policy language rather than Cedar (`definition.policy`): guardrail and temporal
 * conditions. Only the service can parse and validate it; this tool handles it as text. */
export type PolicyDefinition = 'policy';

/** How a live policy is defined besides Cedar (absent: `definition.cedar`): `policy` text, or a reference to a
 * generated asset (`policyGeneration`) that came back without a statement. */
export type LiveDefinition = PolicyDefinition | 'policyGeneration';

export interface PolicySpec {
  name: string;
  group: Group;
  /** Path of the `.cedar` file, relative to the repository root. */
  file: string;
  /** Where the policy's entry sits in its manifest. */
  declaredAt: Location;
  version: string;
  description: string;
  enabled: boolean;
  enforcementMode: EnforcementMode;
  validationMode: ValidationMode;
  /** Engine names; undefined means every engine that includes the group. */
  engines?: string[];
  /** Lints its manifest entry ignores (`lints: {ignore: [...]}`): their findings on it are shown as suppressed. */
  ignoredLints?: PolicyLint[];
  /** The `.cedar` file's text as written, variables unfilled. */
  source: string;
  /** `definition: policy` in the manifest: sent as `definition.policy`, checked locally as text only. */
  definition?: PolicyDefinition;
}

/** A manifest entry as a command writes it (import, generate): only what differs from the defaults. */
export interface ManifestEntry {
  name: string;
  file: string;
  version: string;
  description: string;
  definition?: PolicyDefinition;
  enforcementMode?: 'LOG_ONLY';
  validationMode?: 'IGNORE_ALL_FINDINGS';
  /** Written out when a command wants the switch visible (generate writes `enabled: true`). */
  enabled?: boolean;
  engines?: string[];
}

export interface TestPrincipal {
  type: 'OAuthUser' | 'IamEntity';
  id: string;
  tags: Record<string, string>;
}

export interface TestCase {
  name: string;
  principal: TestPrincipal;
  action: string;
  resource?: string;
  input: Record<string, unknown>;
  expect: 'allow' | 'deny';
  reasons?: string[];
  engine?: string;
  declaredAt: Location;
}

/** Everything read from a policy repository, before any per-engine resolution. */
export interface Repository {
  root: string;
  engines: EngineSpec[];
  policies: PolicySpec[];
  tests: TestCase[];
}

/** One policy as an engine should have it: enabled, variables filled, statement in Cedar's normal form. */
export interface DesiredPolicy {
  spec: PolicySpec;
  /** Variables filled and formatted with Cedar's formatter. */
  statement: string;
  effect: 'permit' | 'forbid';
  /** The engine variables its source uses (`{{name}}`), by name, each once. */
  variables: string[];
}

/** What one engine should look like according to the repository. */
export interface DesiredEngine {
  engine: EngineSpec;
  /** Enabled policies deployed to this engine. */
  policies: DesiredPolicy[];
  /** Policies of this engine's groups that are declared but disabled: they must not exist live. */
  disabled: PolicySpec[];
}

export type LiveStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING' | 'CREATE_FAILED' | 'UPDATE_FAILED' | 'DELETE_FAILED';

export interface LiveEngine {
  policyEngineId: string;
  arn: string;
  name: string;
  description?: string;
  status: LiveStatus;
}

export interface LivePolicy {
  policyId: string;
  name: string;
  description?: string;
  /** The statement as the service returns it (`definition.cedar.statement`, or `definition.policy.statement`). */
  statement?: string;
  /** Absent for a Cedar definition. */
  definition?: LiveDefinition;
  enforcementMode?: EnforcementMode;
  status: LiveStatus;
  statusReasons: string[];
  updatedAt?: string;
}

/** A gateway target as the service holds it. `toolsUnknown` says why its tools could not be read (an MCP server
 * target, a schema in S3 that was not read, a document the mapping cannot express): its `tools` are then empty and
 * mean nothing, so it is neither compared nor pulled. */
export interface LiveTarget extends TargetSpec {
  toolsUnknown?: string;
}

export interface LiveGateway {
  arn: string;
  gatewayId: string;
  name: string;
  /** The engine attached to it, if any. */
  policyEngine?: { arn: string; mode: GatewayMode };
  /** How callers authenticate, which decides the principal type of its requests (absent when not read). */
  authorizerType?: AuthorizerType;
  targets: LiveTarget[];
}

/** What the service holds for one engine, read in one pass. `engine` is undefined when it does not exist yet. */
export interface LiveState {
  engine?: LiveEngine;
  policies: LivePolicy[];
  /** The gateways the engine file names (found by ARN), whatever engine they are attached to. */
  gateways: LiveGateway[];
  /** Gateways attached to this engine that the engine file does not name (without their targets); absent when
   * they were not looked for (the engine does not exist yet). */
  undeclaredGateways?: LiveGateway[];
  /** The policy an apply holds the engine with (APPLY_LOCK_POLICY), when one is there: never one of `policies`,
   * and no part of a plan's fingerprint; a plan only warns of it. */
  applyLock?: LivePolicy;
}

// The vocabulary of the two analyses plans and reviews carry, each in a file of its own: access (the verdicts of a
// change of policy set, and the access difference between two versions of a repository) and recorded decisions
// (the tool calls a gateway decided, and their replay).
export * from './model/access.js';
export * from './model/decisions.js';
