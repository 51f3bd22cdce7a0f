// `validate` end to end: every error path of every layer, each from a real bad file in a copy of the example
// repository, checked through the CLI's JSON output for its code, file and line.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/repository/source-file.js';
import { runCli, validateJson } from '../helpers/cli.js';
import { lineOf, makeRepo, PROJECT_ROOT, readRepoFile, removeRepos, replace, type Tree } from '../helpers/repo.js';

afterAll(removeRepos);

const REFUND = 'policies/business_rules/refund_under_500.cedar';
const BUSINESS = 'policies/business_rules/policies.yaml';
const AUTHORIZATION = 'policies/authorization/policies.yaml';
const EMERGENCY = 'policies/emergency/policies.yaml';
const LOCAL = 'engines/local.yaml';
const PROD = 'engines/production.yaml';
const REFUND_TESTS = 'policies/business_rules/refunds.test.yaml';
/** Test cases are located by the line of their `- name:`. */
const FIRST_REFUND_CASE = '- name: a refund of 450 by refund-agent is allowed';
/** A line a stack trace would print; no bad input may produce one. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

interface Row {
  name: string;
  changes: Tree;
  code: string;
  file: string;
  /** The expected line: a number, the first line of `file` (after the changes) containing this text, or null. */
  at: number | string | null;
  severity?: 'error' | 'warning';
  message?: RegExp;
}

