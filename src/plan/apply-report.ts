// The apply report as data: what apply did to each engine, step by step, in the order it ran. Every step of a plan
// appears exactly once, as done, failed (with the service's reasons) or not attempted, so a partial apply is never
// half-reported. The renderers (text, markdown, JSON) and the exit code are read from here.
import type { Diagnostic } from '../model.js';
import type { PhaseName, Step } from './phases.js';

export const APPLY_REPORT_FORMAT_VERSION = 1;

export type StepStatus = 'done' | 'failed' | 'not-attempted';

export interface StepResult {
  phase: PhaseName;
  type: Step['type'];
  /** The policy, gateway or engine name. */
  name: string;
  /** The policy id or gateway ARN the step acted on, once known. */
  target?: string;
  /** Gateway steps: the mode set. */
  mode?: string;
  status: StepStatus;
  /** The service's statusReasons for a failed create or update. */
  reasons: string[];
  /** The API error that failed the step (after the SDK's retries). */
  error?: { code: string; message: string };
}

export type EngineOutcome = 'applied' | 'no-changes' | 'failed' | 'not-attempted';

export interface EngineReport {
  engine: string;
  file: string;
  outcome: EngineOutcome;
  steps: StepResult[];
}

export interface StepCounts {
  done: number;
  failed: number;
  notAttempted: number;
}

export type ApplyStatus = 'applied' | 'no-changes' | 'failed' | 'refused';

export interface ApplyReport {
  formatVersion: typeof APPLY_REPORT_FORMAT_VERSION;
  /** `refused`: nothing was done (stale plan, plan errors, not approved...); the diagnostics say why. */
  status: ApplyStatus;
  diagnostics: Diagnostic[];
  engines: EngineReport[];
  counts: StepCounts;
}

export function countSteps(engines: EngineReport[]): StepCounts {
  const steps = engines.flatMap((e) => e.steps);
  return {
    done: steps.filter((s) => s.status === 'done').length,
    failed: steps.filter((s) => s.status === 'failed').length,
    notAttempted: steps.filter((s) => s.status === 'not-attempted').length,
  };
}

/** A report of engines that were (or were not) worked on. */
export function finishedReport(engines: EngineReport[]): ApplyReport {
  const counts = countSteps(engines);
  const failed = engines.some((e) => e.outcome === 'failed');
  const status: ApplyStatus = failed ? 'failed' : counts.done > 0 ? 'applied' : 'no-changes';
  return { formatVersion: APPLY_REPORT_FORMAT_VERSION, status, diagnostics: [], engines, counts };
}

/** Nothing was done, and these say why. */
export function refusedReport(diagnostics: Diagnostic[]): ApplyReport {
  return { formatVersion: APPLY_REPORT_FORMAT_VERSION, status: 'refused', diagnostics, engines: [], counts: { done: 0, failed: 0, notAttempted: 0 } };
}

export function notAttempted(phase: PhaseName, step: Step): StepResult {
  return { ...stepIdentity(phase, step), status: 'not-attempted', reasons: [] };
}

export type StepIdentity = Pick<StepResult, 'phase' | 'type' | 'name' | 'target' | 'mode'>;

/** What a step is, as the report names it. */
export function stepIdentity(phase: PhaseName, step: Step): StepIdentity {
  const target = 'policyId' in step ? step.policyId : step.type === 'set-gateway' || step.type === 'detach-gateway' ? step.arn : step.type === 'update-engine' ? step.policyEngineId : undefined;
  return { phase, type: step.type, name: step.name, ...(target !== undefined && { target }), ...(step.type === 'set-gateway' && { mode: step.mode }) };
}

/** Progress while an apply runs, for the CLI's terminal lines and the action's log (render/progress.ts). */
export type ProgressEvent =
  | { kind: 'phase'; engine: string; phase: PhaseName; why: string; steps: number }
  | { kind: 'step'; engine: string; result: StepResult; finished: number; total: number };
