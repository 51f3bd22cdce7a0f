import { describe, expect, it } from 'vitest';
import { planEngine } from '../plan/plan-engine.js';
import { applied, desired, engine, live, options, permit } from '../../test/builders/plan.js';
import type { PolicyChange } from '../plan/types.js';
import { statementDiff } from './statement-diff.js';

const change = (plan: ReturnType<typeof planEngine>, name: string) => plan.changes.find((c): c is PolicyChange => c.kind === 'policy' && c.name === name)!;

describe('statementDiff', () => {
  it('numbers an empty side like diff -u, for a create and a delete', () => {
    const a = desired('A', permit('a'));
    expect(statementDiff(change(planEngine(engine({ policies: [a] }), live(), options), 'A'))).toEqual([
      '--- /dev/null',
      '+++ A (repository)',
      '@@ -0,0 +1,1 @@',
      `+${a.statement}`,
    ]);
    expect(statementDiff(change(planEngine(engine(), live({ policies: [applied(a)] }), options), 'A'))).toEqual([
      '--- A (live)',
      '+++ /dev/null',
      '@@ -1,1 +0,0 @@',
      `-${a.statement}`,
    ]);
  });

  it('is empty when the statement does not change', () => {
    const old = desired('A', permit('a'), { description: 'old' });
    const now = desired('A', permit('a'), { description: 'new' });
    expect(statementDiff(change(planEngine(engine({ policies: [now] }), live({ policies: [applied(old)] }), options), 'A'))).toEqual([]);
    const renamed = planEngine(engine({ policies: [desired('B', permit('a'))] }), live({ policies: [applied(old)] }), options);
    expect(statementDiff(change(renamed, 'B'))).toEqual([]);
  });

  it('keeps context lines and cuts very long lines', () => {
    const long = '"' + 'x'.repeat(2000) + '"';
    const old = desired('A', `permit (principal, action, resource)\nwhen { context.input.a == ${long} };`);
    const now = { ...old, statement: `${old.statement}\n// v2`, spec: { ...old.spec, version: '1.1.0' } };
    const lines = statementDiff(change(planEngine(engine({ policies: [now] }), live({ policies: [applied(old)] }), options), 'A'));
    expect(lines.slice(0, 3)).toEqual(['--- A (live)', '+++ A (repository)', '@@ -1,1 +1,2 @@']);
    expect(lines[3]!.length).toBeLessThanOrEqual(500);
    expect(lines[3]!.endsWith('…')).toBe(true);
    expect(lines).toContain('+// v2');
  });
});