const rows: Row[] = [
  // Layer 1: YAML syntax and JSON Schema.
  { name: 'invalid YAML', changes: { [BUSINESS]: replace('- name: RefundUnder500', '- name: RefundUnder500: [oops') }, code: 'repository/yaml-syntax', file: BUSINESS, at: 'oops' },
  { name: 'a duplicate key', changes: { [LOCAL]: replace('region: us-west-2\n', 'region: us-west-2\nregion: us-east-1\n') }, code: 'repository/duplicate-key', file: LOCAL, at: 'region: us-east-1' },
  { name: 'a wrong type', changes: { [BUSINESS]: replace('file: refund_under_500.cedar\n', 'file: refund_under_500.cedar\n    enabled: "yes"\n') }, code: 'repository/schema', file: BUSINESS, at: 'enabled: "yes"', message: /boolean/ },
  { name: 'a number where a string belongs', changes: { [BUSINESS]: replace('version: 1.0.0\n    description: Allow refund-agent', 'version: 1.0\n    description: Allow refund-agent') }, code: 'repository/schema', file: BUSINESS, at: 'version: 1.0\n', message: /string/ },
  { name: 'a misspelled manifest key', changes: { [BUSINESS]: replace('file: refund_under_500.cedar\n', 'file: refund_under_500.cedar\n    enabeld: false\n') }, code: 'repository/unknown-key', file: BUSINESS, at: 'enabeld', message: /did you mean "enabled"/ },
  { name: 'a misspelled engine key', changes: { [LOCAL]: replace('\ngateways:', '\ngatways:') }, code: 'repository/unknown-key', file: LOCAL, at: 'gatways', message: /did you mean "gateways"/ },
  { name: 'a misspelled input schema key', changes: { [LOCAL]: replace('required: [orderId, amount]', 'requird: [orderId, amount]') }, code: 'repository/unknown-key', file: LOCAL, at: 'requird', message: /did you mean "required"/ },
  { name: 'a misspelled test key', changes: { [REFUND_TESTS]: replace('  expect: allow\n', '  expcet: allow\n') }, code: 'repository/unknown-key', file: REFUND_TESTS, at: 'expcet', message: /did you mean "expect"/ },
  { name: 'a bad policy name', changes: { [BUSINESS]: replace('name: RefundUnder500', 'name: Refund-Under-500') }, code: 'repository/schema', file: BUSINESS, at: 'Refund-Under-500' },
  { name: 'a bad engine name', changes: { [LOCAL]: replace('name: CustomerService_local', 'name: 1CustomerService') }, code: 'repository/schema', file: LOCAL, at: '1CustomerService' },
  { name: 'a bad gateway ARN', changes: { [LOCAL]: replace('  - arn: "{{refund_gateway}}"', '  - arn: arn:aws:s3:::bucket/refund') }, code: 'repository/schema', file: LOCAL, at: 'arn:aws:s3', message: /must be a gateway ARN, .*\(e\.g\. arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway\/refund-gateway-a1b2c3d4e5\)$/ },
  { name: 'a bad gateway ARN in the variable its arn is filled from', changes: { [LOCAL]: replace('  refund_gateway: arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5', '  refund_gateway: arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway') }, code: 'repository/schema', file: LOCAL, at: '  - arn: "{{refund_gateway}}"', message: /10 lower-case letters or digits AgentCore adds .*\(its value "arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway\/refund-gateway" is filled from \{\{refund_gateway\}\}\)$/ },
  { name: 'an unknown variable in an engine file', changes: { [LOCAL]: replace('  - arn: "{{refund_gateway}}"', '  - arn: "{{refund_gatway}}"') }, code: 'repository/unknown-variable', file: LOCAL, at: '{{refund_gatway}}', message: /has no variable "refund_gatway"; did you mean "refund_gateway"\?$/ },
  { name: 'a gateway ARN without the id suffix (the seed guide\'s)', changes: { [LOCAL]: replace('  - arn: "{{refund_gateway}}"', '  - arn: arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway') }, code: 'repository/schema', file: LOCAL, at: 'gateway/refund-gateway\n', message: /the id is the gateway name in lower case, a hyphen and the 10 lower-case letters or digits AgentCore adds/ },
  { name: 'an unknown enum value', changes: { [LOCAL]: replace('groups: [authentication,', 'groups: [authenticaton,') }, code: 'repository/schema', file: LOCAL, at: 'groups:' },
  { name: 'an empty manifest', changes: { [BUSINESS]: '' }, code: 'repository/empty-file', file: BUSINESS, at: 1 },
  { name: 'an empty engine file', changes: { [PROD]: '# nothing yet\n' }, code: 'repository/empty-file', file: PROD, at: 1 },
  { name: 'a YAML alias bomb', changes: { [REFUND_TESTS]: aliasBomb() }, code: 'repository/yaml-syntax', file: REFUND_TESTS, at: 1 },
  { name: 'several YAML documents in one file', changes: { [PROD]: (text) => `${text}---\nname: Other\n` }, code: 'repository/yaml-syntax', file: PROD, at: '---' },

  // Files: existence, encoding, size, and staying inside the repository.
  { name: 'a missing policy file', changes: { [REFUND]: null }, code: 'repository/file-missing', file: BUSINESS, at: 'file: refund_under_500.cedar' },
  { name: 'a misspelled policy file', changes: { [BUSINESS]: replace('file: refund_under_500.cedar', 'file: refund_under_50.cedar') }, code: 'repository/file-missing', file: BUSINESS, at: 'file: refund_under_50.cedar', message: /does not exist; did you mean "refund_under_500\.cedar"\?$/ },
  { name: 'a missing manifest', changes: { 'policies/authentication/policies.yaml': null }, code: 'repository/file-missing', file: 'policies/authentication/policies.yaml', at: null },
  { name: 'an empty policy file', changes: { [REFUND]: '' }, code: 'validate/empty-policy', file: REFUND, at: 1 },
  { name: 'a policy file holding only a comment', changes: { [REFUND]: '// TODO: write the refund rule\n' }, code: 'validate/empty-policy', file: REFUND, at: 1 },
  { name: 'a policy file that is not UTF-8', changes: { [REFUND]: latin1('permit (\n  principal,\n  action, // caf\u00e9\n  resource\n);\n') }, code: 'repository/not-utf8', file: REFUND, at: 3 },
  { name: 'a manifest that is not UTF-8', changes: { [BUSINESS]: latin1(example(BUSINESS).replace('refunds under $500', 'refunds under \u00a3500')) }, code: 'repository/not-utf8', file: BUSINESS, at: lineOf(example(BUSINESS), 'refunds under $500') },
  { name: 'a policy file that is a folder', changes: { [REFUND]: null, [`${REFUND}/README`]: 'not a policy' }, code: 'repository/not-a-file', file: REFUND, at: 1 },
  { name: 'a policy file over the size limit', changes: { [REFUND]: oversized() }, code: 'repository/file-too-large', file: REFUND, at: 1 },
  { name: 'a policy path with ..', changes: { [BUSINESS]: replace('file: refund_under_500.cedar', 'file: ../authorization/premium_tier_transfer.cedar') }, code: 'repository/path-escape', file: BUSINESS, at: '../authorization' },
  { name: 'a policy file that links outside', changes: { [REFUND]: { symlink: join(PROJECT_ROOT, REFUND) } }, code: 'repository/path-escape', file: BUSINESS, at: 'file: refund_under_500.cedar' },
  { name: 'an engine file that links outside', changes: { 'engines/shared.yaml': { symlink: join(PROJECT_ROOT, LOCAL) } }, code: 'repository/path-escape', file: 'engines/shared.yaml', at: 1 },
  { name: 'a group folder that links outside', changes: { 'policies/authentication': { symlink: join(PROJECT_ROOT, 'policies/authentication') } }, code: 'repository/path-escape', file: 'policies/authentication/policies.yaml', at: 1 },
  { name: 'a test file that links outside', changes: { 'policies/authorization/more.test.yaml': { symlink: join(PROJECT_ROOT, REFUND_TESTS) } }, code: 'repository/path-escape', file: 'policies/authorization/more.test.yaml', at: 1 },
  { name: 'no engine files', changes: { [LOCAL]: null, [PROD]: null }, code: 'repository/no-engines', file: 'engines', at: null },
  { name: 'an unknown group folder', changes: { 'policies/authorisation/policies.yaml': 'policies: []\n' }, code: 'repository/unknown-group', file: 'policies/authorisation', at: null, message: /did you mean "authorization"/ },

  // Layer 2: cross-checks.
  { name: 'an invalid semver', changes: { [BUSINESS]: replace('version: 1.0.0\n    description: Allow refund-agent', 'version: "1.0"\n    description: Allow refund-agent') }, code: 'repository/invalid-semver', file: BUSINESS, at: 'version: "1.0"' },
  { name: 'a duplicate policy name', changes: { [EMERGENCY]: replace('name: DisableAllTools', 'name: RefundUnder500') }, code: 'validate/duplicate-name', file: EMERGENCY, at: 'name: RefundUnder500' },
  { name: 'the reserved apply-lock name', changes: { [EMERGENCY]: replace('name: DisableAllTools', 'name: AgentcorePolicyApplyLock') }, code: 'validate/reserved-name', file: EMERGENCY, at: 'name: AgentcorePolicyApplyLock' },
  { name: 'a duplicate engine name', changes: { [PROD]: replace('name: CustomerService_prod', 'name: CustomerService_local') }, code: 'validate/duplicate-engine', file: PROD, at: 1 },
  { name: 'two policies sharing a file', changes: { [AUTHORIZATION]: replace('file: standard_tier_transfer.cedar', 'file: premium_tier_transfer.cedar') }, code: 'validate/duplicate-file', file: AUTHORIZATION, at: '- name: StandardTierTransfer' },
  { name: 'an unknown engine in a manifest', changes: { [BUSINESS]: replace('file: refund_under_500.cedar\n', 'file: refund_under_500.cedar\n    engines: [CustomerService_lcoal]\n') }, code: 'repository/unknown-engine', file: BUSINESS, at: '- name: RefundUnder500', message: /did you mean "CustomerService_local"/ },
  {
    name: 'a policy for an engine that does not deploy its group',
    changes: { [PROD]: replace('groups: [authentication, authorization, business_rules, emergency]', 'groups: [authentication, authorization, business_rules]'), [EMERGENCY]: replace('file: disable_all_tools.cedar\n', 'file: disable_all_tools.cedar\n    engines: [CustomerService_prod]\n') },
    code: 'validate/group-not-deployed', file: EMERGENCY, at: '- name: DisableAllTools',
  },
  { name: 'a statement over 10,000 characters', changes: { [REFUND]: replace('context.input.amount < 500', `context.input.amount < 500 && context.input.orderId != "${'x'.repeat(10_000)}"`) }, code: 'validate/statement-length', file: REFUND, at: 1 },
  { name: 'a variable that makes a statement too long', changes: { [LOCAL]: (text) => replace('  - arn: "{{refund_gateway}}"', '  - arn: "{{unused_refund_gateway}}"')(replace('  refund_gateway: arn', `  refund_gateway: ${'y'.repeat(10_000)}\n  unused_refund_gateway: arn`)(text)) }, code: 'validate/statement-length', file: REFUND, at: 1, message: /CustomerService_local/ },
  { name: 'a test naming an unknown engine', changes: { [REFUND_TESTS]: replace('  expect: allow\n', '  expect: allow\n  engine: CustomerService_stage\n') }, code: 'repository/unknown-engine', file: REFUND_TESTS, at: FIRST_REFUND_CASE },
  { name: 'a test with an unknown variable', changes: { [REFUND_TESTS]: replace('  resource: "{{refund_gateway}}"\n  input: { orderId: "12345"', '  resource: "{{refund_gatewy}}"\n  input: { orderId: "12345"') }, code: 'validate/unknown-variable', file: REFUND_TESTS, at: FIRST_REFUND_CASE, message: /has no variable "refund_gatewy"; did you mean "refund_gateway"\?/ },
  { name: 'a test with a misspelled input', changes: { [REFUND_TESTS]: replace('input: { orderId: "12345", amount: 450', 'input: { orderId: "12345", amount: 450, resaon: x') }, code: 'test/unknown-input', file: REFUND_TESTS, at: FIRST_REFUND_CASE, message: /did you mean "reason"/ },
  { name: 'a test missing a required input', changes: { [REFUND_TESTS]: replace('input: { orderId: "12345", amount: 450, ', 'input: { orderId: "12345", ') }, code: 'test/missing-input', file: REFUND_TESTS, at: FIRST_REFUND_CASE, message: /"amount"/ },
  { name: 'a test without a resource on an engine of several gateways', changes: { [REFUND_TESTS]: replace('action: RefundTarget___process_refund\n  resource: "{{refund_gateway}}"\n  input: { orderId: "12345"', 'action: RefundTarget___process_refund\n  input: { orderId: "12345"') }, code: 'test/missing-resource', file: REFUND_TESTS, at: FIRST_REFUND_CASE },
  { name: 'a test calling an unknown tool', changes: { [REFUND_TESTS]: replace('action: RefundTarget___process_refund\n  resource: "{{refund_gateway}}"\n  input: { orderId: "12345"', 'action: RefundTarget___process_refunds\n  resource: "{{refund_gateway}}"\n  input: { orderId: "12345"') }, code: 'test/unknown-action', file: REFUND_TESTS, at: FIRST_REFUND_CASE, message: /did you mean "RefundTarget___process_refund"/ },

  // Layer 3: Cedar syntax, and what variables may not do.
  { name: 'a Cedar syntax error', changes: { [REFUND]: replace('context.input.amount < 500', 'context.input.amount < < 500') }, code: 'cedar/syntax', file: REFUND, at: '< < 500' },
  { name: 'several policies in one file', changes: { [REFUND]: (text) => `${text}\nforbid (principal, action, resource)\nwhen { context.input.amount > 400 };\n` }, code: 'validate/multiple-policies', file: REFUND, at: 'forbid' },
  // Cedar ends a `//` comment at a lone carriage return too: what follows it on that line is code, for the tool as well.
  { name: 'a second policy after a comment ended by a lone carriage return', changes: { [REFUND]: (text) => `${text.trimEnd()} // refunds\rforbid (principal, action, resource) when { context.input.amount > 400 };\n` }, code: 'validate/multiple-policies', file: REFUND, at: example(REFUND).trimEnd().split('\n').length + 1 },
  { name: 'a placeholder after a comment ended by a lone carriage return', changes: { [REFUND]: replace('context.input.amount < 500', 'context.input.amount < 500 // "limit"\r&& {{refund_limit}}') }, code: 'validate/placeholder-outside-string', file: REFUND, at: lineOf(example(REFUND), 'context.input.amount') + 1 },
  { name: 'a placeholder outside a string literal', changes: { [REFUND]: replace('context.input.amount < 500', 'context.input.amount < {{refund_limit}}') }, code: 'validate/placeholder-outside-string', file: REFUND, at: '{{refund_limit}}' },
  { name: 'a malformed placeholder', changes: { [REFUND]: replace('{{refund_gateway}}', '{{refund_gateway}') }, code: 'validate/invalid-placeholder', file: REFUND, at: '{{refund_gateway}' },
  { name: 'a placeholder with a bad name', changes: { [REFUND]: replace('{{refund_gateway}}', '{{refund-gateway}}') }, code: 'validate/invalid-placeholder', file: REFUND, at: '{{refund-gateway}}' },
  { name: 'a malformed placeholder in a test', changes: { [REFUND_TESTS]: replace('  resource: "{{refund_gateway}}"\n  input: { orderId: "12345"', '  resource: "{{ refund_gateway }"\n  input: { orderId: "12345"') }, code: 'validate/invalid-placeholder', file: REFUND_TESTS, at: FIRST_REFUND_CASE },
  // AWS's guide writes the gateway ARN without the id suffix AgentCore adds: no gateway ever has it.
  { name: "the guide's illustrative gateway ARN in a policy", changes: { [REFUND]: replace('{{refund_gateway}}', 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway') }, code: 'validate/gateway-arn', file: REFUND, at: 'gateway/refund-gateway', message: /^gateway "arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway\/refund-gateway" must be a gateway ARN, .*the 10 lower-case letters or digits AgentCore adds \(e\.g\. arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway\/refund-gateway-a1b2c3d4e5\); a policy naming it never matches a gateway of engine CustomerService_local$/m },
  { name: "the guide's illustrative gateway ARN as a test's resource", changes: { [REFUND_TESTS]: replace('  resource: "{{refund_gateway}}"\n  input: { orderId: "12345"', '  resource: arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway\n  input: { orderId: "12345"') }, code: 'validate/gateway-arn', file: REFUND_TESTS, at: FIRST_REFUND_CASE, message: /resource: gateway "arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway\/refund-gateway" must be a gateway ARN, .*\(e\.g\. [^)]+refund-gateway-a1b2c3d4e5\)$/m },
  { name: 'an unknown variable', changes: { [REFUND]: replace('{{refund_gateway}}', '{{refund_gatway}}') }, code: 'validate/unknown-variable', file: REFUND, at: 'refund_gatway', message: /refund_gatway/ },

  // Layer 4: schema-aware validation against the engine's gateways.
  { name: 'a misspelled input field', changes: { [REFUND]: replace('input.amount', 'input.amonut') }, code: 'cedar/validation', file: REFUND, at: 'amonut', message: /amonut/ },
  { name: 'an unknown tool', changes: { [REFUND]: replace('RefundTarget___process_refund', 'RefundTarget___process_refunds') }, code: 'cedar/validation', file: REFUND, at: 'process_refunds' },
  { name: 'an unknown target', changes: { [REFUND]: replace('RefundTarget___process_refund', 'RefundTargt___process_refund') }, code: 'cedar/validation', file: REFUND, at: 'RefundTargt' },
  { name: 'an optional input read without has', changes: { [REFUND]: replace('context.input.amount < 500', 'context.input.amount < 500 &&\n  context.input.reason != "test"') }, code: 'cedar/validation', file: REFUND, at: 'input.reason', message: /reason/ },
  { name: 'an input compared with the wrong type', changes: { [REFUND]: replace('context.input.amount < 500', 'context.input.amount == "500"') }, code: 'cedar/validation', file: REFUND, at: '"500"' },

  // Layer 5: lints for the seed's pitfalls.
  { name: 'getTag without hasTag', changes: { [REFUND]: replace('principal.hasTag("username") &&\n  ', '') }, code: 'lint/unguarded-get-tag', file: REFUND, at: 'getTag' },
  { name: 'getTag guarded only on one side of ||', changes: { [REFUND]: replace('principal.hasTag("username") &&', 'principal.hasTag("username") ||') }, code: 'lint/unguarded-get-tag', file: REFUND, at: 'getTag' },
  { name: 'resource is Gateway with a specific action', changes: { [REFUND]: replace('resource == AgentCore::Gateway::"{{refund_gateway}}"', 'resource is AgentCore::Gateway') }, code: 'lint/resource-type-with-specific-action', file: REFUND, at: 'permit', severity: 'warning' },
  { name: 'resource is Gateway with a list of actions', changes: { [REFUND]: (text) => replace('resource == AgentCore::Gateway::"{{refund_gateway}}"', 'resource is AgentCore::Gateway')(text).replace('action == AgentCore::Action::"RefundTarget___process_refund"', 'action in [AgentCore::Action::"RefundTarget___process_refund"]') }, code: 'lint/resource-type-with-specific-action', file: REFUND, at: 'permit', severity: 'warning' },
  { name: 'an engine without an enabled permit', changes: { [PROD]: replace('groups: [authentication, authorization, business_rules, emergency]', 'groups: [authentication, emergency]') }, code: 'lint/no-permit', file: PROD, at: 1 },
  { name: 'an unconditional forbid outside emergency', changes: { 'policies/authentication/block_suspended_user.cedar': 'forbid (\n  principal is AgentCore::OAuthUser,\n  action,\n  resource\n);\n' }, code: 'lint/unconditional-forbid', file: 'policies/authentication/block_suspended_user.cedar', at: 'forbid' },
  { name: 'an emergency policy enabled by default', changes: { [EMERGENCY]: replace('file: disable_transfer_funds.cedar\n    version: 1.0.0\n    description: Emergency kill switch for the transfer_funds tool on the payment gateway\n    enabled: false', 'file: disable_transfer_funds.cedar\n    version: 1.0.0\n    description: Emergency kill switch for the transfer_funds tool on the payment gateway\n    enabled: true') }, code: 'lint/emergency-enabled', file: EMERGENCY, at: 'name: DisableTransferFunds', severity: 'warning' },
];

describe.concurrent('validate reports every error path at its file and line', () => {
  it.for(rows)('$name', async (row, { expect }) => {
    const root = await makeRepo(row.changes);
    const severity = row.severity ?? 'error';
    const result = await validateJson(root, severity === 'warning' ? ['--deny-warnings'] : []);
    expect(result.code).toBe(1);
    expect(result.ok).toBe(false);
    const line = typeof row.at === 'string' ? lineOf(await readRepoFile(root, row.file), row.at) : row.at;
    const found = result.diagnostics.filter((d) => d.code === row.code && d.file === row.file && d.severity === severity);
    expect(found.map((d) => d.line), JSON.stringify(result.diagnostics, null, 2)).toContain(line);
    if (row.message) expect(found.map((d) => d.message).join('\n')).toMatch(row.message);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(STACK_FRAME);
    if (severity === 'warning') expect((await validateJson(root)).code).toBe(0);
  });
});

describe('positions count characters, after non-ASCII text and filled variables', () => {
  const oneLine = 'permit (principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"{{refund_gateway}}") when { "café" != "thé" && context.input.amonut < 500 };\n';
  const twoLines = 'permit (principal, action, resource)\nwhen { "café" != "thé" && context.input.amount < < 500 };\n';
  it.each([
    { name: 'schema validation on a filled statement', text: oneLine, code: 'cedar/validation', marker: 'context.input.amonut' },
    { name: 'a syntax error', text: twoLines, code: 'cedar/syntax', marker: '< 500' },
  ])('$name', async ({ text, code, marker }) => {
    const result = await validateJson(await makeRepo({ [REFUND]: text }));
    const before = text.slice(0, text.indexOf(marker));
    const expected = { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
    expect(result.diagnostics.filter((d) => d.code === code).map(({ file, line, column }) => ({ file, line, column }))).toContainEqual({ file: REFUND, ...expected });
  });
});

describe('validate on the example repository', () => {
  it('is clean with --deny-warnings', async () => {
    const result = await runCli(['validate', '--dir', PROJECT_ROOT, '--deny-warnings']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Valid: 12 policies, 2 engines, 29 test cases; 0 errors, 0 warnings, 3 notes\.$/m);
  });

  it('prints GitHub annotations named from the working directory', async () => {
    const root = await makeRepo({ [REFUND]: replace('input.amount', 'input.amonut') });
    const relative = basename(root);
    const result = await runCli(['validate', '--dir', relative, '--format', 'github'], { cwd: dirname(root) });
    expect(result.code).toBe(1);
    const line = lineOf(await readRepoFile(root, REFUND), 'amonut');
    expect(result.stdout).toContain(`::error file=${relative}/${REFUND},line=${line},col=`);
    expect(result.stdout).toMatch(/,title=cedar\/validation::.*amonut/);
  });

  it('refuses an unknown --engine', async () => {
    const result = await validateJson(PROJECT_ROOT, ['--engine', 'CustomerService_stage']);
    expect(result.code).toBe(1);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'repository/unknown-engine', message: expect.stringContaining('CustomerService_stage') })]);
  });

  it('counts in words: one engine is "1 engine"', async () => {
    const result = await runCli(['validate', '--dir', PROJECT_ROOT, '--engine', 'CustomerService_local']);
    expect(result.stdout).toMatch(/^Valid: 12 policies, 1 engine, 29 test cases; 0 errors, 0 warnings, 3 notes\.$/m);
  });

  it('checks only the engine asked for', async () => {
    const root = await makeRepo({ [PROD]: replace('groups: [authentication, authorization, business_rules, emergency]', 'groups: [authentication, emergency]') });
    expect((await validateJson(root, ['--engine', 'CustomerService_local'])).code).toBe(0);
    expect((await validateJson(root, ['--engine', 'CustomerService_prod'])).code).toBe(1);
  });

  it('refuses an unknown --format as a usage error', async () => {
    const result = await runCli(['validate', '--dir', PROJECT_ROOT, '--format', 'yaml']);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain('--format must be one of text, json, github');
  });

  it('reports a folder that is not a repository', async () => {
    const result = await validateJson(join(PROJECT_ROOT, 'no-such-folder'));
    expect(result.code).toBe(1);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['repository/no-repository']);
  });
});

