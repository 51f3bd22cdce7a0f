// An engine file with errors is reported once, by its own diagnostics: the policies and tests naming its engine are
// not blamed for them, and where the errors leave its gateways and variables intact its policies are still checked.
import { afterAll, describe, expect, it } from 'vitest';
import { validateJson } from '../helpers/cli.js';
import { lineOf, makeRepo, readRepoFile, removeRepos, replace } from '../helpers/repo.js';

afterAll(removeRepos);

const LOCAL = 'engines/local.yaml';
const PROD = 'engines/production.yaml';
const REFUND = 'policies/business_rules/refund_under_500.cedar';
const BUSINESS = 'policies/business_rules/policies.yaml';
const MODE_TYPO = replace('    mode: ENFORCE\n    authorizerType: CUSTOM_JWT\n    targets:\n      - name: RefundTarget', '    mode: ENFORCED\n    authorizerType: CUSTOM_JWT\n    targets:\n      - name: RefundTarget');
const forProd = replace('    file: refund_under_500.cedar\n', '    file: refund_under_500.cedar\n    engines: [CustomerService_prod]\n');

describe('an engine file with a schema error', () => {
  it.each([
    ['a gateway mode', MODE_TYPO, 'mode: ENFORCED'],
    ['a tool input type', replace('amount: { type: integer }\n                reason', 'amount: { type: integr }\n                reason'), 'type: integr'],
    ['a variable that is not a string', replace('variables:\n', 'variables:\n  refund_limit: 500\n'), 'refund_limit: 500'],
    ['a group', replace('groups: [authentication, authorization, business_rules, emergency]', 'groups: [authentication, authorization, business_rules, emergencies]'), 'groups:'],
  ])('in %s gives that one error, and nothing that names the engine is blamed', async (_, edit, marker) => {
    const root = await makeRepo({ [PROD]: edit, [BUSINESS]: forProd, 'policies/business_rules/refunds.test.yaml': replace('  expect: allow\n', '  expect: allow\n  engine: CustomerService_prod\n') });
    const result = await validateJson(root);
    expect(result.code).toBe(1);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors, JSON.stringify(result.diagnostics, null, 2)).toEqual([expect.objectContaining({ code: 'repository/schema', file: PROD, line: lineOf(await readRepoFile(root, PROD), marker) })]);
    // The one case meant for that engine alone is not checked; the note says so instead of blaming the case.
    expect(result.diagnostics.filter((d) => d.severity === 'warning').map((d) => [d.code, d.message])).toEqual([['test/not-checked', `1 test case not checked: the engine files that may declare their engine have errors (${PROD})`]]);
  });

  it('keeps checking the policies against an engine whose gateways are intact', async () => {
    const root = await makeRepo({ [PROD]: replace('description: Customer service', 'descripton: Customer service'), [REFUND]: replace('input.amount', 'input.amonut') });
    const result = await validateJson(root, ['--engine', 'CustomerService_prod']);
    const report = JSON.parse(result.stdout) as { diagnostics: { code: string; file: string; engine: string | null; message: string }[] };
    expect(report.diagnostics.filter((d) => !d.code.startsWith('finding/')).map((d) => [d.code, d.file, d.engine])).toEqual([
      ['repository/unknown-key', PROD, null],
      ['cedar/validation', REFUND, 'CustomerService_prod'],
    ]);
    expect(report.diagnostics[0]!.message).toContain('did you mean "description"?');
  });

  it('--engine naming it is not an unknown engine', async () => {
    const root = await makeRepo({ [PROD]: MODE_TYPO });
    const result = await validateJson(root, ['--engine', 'CustomerService_prod']);
    expect(result.code).toBe(1);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['repository/schema']);
  });
});

describe('the only engine file does not load', () => {
  const onlyLocal = (edit: (text: string) => string) => ({ [PROD]: null, [LOCAL]: edit });

  it.each([
    ['a YAML syntax error', replace('region: us-west-2', 'region: [us-west-2'), 'repository/yaml-syntax'],
    ['a bad engine name', replace('name: CustomerService_local', 'name: 1CustomerService'), 'repository/schema'],
    ['a document that is a list', () => '- name: CustomerService_local\n', 'repository/schema'],
  ])('after %s, it says the tests were not checked, never "engine undefined"', async (_, edit, code) => {
    const result = await validateJson(await makeRepo(onlyLocal(edit)));
    expect(result.code).toBe(1);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.file])).toEqual([[code, LOCAL]]);
    expect(result.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message)).toEqual([`29 test cases not checked: the engine files that may declare their engine have errors (${LOCAL})`]);
    expect(result.stdout).not.toContain('undefined');
  });

  it('an --engine it may declare says the file did not load', async () => {
    const result = await validateJson(await makeRepo(onlyLocal(replace('region: us-west-2', 'region: [us-west-2'))), ['--engine', 'CustomerService_local']);
    expect(result.diagnostics.find((d) => d.code === 'repository/unknown-engine')?.message).toBe(`no engine named CustomerService_local in engines/; ${LOCAL} did not load, see its errors`);
  });
});
