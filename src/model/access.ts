// The access analysis's verdicts (src/access/), carried by plans: what a change of policy set does to who may call
// which tool. Witness requests are checked with Cedar's authorizer against both sets.
import type { Diagnostic } from '../model.js';

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
