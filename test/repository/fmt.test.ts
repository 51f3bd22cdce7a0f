// `fmt` end to end: --check lists what differs, fmt rewrites it to Cedar's normal form, and a second run is a no-op.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { lineOf, makeRepo, PROJECT_ROOT, readRepoFile, removeRepos, replace } from '../helpers/repo.js';

afterAll(removeRepos);

const REFUND = 'policies/business_rules/refund_under_500.cedar';
/** The example's refund policy on one line, as someone might write it. */
const CRAMPED = `// Refunds under $500 for the refund agent.
permit(principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"{{refund_gateway}}") when { principal.hasTag("username") && principal.getTag("username") == "refund-agent" && context.input.amount < 500 };`;

describe('fmt', () => {
  it('finds nothing to do in the example repository', async () => {
    expect(await runCli(['fmt', '--check', '--dir', PROJECT_ROOT])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--check lists the unformatted file, exits 1 and writes nothing', async () => {
    const root = await makeRepo({ [REFUND]: CRAMPED });
    const result = await runCli(['fmt', '--check'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${REFUND}\n`);
    expect(result.stderr).toContain('1 file not formatted');
    expect(await readRepoFile(root, REFUND)).toBe(CRAMPED);
  });

  it("rewrites the file in Cedar's format, keeps its comment, and is idempotent", async () => {
    const root = await makeRepo({ [REFUND]: CRAMPED });
    const first = await runCli(['fmt'], { cwd: root });
    expect(first).toMatchObject({ code: 0, stdout: `${REFUND}\n` });
    const formatted = await readRepoFile(root, REFUND);
    const example = await readRepoFile(PROJECT_ROOT, REFUND);
    expect(formatted).toBe(`// Refunds under $500 for the refund agent.\n${example}`);
    expect(await runCli(['fmt'], { cwd: root })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await readRepoFile(root, REFUND)).toBe(formatted);
    expect((await runCli(['fmt', '--check'], { cwd: root })).code).toBe(0);
  });

  it('reports a file it cannot parse at its line and leaves it alone', async () => {
    const broken = replace('context.input.amount < 500', 'context.input.amount < < 500');
    const root = await makeRepo({ [REFUND]: broken });
    const before = await readRepoFile(root, REFUND);
    const result = await runCli(['fmt'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${REFUND}:${lineOf(before, '< < 500')}:`);
    expect(result.stderr).toContain('error cedar/syntax');
    expect(await readRepoFile(root, REFUND)).toBe(before);
  });
});