describe('variables cannot inject Cedar', () => {
  it('keeps a value with quotes inside its string literal', async () => {
    const root = await makeRepo({
      [LOCAL]: replace('variables:\n', 'variables:\n  refund_reason: \'" || true || "\'\n'),
      [REFUND]: replace('context.input.amount < 500', 'context.input.amount < 500 &&\n  context.input has reason &&\n  context.input.reason == "{{refund_reason}}"'),
      [PROD]: replace('variables:\n', 'variables:\n  refund_reason: Defective product\n'),
    });
    expect((await validateJson(root, ['--deny-warnings'])).code).toBe(0);
    // Had the value escaped its literal, `|| true ||` would allow the 450 refund on the local engine.
    const tests = JSON.parse((await runCli(['test', '--dir', root, '--format', 'json'])).stdout) as { cases: { name: string; engine: string; actual: string }[] };
    const decisions = tests.cases.filter((c) => c.name === 'a refund of 450 by refund-agent is allowed').map((c) => [c.engine, c.actual]);
    expect(decisions).toEqual([
      ['CustomerService_local', 'deny'],
      ['CustomerService_prod', 'allow'],
    ]);
  });
});

describe('an unknown action', () => {
  it.each([
    ['a misspelled tool', 'RefundTarget___process_refnd', 'RefundTarget___process_refund'],
    ['a tool no gateway has', 'RefundTarget___refund_everything', undefined],
  ])('is %s: one error at the action, naming the engine\'s actions, and no warnings after it', async (_, id, meant) => {
    const root = await makeRepo({ [REFUND]: replace('RefundTarget___process_refund', id) });
    const source = await readRepoFile(root, REFUND);
    const { diagnostics } = await validateJson(root);
    const line = lineOf(source, id);
    // Both engines have these gateways: the same error for each is said once.
    expect(diagnostics.filter((d) => d.file === REFUND).map((d) => [d.severity, d.code, d.line, d.column])).toEqual([
      ['error', 'cedar/validation', line, source.split('\n')[line - 1]!.indexOf('AgentCore::Action') + 1],
    ]);
    for (const { message } of diagnostics.filter((d) => d.file === REFUND)) {
      expect(message).toMatch(new RegExp(`^unknown action AgentCore::Action::"${id}"${meant ? ` \\(did you mean "${meant}"\\?\\)` : ''}; the engine's gateways offer: `));
      expect(message).toContain('PaymentTarget___transfer_funds');
      expect(message).not.toMatch(/impossible|applicable|"Mcp"/);
    }
  });
});

