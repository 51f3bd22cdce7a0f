import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo, removeRepos, replace } from '../../test/helpers/repo.js';
import { LOCAL_ENGINE, PROD_ENGINE } from '../../test/action/policy-repo.js';
import { runChecks } from './checks.js';

afterAll(removeRepos);

describe('runChecks', () => {
  it('validates, then runs the tests of the selected engines only', async () => {
    const root = await makeRepo();
    const all = await runChecks(root, [], { tests: true });
    const local = await runChecks(root, [LOCAL_ENGINE], { tests: true });
    expect(new Set(all.tests!.cases.map((c) => c.engine))).toEqual(new Set([LOCAL_ENGINE, PROD_ENGINE]));
    expect(new Set(local.tests!.cases.map((c) => c.engine))).toEqual(new Set([LOCAL_ENGINE]));
    expect((await runChecks(root, [], { tests: false })).tests).toBeUndefined();
  });

  it('runs no test when the repository has errors, and reports an unknown engine', async () => {
    const root = await makeRepo({ 'policies/business_rules/refund_under_500.cedar': replace('permit (', 'permit ((') });
    const checks = await runChecks(root, [], { tests: true });
    expect(checks.diagnostics.some((d) => d.severity === 'error' && d.file === 'policies/business_rules/refund_under_500.cedar')).toBe(true);
    expect(checks.tests).toBeUndefined();
    const unknown = await runChecks(await makeRepo(), ['Nope'], { tests: true });
    expect(unknown.diagnostics).toEqual([expect.objectContaining({ code: 'repository/unknown-engine', message: 'no engine named Nope in engines/' })]);
  });
});
