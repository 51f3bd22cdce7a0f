// What the executor needs from the service, as a small interface: start one step (one mutation), then settle a
// batch of started steps (wait until ACTIVE, READY or gone). src/apply/sdk-operations.ts implements it over
// src/agentcore; keeping the executor behind it lets its ordering logic be tested on its own.
import type { Step } from '../plan/phases.js';

/** A step as issued: the delete of a temporary forbid copy carries the id its creation returned in this apply. */
export type IssuedStep = Exclude<Step, { type: 'delete-policy' }> | (Extract<Step, { type: 'delete-policy' }> & { policyId: string });

export interface EngineRef {
  policyEngineId: string;
  arn: string;
}

/** What a started step leaves to wait for. */
export type Waitable =
  | { kind: 'policy-active'; policyId: string }
  | { kind: 'policy-gone'; policyId: string }
  | { kind: 'gateway-ready'; arn: string };

export interface Started {
  /** Set by create-engine: the engine the later steps go into. */
  engine?: EngineRef;
  /** The policy id or gateway ARN acted on. */
  target?: string;
  /** Absent when the step is already settled (an engine step waits itself; a delete found nothing to delete). */
  wait?: Waitable;
}

/** How a wait ended: `reasons` are the service's statusReasons when it ended in a failed state. */
export type Settlement = { ok: true } | { ok: false; status: string; reasons: string[] };

export interface ApplyOperations {
  /** Issues the step's mutation. Throws AgentCoreError when the service refuses it (after the SDK's retries). */
  start(step: IssuedStep, engine: EngineRef | undefined): Promise<Started>;
  /** Waits for every waitable, calling `settled` once for each as it ends (in any order). Throws AgentCoreError
   * when it cannot tell (a timeout, a read that keeps failing); the waitables not reported by then are unknown. */
  settle(engine: EngineRef | undefined, waits: Waitable[], settled: (index: number, settlement: Settlement) => void): Promise<void>;
}
