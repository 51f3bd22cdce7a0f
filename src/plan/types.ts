// The plan as data: what `plan` computes, what the renderers show and what `apply` executes. This is also the
// documented JSON format (docs/plan-format.md), so every field is plain data and a change here is a format change.
import type {
  ActionAccess,
  Diagnostic,
  EngineReplay,
  EnforcementMode,
  GatewayMode,
  Group,
  IntermediateCheck,
  LiveDefinition,
  LiveStatus,
  PolicyDefinition,
  Location,
  Promotion,
  ValidationMode,
} from '../model.js';
import type { LiveSummary } from './fingerprint.js';

export const PLAN_FORMAT_VERSION = 1;

export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'no-op';
export type ChangeKind = 'engine' | 'policy' | 'gateway';
export type Effect = 'permit' | 'forbid';
export type PolicyField = 'statement' | 'description' | 'version' | 'enforcementMode' | 'validationMode';

export interface EngineState {
  name: string;
  description?: string;
  /** Known once the engine exists. */
  policyEngineId?: string;
  arn?: string;
  status?: LiveStatus;
}

/** The engine as the service holds it: its id and ARN are known. */
export interface LiveEngineState extends EngineState {
  policyEngineId: string;
  arn: string;
}

interface EngineChangeCommon {
  kind: 'engine';
  name: string;
  notes: string[];
}

/** A new engine; `clientToken` (for CreatePolicyEngine) is derived from content so a re-run cannot create a twin. */
export interface EngineCreate extends EngineChangeCommon {
  action: 'create';
  fields: [];
  before?: undefined;
  after: EngineState;
  clientToken: string;
}

export interface EngineUpdate extends EngineChangeCommon {
  action: 'update';
  fields: ['description'];
  before: LiveEngineState;
  after: EngineState & { description: string };
  clientToken?: undefined;
}

export interface EngineNoOp extends EngineChangeCommon {
  action: 'no-op';
  fields: [];
  before: LiveEngineState;
  after: EngineState;
  clientToken?: undefined;
}

export type EngineChange = EngineCreate | EngineUpdate | EngineNoOp;

/** A live policy as the plan read it. */
export interface PolicyBefore {
  policyId: string;
  name: string;
  /** In normal form when it parses, otherwise as the service returned it; absent when the service sent none. */
  statement?: string;
  /** Absent for a Cedar definition; `policy` text is compared as text, never in Cedar's normal form. */
  definition?: LiveDefinition;
  /** The live description exactly, marker included. */
  description?: string;
  /** The part of the description a person wrote. */
  humanDescription: string;
  /** Carries our managed-by marker. */
  managed: boolean;
  version?: string;
  group?: Group;
  validationMode?: ValidationMode;
  enforcementMode: EnforcementMode;
  /** Undefined when the statement cannot be read. */
  effect?: Effect;
  status: LiveStatus;
  statusReasons: string[];
}

/** A policy as apply must send it. */
export interface PolicyAfter {
  name: string;
  statement: string;
  /** `policy`: sent as `definition.policy` (AgentCore's policy language), validated by the service alone. */
  definition?: PolicyDefinition;
  /** Exactly what to send: the human description and the managed-by marker. */
  description: string;
  humanDescription: string;
  version: string;
  group: Group;
  enforcementMode: EnforcementMode;
  validationMode: ValidationMode;
  effect: Effect;
  /** First 16 hex digits of the statement's sha256, as recorded in the marker. */
  statementHash: string;
  /** The same of the `.cedar` file as written (variables unfilled), as recorded in the marker; absent on a
   * temporary copy of a forbid. */
  sourceHash?: string;
  file: string;
  declaredAt: Location;
}

interface PolicyChangeCommon {
  kind: 'policy';
  /** The name after the change; for a delete, the live name. */
  name: string;
  group?: Group;
  effect?: Effect;
  /** Statement, description, version or modes that differ (updates only). */
  fields: PolicyField[];
  /** Adds or changes an active permit, or removes or changes an active forbid. */
  widensAccess: boolean;
  /** The live statement no longer matches the hash our marker recorded: it was changed outside git. */
  drift: boolean;
  /** Why this change, in words (disabled, no longer declared, renamed from, failed live state, adopted, ...). */
  notes: string[];
  /** The live policy lost its ownership marker outside git (a console edit of its description), and this change
   * takes it back: the marker restored, statement and description as declared (see plan-policies.ts). */
  reclaim?: true;
  /** The tools its statements' scopes cover, before and after (set by the access analysis; absent when it did not
   * run, or a statement cannot be read). */
  touches?: { gateway: string; action: string }[];
  /** Set on a temporary forbid holding the previous statement of the named forbid while apply changes permits:
   * created first and deleted in the last policy phase (see shadows.ts); on a delete, a leftover of such a copy. */
  shadowOf?: string;
  /** Set on a LOG_ONLY policy switched to ACTIVE: the evidence of the recorded decisions, or why there is none
   * (added by src/run/replay.ts, never by the planner: recorded traffic is not part of what apply executes). */
  promotion?: Promotion;
}

/** A policy to create; `clientToken` is CreatePolicy's idempotency token, derived from content. */
export interface PolicyCreate extends PolicyChangeCommon {
  action: 'create';
  before?: undefined;
  after: PolicyAfter;
  clientToken: string;
}

