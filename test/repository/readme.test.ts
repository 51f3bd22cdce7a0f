// The README's example outputs of `validate` and `test` are what the commands print on the example repository with
// the edits the README describes: a line `...` in the README stands for any lines, every other line must match.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, PROJECT_ROOT, removeRepos, replace, type Tree } from '../helpers/repo.js';

afterAll(removeRepos);

const README = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

/** The output lines of the README's code block that starts with `$ <command>`. */
function example(command: string): string[] {
  const start = README.indexOf(`\n$ ${command}\n`);
  if (start < 0) throw new Error(`the README has no example of ${command}`);
  const body = README.slice(start + command.length + 4);
  return body.slice(0, body.indexOf('\n```')).split('\n');
}

/** Whether `lines` reads as `pattern`, where a pattern line `...` stands for any number of lines. */
function matches(pattern: string[], lines: string[]): boolean {
  const [first, ...rest] = pattern;
  if (first === undefined) return lines.length === 0;
  if (first === '...') return lines.some((_, i) => matches(rest, lines.slice(i))) || matches(rest, []);
  return lines[0] === first && matches(rest, lines.slice(1));
}

describe('the README examples', () => {
  it.each<[string, string[], Tree]>([
    [
      'validate',
      ['validate'],
      {
        'policies/business_rules/refund_under_500.cedar': replace('input.amount', 'input.amonut'),
        'policies/emergency/policies.yaml': replace('    enabled: false\n    validationMode: IGNORE_ALL_FINDINGS\n  - name: DisableTransferFunds', '    enabeld: false\n    validationMode: IGNORE_ALL_FINDINGS\n  - name: DisableTransferFunds'),
      },
    ],
    ['test --engine CustomerService_local', ['test', '--engine', 'CustomerService_local'], { 'policies/business_rules/refund_under_500.cedar': replace('amount < 500', 'amount < 1000') }],
  ])('%s prints what the README shows', async (command, args, changes) => {
    const root = await makeRepo(changes);
    const result = await runCli(args, { cwd: root });
    const printed = result.stdout.replace(/\n$/, '').split('\n');
    const shown = example(`npx agentcore-policy ${command}`);
    expect(matches(shown, printed), `README:\n${shown.join('\n')}\n\nprinted:\n${printed.join('\n')}`).toBe(true);
  });

  it('the matcher tells a differing line apart', () => {
    expect(matches(['a', '...', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matches(['a', '...', 'd'], ['a', 'b', 'c', 'e'])).toBe(false);
    expect(matches(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
  });
});
