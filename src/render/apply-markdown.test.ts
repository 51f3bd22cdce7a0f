import { describe, expect, it } from 'vitest';
import { renderApplyMarkdown } from './apply-report.js';
import { finishedReport, type EngineReport, type StepResult } from '../plan/apply-report.js';
import { fitApplyMarkdown } from './apply-markdown.js';

const URL = 'https://github.com/acme/policies/actions/runs/42';

function engineOf(count: number, failAt?: number): EngineReport {
  const steps: StepResult[] = Array.from({ length: count }, (_, i) => ({
    phase: 'permits-created',
    type: 'create-policy',
    name: `Policy${i}`,
    target: `Policy${i}-0123456789`,
    status: failAt === undefined || i < failAt ? 'done' : i === failAt ? 'failed' : 'not-attempted',
    reasons: i === failAt ? ['unrecognized action'] : [],
  }));
  return { engine: 'Main', file: 'engines/main.yaml', outcome: failAt === undefined ? 'applied' : 'failed', steps };
}

describe('fitApplyMarkdown', () => {
  it('is the CLI renderer itself when the report fits', () => {
    const report = finishedReport([engineOf(3)]);
    expect(fitApplyMarkdown(report, 10_000, URL)).toBe(renderApplyMarkdown(report));
  });

  it('leaves out done steps first, keeps the failure, and still counts every step in the closing line', () => {
    const report = finishedReport([engineOf(3000, 2990)]);
    const text = fitApplyMarkdown(report, 20_000, URL);
    expect(text.length).toBeLessThanOrEqual(20_000);
    expect(text).toContain('| permits-created | create policy Policy2990 (Policy2990-0123456789) | ❌ failed |');
    expect(text).toContain('**Why create policy Policy2990');
    expect(text).toContain('| permits-created | create policy Policy2999 (Policy2999-0123456789) | ⏸️ not attempted |');
    expect(text).toContain('Apply failed&#58; 2990 done, 1 failed, 9 not attempted.');
    const shown = text.match(/^\| permits-created \|/gm)!.length;
    expect(text).toContain(`> To fit, ${3000 - shown} of 3000 steps are not listed. [Read the full report](${URL}).`);
  });

  it('says resources added for the whole apply, not for the steps shown', () => {
    const text = fitApplyMarkdown(finishedReport([engineOf(3000)]), 5_000);
    expect(text).toContain('Apply complete&#33; Resources&#58; 3000 added, 0 changed, 0 destroyed.');
    expect(text).toContain('The job log lists them all.');
  });
});
