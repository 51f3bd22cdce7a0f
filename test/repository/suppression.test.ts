// A lint the team accepted for one policy (`lints: {ignore: [...]}` in its manifest entry): shown as suppressed in
// every format, never counted, so `--deny-warnings` stays usable; unknown lint names are errors with a suggestion.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, validateJson } from '../helpers/cli.js';
import { lineOf, makeRepo, readRepoFile, removeRepos, replace } from '../helpers/repo.js';

afterAll(removeRepos);

const AUTHENTICATION = 'policies/authentication/policies.yaml';
const BLOCK = 'policies/authentication/block_suspended_user.cedar';
const EMERGENCY = 'policies/emergency/policies.yaml';
// Unconditional (the lint), but for one principal, so it is no DENY_ALL finding (which a lint suppression does not
// silence: the service's validation mode decides).
const UNCONDITIONAL = 'forbid (\n  principal == AgentCore::OAuthUser::"suspended-user",\n  action,\n  resource\n);\n';
const ignoring = (...names: string[]) =>
  replace('    file: block_suspended_user.cedar\n', `    file: block_suspended_user.cedar\n    lints: { ignore: [${names.join(', ')}] }\n`);

interface Report {
  ok: boolean;
  diagnostics: { code: string; file: string; line: number }[];
  suppressed: { severity: string; code: string; file: string; line: number; message: string }[];
}

describe('lints a manifest entry ignores', () => {
  it('an ignored error is shown as suppressed in text, JSON and annotations, and fails nothing', async () => {
    const root = await makeRepo({ [BLOCK]: UNCONDITIONAL, [AUTHENTICATION]: ignoring('unconditional-forbid') });
    const text = await runCli(['validate', '--dir', root, '--deny-warnings']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/block_suspended_user\.cedar:1:1: suppressed lint\/unconditional-forbid: an unconditional forbid in the authentication group/);
    expect(text.stdout).toMatch(/^Valid: .*; 0 errors, 0 warnings, 3 notes, 1 suppressed\.$/m);

    const json = JSON.parse((await runCli(['validate', '--dir', root, '--format', 'json'])).stdout) as Report;
    expect(json.ok).toBe(true);
    expect(json.diagnostics.filter((d) => !d.code.startsWith('finding/'))).toEqual([]);
    expect(json.suppressed).toEqual([expect.objectContaining({ severity: 'error', code: 'lint/unconditional-forbid', file: BLOCK, line: 1 })]);

    const github = await runCli(['validate', '--dir', root, '--format', 'github']);
    expect(github.stdout).toMatch(/^::notice file=[^,]*block_suspended_user\.cedar,line=1,col=1,title=lint\/unconditional-forbid \(suppressed\)::/m);
    expect(github.stdout).not.toMatch(/^::(error|warning)/m);
  });

  it('an ignored warning found at the manifest entry is suppressed too', async () => {
    const root = await makeRepo({
      [EMERGENCY]: replace(
        '    description: Emergency kill switch for the transfer_funds tool on the payment gateway\n    enabled: false\n',
        '    description: Emergency kill switch for the transfer_funds tool on the payment gateway\n    enabled: true\n    lints: { ignore: [emergency-enabled] }\n',
      ),
    });
    const result = await validateJson(root, ['--deny-warnings']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.suppressed.map((d) => [d.code, d.line])).toEqual([['lint/emergency-enabled', lineOf(await readRepoFile(root, EMERGENCY), '- name: DisableTransferFunds')]]);
  });

  it('ignores only the lints it names, and only for its own policy', async () => {
    const otherLint = await validateJson(await makeRepo({ [BLOCK]: UNCONDITIONAL, [AUTHENTICATION]: ignoring('resource-type-with-specific-action', 'emergency-enabled') }));
    expect(otherLint.code).toBe(1);
    expect(otherLint.diagnostics.map((d) => d.code)).toEqual(['lint/unconditional-forbid']);

    const second = 'policies/authentication/also_unconditional.cedar';
    const twoPolicies = await makeRepo({
      [BLOCK]: UNCONDITIONAL,
      [second]: UNCONDITIONAL,
      [AUTHENTICATION]: (text) =>
        `${ignoring('unconditional-forbid')(text)}  - name: AlsoUnconditional\n    file: also_unconditional.cedar\n    version: 1.0.0\n    description: Another unconditional forbid\n`,
    });
    const result = await validateJson(twoPolicies);
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([['lint/unconditional-forbid', second]]);
    expect((JSON.parse(result.stdout) as Report).suppressed.map((d) => d.file)).toEqual([BLOCK]);
  });

  it.each([
    ['a misspelled lint name', 'unconditional-forbd', /must be one of .*; did you mean "unconditional-forbid"\?/],
    ['the engine-wide no-permit lint', 'no-permit', /lints\.ignore\[0\] must be one of "unguarded-get-tag", "resource-type-with-specific-action", "unconditional-forbid", "emergency-enabled"/],
    ['a lint name with its prefix', 'lint/unconditional-forbid', /did you mean "unconditional-forbid"\?/],
  ])('%s is an error at the entry', async (_, name, message) => {
    const root = await makeRepo({ [AUTHENTICATION]: ignoring(name) });
    const result = await validateJson(root);
    expect(result.code).toBe(1);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'repository/schema', file: AUTHENTICATION, line: lineOf(await readRepoFile(root, AUTHENTICATION), 'lints:'), message: expect.stringMatching(message) })]);
  });
});
