// What a cloned repository may hold to hang, crash or deceive `validate` and `test`: files that are not regular
// files, terminal escapes in names and keys, variables named like Object.prototype members, test files big enough
// to overflow a spread. Each must end with located diagnostics, never a hang, a stack trace or raw escapes.
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/repository/source-file.js';
import { runCli, validateJson } from '../helpers/cli.js';
import { lineOf, makeRepo, readRepoFile, removeRepos, replace } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

afterAll(removeRepos);

const REFUND = 'policies/business_rules/refund_under_500.cedar';
const REFUND_TESTS = 'policies/business_rules/refunds.test.yaml';
const FIRST_CASE = '- name: a refund of 450 by refund-agent is allowed';
/** A line a stack trace would print. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

describe('files that are not regular files', { timeout: 30_000 }, () => {
  const fifo = (root: string, path: string) => execFileSync('mkfifo', [join(root, path)]);
  let server: Server | undefined;
  afterAll(() => server?.close());

  it.each([
    ['a policy file', REFUND, REFUND],
    ['an engine file', 'engines/staging.yaml', 'engines/staging.yaml'],
    ['a test file', 'policies/business_rules/more.test.yaml', 'policies/business_rules/more.test.yaml'],
    ['a manifest', 'policies/authentication/policies.yaml', 'policies/authentication/policies.yaml'],
  ])('a FIFO as %s is refused without waiting for a writer', async (_, path, reportedIn) => {
    const root = await makeRepo({ [path]: null });
    fifo(root, path);
    const result = await validateJson(root);
    expect(result.code).toBe(1);
    const found = result.diagnostics.filter((d) => d.code === 'repository/not-a-file');
    expect(found.map((d) => d.file)).toEqual([reportedIn]);
    if (path === REFUND) expect(found[0]!.line).toBe(1);
  });

  it('a socket named like a policy file is refused too', async () => {
    const root = await makeRepo({ [REFUND]: null });
    server = createServer();
    await new Promise<void>((done) => server!.listen(join(root, REFUND), done));
    const result = await validateJson(root);
    expect(result.diagnostics.filter((d) => d.code === 'repository/not-a-file').map((d) => d.file)).toEqual([REFUND]);
    server.close();
    await rm(join(root, REFUND), { force: true });
  });
});

describe('terminal escapes in what the repository says', () => {
  const ESC = '\u001b';
  const BIDI = '\u202e';

  it('validate text shows them as visible escapes (a YAML key, a test name)', async () => {
    const root = await makeRepo({
      'policies/business_rules/policies.yaml': replace('    file: refund_under_500.cedar\n', `    file: refund_under_500.cedar\n    "${ESC}]0;owned${ESC}\\\\${BIDI}x": 1\n`),
      [REFUND_TESTS]: replace(FIRST_CASE, `- name: "a ${ESC}[2Jcleared${BIDI} case"\n  description_of: x`),
    });
    const result = await runCli(['validate', '--dir', root]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain(ESC);
    expect(result.stdout).not.toContain(BIDI);
    expect(result.stdout).toContain('unknown key "\\u{1b}]0;owned\\u{1b}\\\\u{202e}x"');
    expect(result.stdout).toContain('(a \\u{1b}[2Jcleared\\u{202e} case)');
    const annotations = await runCli(['validate', '--dir', root, '--format', 'github']);
    expect(annotations.stdout).not.toContain(ESC);
  });

  it('test text shows them as visible escapes (case names and failure messages)', async () => {
    const renamed = replace(FIRST_CASE, `- name: "refund ${ESC}[31mRED${ESC}[0m ${BIDI}"`);
    const root = await makeRepo({ [REFUND_TESTS]: (text) => renamed(text).replace('  expect: allow\n', '  expect: deny\n') });
    const result = await runCli(['test', '--dir', root, '--engine', 'CustomerService_local']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain(ESC);
    expect(result.stdout).not.toContain(BIDI);
    expect(result.stdout).toContain('FAIL  refund \\u{1b}[31mRED\\u{1b}[0m \\u{202e} [CustomerService_local]: allow');
  });
});

describe('variables named like Object.prototype members', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('{{%s}} undefined is a located unknown variable in a policy and a test', async (name) => {
    const root = await makeRepo({
      [REFUND]: replace('{{refund_gateway}}', `{{${name}}}`),
      [REFUND_TESTS]: replace('  resource: "{{refund_gateway}}"\n  input: { orderId: "12345", amount: 450', `  resource: "{{${name}}}"\n  input: { orderId: "12345", amount: 450`),
    });
    const result = await validateJson(root);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(STACK_FRAME);
    expect(result.stdout).not.toContain('internal error');
    const unknown = result.diagnostics.filter((d) => d.code === 'validate/unknown-variable');
    const cedar = await readRepoFile(root, REFUND);
    const tests = await readRepoFile(root, REFUND_TESTS);
    expect(new Set(unknown.map((d) => `${d.file}:${d.line}`))).toEqual(new Set([`${REFUND}:${lineOf(cedar, `{{${name}}}`)}`, `${REFUND_TESTS}:${lineOf(tests, FIRST_CASE)}`]));
  });

  it('a variable the engine does name constructor is filled like any other', async () => {
    const gateway = (text: string) => /refund_gateway: (\S+)/.exec(text)![1]!;
    const root = await makeRepo({
      'engines/local.yaml': (text) => text.replace('variables:\n', `variables:\n  constructor: ${gateway(text)}\n`),
      'engines/production.yaml': (text) => text.replace('variables:\n', `variables:\n  constructor: ${gateway(text)}\n`),
      [REFUND]: replace('{{refund_gateway}}', '{{constructor}}'),
      [REFUND_TESTS]: (text) => text.replaceAll('{{refund_gateway}}', '{{constructor}}'),
    });
    expect((await validateJson(root, ['--deny-warnings'])).code).toBe(0);
    expect((await runCli(['test', '--dir', root])).code).toBe(0);
  });
});

describe('a test file of thousands of cases', PROCESS_TESTS, () => {
  it('with a finding in every case is reported in full, without overflowing the stack', async () => {
    const inputs = Array.from({ length: 10 }, (_, i) => `x${i}: 1`).join(', ');
    const cases = Array.from({ length: 3_800 }, (_, i) => `- name: c${i}\n  principal: {type: OAuthUser, id: u}\n  action: RefundTarget___process_refund\n  resource: "{{refund_gateway}}"\n  input: {orderId: "1", amount: 4, ${inputs}}\n  expect: allow\n`);
    const text = cases.join('');
    expect(text.length).toBeLessThan(MAX_FILE_BYTES);
    const result = await validateJson(await makeRepo({ 'policies/business_rules/big.test.yaml': text }));
    expect(result.stderr).toBe('');
    expect(result.diagnostics.filter((d) => d.code === 'test/unknown-input')).toHaveLength(3_800 * 10);
  });
});