describe('a comment ended by a lone carriage return', () => {
  it('leaves the placeholders after it to be filled, as Cedar reads them as code', async () => {
    const root = await makeRepo({ [REFUND]: replace('  resource == AgentCore::Gateway::"{{refund_gateway}}"', '  // the gateway, "as named\r  resource == AgentCore::Gateway::"{{refund_gateway}}"') });
    expect((await validateJson(root)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Unfilled, the resource would match no gateway and the refund cases would be denied.
    const tests = JSON.parse((await runCli(['test', '--dir', root, '--format', 'json'])).stdout) as { cases: { name: string; passed: boolean }[] };
    expect(tests.cases.filter((c) => c.name.includes('refund') && !c.passed)).toEqual([]);
    expect(tests.cases.filter((c) => c.name === 'a refund of 450 by refund-agent is allowed')).toHaveLength(2);
  });
});

function latin1(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

function example(path: string): string {
  return readFileSync(join(PROJECT_ROOT, path), 'utf8');
}

function oversized(): string {
  const policy = 'permit (principal, action, resource);\n';
  return `${'// padding\n'.repeat(Math.ceil((2 * MAX_FILE_BYTES) / 11))}${policy}`;
}

function aliasBomb(): string {
  const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
  for (let i = 1; i < 8; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  return `${levels.join('\n')}\n`;
}
