// The plan and the apply of it count alike: a temporary copy of a changed forbid is created and deleted by the
// apply, and both say so apart from what is created, changed and deleted for good.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { applyChanges, replace } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';
import { appliedExample, LOCAL } from '../apply/service.js';

const example = appliedExample();
const bump = (file: string) => replace(`file: ${file}\n    version: 1.0.0`, `file: ${file}\n    version: 1.1.0`);

describe('counts of a plan with a temporary forbid copy', () => {
  it('are the same in the plan text, markdown and JSON and in the closing line of its apply', PROCESS_TESTS, async () => {
    // A forbid changes while a permit changes too: the forbid's old statement is kept in a copy meanwhile.
    await applyChanges(example.root, {
      'policies/business_rules/claim_requires_description.cedar': replace('unless { context.input has description }', 'unless { context.input has description && context.input has priority }'),
      'policies/business_rules/refund_under_500.cedar': replace('amount < 500', 'amount < 450'),
      'policies/business_rules/policies.yaml': (text) => bump('refund_under_500.cedar')(bump('claim_requires_description.cedar')(text)),
    });
    const summary = 'Plan: 0 to create, 2 to update, 0 to delete (and 1 temporary forbid copy, created and deleted by the apply).';
    const text = await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--out', 'plan.json'], { cwd: example.root });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`\n${summary}\n`);
    const markdown = await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--format', 'markdown']);
    expect(markdown.stdout).toContain('| <b>CustomerService&#95;local</b> | 2 to update | 7 |');
    expect(markdown.stdout).toContain(`**${summary.replace(':', '&#58;')}**`);
    const json = JSON.parse((await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--format', 'json'])).stdout) as { counts: unknown };
    expect(json.counts).toEqual({ create: 0, update: 2, delete: 0, replace: 0, temporary: 1 });

    const applied = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd: example.root });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/create policy ClaimRequiresDescription__prev_[0-9a-f]{8}/);
    expect(applied.stdout).toMatch(/delete policy ClaimRequiresDescription__prev_[0-9a-f]{8}/);
    expect(applied.stdout.trimEnd().split('\n').at(-1)).toBe('Apply complete! Resources: 0 added, 2 changed, 0 destroyed (and 1 temporary forbid copy, created and deleted).');
  });
});
