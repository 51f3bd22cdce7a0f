// Recorded decisions and their replay (src/decisions/, src/replay/, docs/replay.md): the tool calls a gateway
// decided, read back from a decision source, and what a policy set would have decided of them.
import type { AccessRequest } from './access.js';

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
