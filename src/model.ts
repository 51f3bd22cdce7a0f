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

// The access analysis's verdicts (src/access/), carried by plans: what a change of policy set does to who may call
// which tool. Witness requests are checked with Cedar's authorizer against both sets.

/** One policy as an engine holds it: `statement` is Cedar text with variables filled; an inactive policy (LOG_ONLY,
 * or not live) decides nothing. */
export interface AccessPolicy {
  id: string;
  statement: string;
  active: boolean;
  /** Not Cedar (a `policy` definition): the analysis cannot read it, whatever its text looks like. */
  unreadable?: true;
}

/** The principal id of a witness request whose difference does not depend on who calls. */
export const ANY_PRINCIPAL_ID = 'user';

/** A tool call as the gateway puts it to Cedar: who calls (JWT claims as tags for an OAuthUser) and the arguments. */
export interface AccessRequest {
  principal: { type: 'OAuthUser' | 'IamEntity'; id: string; tags?: Record<string, string> };
  input: Record<string, unknown>;
}

export type AccessVerdict = 'equivalent' | 'widens' | 'narrows' | 'both' | 'unknown';

/** What a change of policy set does to one tool on one gateway. Witnesses are checked with Cedar's authorizer
 * against both sets; `reason` says why the verdict is `unknown`. */
export interface ActionAccess {
  gateway: string;
  action: string;
  verdict: AccessVerdict;
  newlyAllowed: AccessRequest[];
  newlyDenied: AccessRequest[];
  reason?: string;
}

export interface IntermediateViolation {
  state: number;
  gateway: string;
  action: string;
  request: AccessRequest;
}

export interface IntermediateCheck {
  /** How many intermediate states were checked. */
  checked: number;
  /** Requests an intermediate state allows that both the old and the new set deny, each checked with Cedar. */
  violations: IntermediateViolation[];
  /** States the analysis could not clear, with why: treat them as failing. */
  unknown: { state: number; gateway: string; action: string; reason: string }[];
}

// The access difference between two versions of a policy repository (`diff --base REF`, docs/plan-format.md):
// per engine, what the working tree's policies do to access compared with the ref's, and which policies changed.

/** How one policy deployed to an engine differs: `text-only` when only comments or layout changed. */
export type PolicyDiffKind = 'added' | 'removed' | 'edited' | 'text-only';

export interface PolicyDiff {
  name: string;
  change: PolicyDiffKind;
  /** What an `edited` policy changed: the statement's meaning, the enforcement mode, or both. */
  fields?: ('statement' | 'enforcementMode')[];
  /** The tools its statements' scopes cover, base and head (absent when a statement cannot be read). */
  touches?: { gateway: string; action: string }[];
  /** It touches a tool whose access widens; absent when a tool it touches is `unknown` and none widens. */
  widensAccess?: boolean;
}

export interface EngineAccessDiff {
  engine: string;
  /** The engine file, relative to the repository root (the base's, for a removed engine). */
  file: string;
  /** `new`: no engine of this name at the base, so every permit is new access; `removed`: only the base has it
   * (the tool never deletes an engine, so its live policies stay as they are); `kept` otherwise. */
  status: 'kept' | 'new' | 'removed';
  /** Every tool whose verdict is not `equivalent`, with witness requests. */
  access: ActionAccess[];
  /** The policies added, removed or edited, by name. */
  policies: PolicyDiff[];
}

export interface AccessDiff {
  base: { ref: string; commit: string };
  engines: EngineAccessDiff[];
  /** Some tool's verdict is not `equivalent` (`--detailed-exitcode` exits 2). */
  changesAccess: boolean;
  /** Some tool's verdict is `widens` or `both`. */
  widensAccess: boolean;
  /** What the comparison left out, such as a symbolic link at the base. */
  warnings: Diagnostic[];
}

// Recorded decisions and their replay (src/decisions/, src/replay/, docs/replay.md): the tool calls a gateway
// decided, read back from a decision source, and what a policy set would have decided of them.

/** One recorded tool call and the decision it got. `principal.tags` is undefined when the record does not carry
 * the caller's claims (AWS's records never do): then a decision that turns on them cannot be replayed. */
export interface RecordedRequest {
  /** Epoch milliseconds. */
  at: number;
  requestId: string;
  /** The gateway's ARN. */
  gateway: string;
  action: string;
  input: Record<string, unknown>;
  principal: { type: 'OAuthUser' | 'IamEntity'; id: string; tags?: Record<string, string> };
  decision: 'allow' | 'deny';
  /** The policy ids that decided it; empty for a deny by default. */
  determining: string[];
}

export interface FlipCounts {
  /** Recorded allowed, denied now. */
  toDeny: number;
  /** Recorded denied, allowed now. */
  toAllow: number;
}

/** A recorded request whose decision would flip, as a reviewer reads it. */
export interface FlipExample {
  gateway: string;
  action: string;
  direction: keyof FlipCounts;
  /** ISO-8601. */
  at: string;
  requestId: string;
  /** The caller (tags only when the record carries them) and the arguments. */
  request: AccessRequest;
}

/** What was read from a decision source for one engine. */
export interface DecisionWindow {
  /** Where the records came from, in words. */
  source: string;
  /** ISO-8601: the oldest moment looked at. */
  since: string;
  /** Records that could not be read (not JSON, not a decision of a tool call): counted and skipped. */
  unreadable: number;
  /** More requests were recorded than were read (the request limit). */
  truncated: boolean;
  /** Gateways whose records could not be read at all, in words. */
  problems: string[];
}

export interface ReplayTool {
  gateway: string;
  action: string;
  requests: number;
  undecidable: number;
  flips: FlipCounts;
}

/** The recorded requests of an engine decided again by a policy set, against the decisions they got. */
export interface EngineReplay extends DecisionWindow {
  requests: number;
  /** Requests whose decision turns on what the record does not carry (the caller's claims), or that no longer fit
   * the engine's tools: counted, never guessed. */
  undecidable: number;
  flips: FlipCounts;
  /** Per tool that had requests. */
  tools: ReplayTool[];
  /** Up to 3 per tool and direction. */
  examples: FlipExample[];
}

/** What one policy, made ACTIVE, would have done to the recorded requests of the tools its scope covers. */
export interface CanaryEvidence extends DecisionWindow {
  policy: string;
  /** Recorded requests on its tools whose outcome could be told. */
  decisions: number;
  /** Of those, the ones its conditions held for. */
  matched: number;
  undecidable: number;
  flips: FlipCounts;
  /** Up to 3 each way. */
  examples: FlipExample[];
}

/** A LOG_ONLY policy switched to ACTIVE: with the evidence of the recorded decisions, or why there is none. */
export type Promotion = { evidence: CanaryEvidence } | { missing: string };
