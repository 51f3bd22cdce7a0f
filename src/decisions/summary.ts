// What the gateways of an engine decided, per gateway and tool: allows and denies as recorded; and the report of
// `decisions` for one engine.
import type { CanaryEvidence, DecisionWindow, RecordedRequest } from '../model.js';

export interface ToolDecisions {
  gateway: string;
  action: string;
  allow: number;
  deny: number;
}

export class DecisionCounts {
  private readonly tools = new Map<string, ToolDecisions>();

  take(request: RecordedRequest): void {
    const key = `${request.gateway}\u0000${request.action}`;
    let tool = this.tools.get(key);
    if (!tool) this.tools.set(key, (tool = { gateway: request.gateway, action: request.action, allow: 0, deny: 0 }));
    tool[request.decision]++;
  }

  /** By gateway, then tool. */
  result(): ToolDecisions[] {
    return [...this.tools.values()].sort((a, b) => a.gateway.localeCompare(b.gateway) || a.action.localeCompare(b.action));
  }
}

/** `decisions` for one engine: what was read, the decisions per tool, and each LOG_ONLY policy's evidence. */
export interface EngineDecisions {
  engine: string;
  file: string;
  /** What was read; absent when the engine has no decision source. */
  window?: DecisionWindow;
  /** Why the engine has no decision source. */
  none?: string;
  requests: number;
  tools: ToolDecisions[];
  /** One per LOG_ONLY policy the repository declares for the engine. */
  canaries: CanaryEvidence[];
}