export interface PolicyUpdate extends PolicyChangeCommon {
  action: 'update';
  before: PolicyBefore;
  after: PolicyAfter;
  clientToken?: undefined;
}

/** Deleted and created again (a failed live policy, a rename): both sides, and the token of the create. */
export interface PolicyReplace extends PolicyChangeCommon {
  action: 'replace';
  before: PolicyBefore;
  after: PolicyAfter;
  clientToken: string;
}

export interface PolicyDelete extends PolicyChangeCommon {
  action: 'delete';
  before: PolicyBefore;
  after?: undefined;
  clientToken?: undefined;
}

/** Nothing to do for a live policy: declared and already as wanted (`after` set), or left alone (unmanaged). */
export interface PolicyNoOp extends PolicyChangeCommon {
  action: 'no-op';
  before: PolicyBefore;
  after?: PolicyAfter;
  clientToken?: undefined;
}

/** One type per action, so a create always has `after` and its token and a delete always has `before`. */
export type PolicyChange = PolicyCreate | PolicyUpdate | PolicyReplace | PolicyDelete | PolicyNoOp;

export interface GatewayAttachment {
  engineArn?: string;
  mode?: GatewayMode;
}

export type EnforcementDrift = 'detached' | 'other-engine' | 'log-only';

/** A declared gateway pointed at this engine in the declared mode. */
export interface GatewayAttach {
  kind: 'gateway';
  action: 'update' | 'no-op';
  /** The gateway's name as the service knows it. */
  name: string;
  arn: string;
  gatewayId: string;
  /** The live attachment; absent when no engine is attached. */
  before?: GatewayAttachment;
  /** `engineArn` is absent while the engine is still to be created: apply uses the one it creates. */
  after: GatewayAttachment & { mode: GatewayMode };
  detach?: undefined;
  drift?: EnforcementDrift;
  widensAccess: boolean;
  notes: string[];
}

/** A gateway attached to this engine that its engine file no longer declares, taken off the engine because the
 * engine has `prune: true` (UpdateGateway without a policy engine), last of all the apply's steps. */
export interface GatewayDetach {
  kind: 'gateway';
  action: 'update';
  detach: true;
  name: string;
  arn: string;
  gatewayId: string;
  before: GatewayAttachment & { engineArn: string; mode: GatewayMode };
  after?: undefined;
  drift?: undefined;
  /** A gateway without an engine authorizes every call its authorizer lets through: set when it was enforcing. */
  widensAccess: boolean;
  notes: string[];
}

export type GatewayChange = GatewayAttach | GatewayDetach;

export type Change = EngineChange | PolicyChange | GatewayChange;

export interface EnginePlan {
  engine: string;
  /** The engine file, relative to the repository root. */
  file: string;
  /** Set when the live engine could not be read: nothing is planned for it, and `errors` says why. */
  unreachable?: true;
  /** Engine first, then gateways by ARN, then policies (deletes, replaces, updates, creates, no-ops; by name). */
  changes: Change[];
  errors: Diagnostic[];
  /** Enforcement drift first. */
  warnings: Diagnostic[];
  /** The tools whose access the plan changes (every verdict but `equivalent`), with witness requests; absent when
   * the access analysis did not run. */
  access?: ActionAccess[];
  /** The check of the policy sets between the apply's phases: nothing allowed that both ends deny. */
  intermediate?: IntermediateCheck;
  /** The recorded requests decided again by the policies this plan leaves; absent when replay did not run
   * (docs/replay.md). */
  replay?: EngineReplay;
  /** Hash of the live state the plan was computed against (see fingerprint.ts). */
  fingerprint: string;
  /** Per-object digests of that live state, to say what changed when a saved plan is stale. */
  live: LiveSummary;
  /** The live engine's id when the plan was made (absent while the engine is still to be created): a saved plan
   * applies to this engine only, not to another of the same name. */
  policyEngineId?: string;
  /** Hash of the desired state the plan was computed from (see digest.ts); `""` when unreachable. */
  desired: string;
  /** Hash of this section's own content, every field but this one (see digest.ts). */
  digest: string;
}

/** An engine's section before it is sealed with its digest (digest.ts): for the steps that add to it, so it is
 * sealed once. */
export type EngineSection = Omit<EnginePlan, 'digest'>;

/** How the live engines change, change by change. A temporary copy of a forbid (`shadowOf`) is created and deleted
 * by the same apply, so it is in none of create, update, delete or replace but counted apart. */
export interface PlanCounts {
  create: number;
  update: number;
  delete: number;
  replace: number;
  temporary: number;
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  /** Set when nothing could be planned (the repository does not validate): `errors` says why. */
  notPlanned?: string;
  engines: EnginePlan[];
  counts: PlanCounts;
  hasChanges: boolean;
  widensAccess: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Hash of the whole document, every field but this one (see digest.ts): apply refuses a file edited after it
   * was saved. */
  digest: string;
}

/** What `planEngine` needs besides the two states. */
export interface PlanOptions {
  /** Cedar's normal form of a live statement (formatter, variables already filled live); undefined if it does not parse. */
  normalize: (statement: string) => string | undefined;
  /** Whether two statements say the same to Cedar, only comments and layout differing (a text-only change). */
  sameMeaning?: (a: string, b: string) => boolean;
}
