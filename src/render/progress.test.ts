import { describe, expect, it } from 'vitest';
import type { ProgressEvent, StepResult } from '../plan/apply-report.js';
import { elapsedWords, progressLine, progressLog } from './progress.js';

const step = (overrides: Partial<StepResult> = {}): StepResult => ({
  phase: 'permits-changed',
  type: 'update-policy',
  name: 'RefundUnder500',
  target: 'RefundUnder500-0123456789',
  status: 'done',
  reasons: [],
  ...overrides,
});
const event = (result: StepResult, finished = 2, total = 5): ProgressEvent => ({ kind: 'step', engine: 'Main', result, finished, total });

describe('progressLine', () => {
  it('gives the time, the engine, the count, the phase, the action and the policy of a finished step', () => {
    expect(progressLine(event(step()), 1234)).toBe('+1.2s Main: [2/5] permits-changed: update policy RefundUnder500 (RefundUnder500-0123456789): done');
    expect(progressLine(event(step({ phase: 'forbids-removed', type: 'delete-policy', name: 'Old' }), 5, 5), 0)).toBe(
      '+0.0s Main: [5/5] forbids-removed: delete policy Old (RefundUnder500-0123456789): done',
    );
    expect(progressLine(event(step({ phase: 'gateway-modes', type: 'set-gateway', name: 'gw1', target: 'arn:gw', mode: 'ENFORCE' })), 61_000)).toBe(
      '+1m01s Main: [2/5] gateway-modes: set gateway gw1 to ENFORCE: done',
    );
  });

  it("says why a step failed, in the service's words or the API error's, on the same line", () => {
    expect(progressLine(event(step({ status: 'failed', reasons: ['Unrecognized action', 'bad'] })), 500)).toMatch(/: FAILED: Unrecognized action; bad$/);
    expect(progressLine(event(step({ status: 'failed', error: { code: 'AccessDenied', message: 'not allowed' } })), 500)).toMatch(/: FAILED: AccessDenied: not allowed$/);
    expect(progressLine(event(step({ status: 'not-attempted' })), 500)).toMatch(/: skipped$/);
  });

  it('gives a phase its own line, and never prints what a name carries as control characters', () => {
    expect(progressLine({ kind: 'phase', engine: 'Main', phase: 'engine', why: 'x', steps: 1 }, 100)).toBe('+0.1s Main: phase engine (1 step)');
    expect(progressLine({ kind: 'phase', engine: 'Main', phase: 'permits-created', why: 'x', steps: 3 }, 100)).toBe('+0.1s Main: phase permits-created (3 steps)');
    const line = progressLine(event(step({ name: 'Evil\u001b[2J\nName' })), 0);
    expect(line).not.toMatch(/[\u001b\n]/);
    expect(line).toContain('Evil\\u{1b}[2J ⏎ Name');
  });
});

describe('elapsedWords', () => {
  it('is in tenths of seconds under a minute, then minutes and seconds, then hours and minutes', () => {
    expect([0, 99, 100, 59_949, 59_999, 60_000, 3_599_999, 3_600_000, 7_380_000, -5].map(elapsedWords)).toEqual([
      '+0.0s',
      '+0.0s',
      '+0.1s',
      '+59.9s',
      '+59.9s',
      '+1m00s',
      '+59m59s',
      '+1h00m',
      '+2h03m',
      '+0.0s',
    ]);
  });
});

describe('progressLog', () => {
  it('times every line from when it was made, with the clock it is given', () => {
    let clock = 1000;
    const lines: string[] = [];
    const log = progressLog((line) => lines.push(line), () => clock);
    clock = 1500;
    log({ kind: 'phase', engine: 'Main', phase: 'engine', why: 'x', steps: 1 });
    clock = 13_400;
    log(event(step({ phase: 'engine', type: 'create-engine', name: 'Main', target: undefined }), 1, 1));
    expect(lines).toEqual(['+0.5s Main: phase engine (1 step)', '+12.4s Main: [1/1] engine: create engine Main: done']);
  });
});
