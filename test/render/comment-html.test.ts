// The pull-request comment as GitHub shows it, for real plans: the example repository applied to its local engine,
// then changed as a pull request would change it (test/helpers/comment-scenarios.ts), planned and applied through
// the action's own core, and the comment's markdown rendered as GitHub's GFM (test/render/rendered-comment.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { runMode } from '../../src/action/run.js';
import { elements, text } from '../helpers/github-html.js';
import { scenarioRepo, type ScenarioName } from '../helpers/comment-scenarios.js';
import { removeRepos } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';
import { commentShape, type Shape } from './rendered-comment.js';

const quiet = { engines: [], denyWarnings: false, client: { env: {} }, log: () => undefined };

afterAll(removeRepos);

async function planned(scenario: ScenarioName): Promise<{ root: string; shape: Shape }> {
  const root = await scenarioRepo(scenario);
  return { root, shape: commentShape(await runMode({ run: 'plan' }, { root, ...quiet })) };
}

/** The comment's blocks, head to foot: what a reviewer reads in order. */
const head = ['# agentcore-policy plan', 'verdict', '## Access', 'table', '## Replay', 'note'];
/** The example repository's three emergency shutdowns are DENY_ALL notes, folded under the validation line. */
const foot = ['## Plan', 'table', 'note', 'details', '## Checks', 'note', 'details', 'note', 'footer'];

describe('the comment on pull requests to the example repository', PROCESS_TESTS, () => {
  it('a small change: the verdict, the one tool that narrows with a request now denied, the change folded', async () => {
    const { root, shape } = await planned('small-change');
    expect(shape.outline).toEqual([...head, ...foot]);
    expect(text(elements(shape.doc, 'strong')[0]!)).toBe('Narrows access on 1 tool · 1 to update · tests 30/30 · applies on merge to main');
    const access = elements(elements(shape.doc, 'table')[0]!, 'td').map(text);
    expect(access.slice(0, 3)).toEqual(['RefundTarget___process_refund', 'refund-gateway-a1b2c3d4e5', 'narrows']);
    expect(access[3]).toMatch(/^now denied: caller username=refund-agent; input /);
    const summaries = elements(shape.doc, 'summary').map(text);
    expect(summaries).toEqual([
      'CustomerService_local (engines/local.yaml): 1 to update',
      '[~] policy RefundUnder500 (business_rules, permit) will be updated: statement, description, version',
      '3 notes',
    ]);
    expect(shape.prose).toContain('Planned commit 3f2a9c1 · workflow run · On merge to main, apply changes CustomerService_local.');

    // Merged: the apply comment in the same shape, its outcome first.
    const applied = await runMode({ run: 'apply' }, { root, ...quiet });
    const apply = commentShape(applied, { elapsedMs: 1234 });
    expect(apply.outline).toEqual(['# agentcore-policy apply', 'verdict', 'details', 'footer']);
    expect(text(elements(apply.doc, 'strong')[0]!)).toBe('Apply complete! Resources: 0 added, 1 changed, 0 destroyed. · took 1.2 s');
    expect(elements(apply.doc, 'summary').map(text)).toEqual(['CustomerService_local (engines/local.yaml): applied, 1 step']);
  });

  it('a widening change: the tool that widens with a request now allowed, and a warning before the plan', async () => {
    const { shape } = await planned('widening');
    expect(shape.outline).toEqual([...head, 'alert warning', ...foot]);
    expect(text(elements(shape.doc, 'strong')[0]!)).toBe('Widens access on 1 tool · 1 to create · tests 30/30 · applies on merge to main');
    const warning = text(elements(shape.doc, 'div')[0]!);
    expect(warning).toMatch(/^WarningWidens access: RefundTarget___process_refund \(now allowed: caller role=refund-supervisor; input .*amount=\d+\)$/);
    expect(elements(shape.doc, 'summary').map(text)[1]).toBe('[+] policy RefundSupervisorUnder2000 (business_rules, permit) will be created · widens access');
  });

  it('an emergency switch: what it blocks, and the tests it fails listed under the checks', async () => {
    const { shape } = await planned('emergency');
    expect(shape.outline).toEqual([...head, 'alert important', ...foot]);
    expect(text(elements(shape.doc, 'strong')[0]!)).toMatch(/^Narrows access on 1 tool · 1 to create · tests \d+\/\d+ failed · applies on merge to main$/);
    expect(text(elements(shape.doc, 'div')[0]!)).toBe('ImportantEmergency switches: EmergencyRefundShutdown engaged, blocking every call of RefundTarget___process_refund');
    expect(shape.prose).toMatch(/FAIL a refund of 450 by refund-agent is allowed \[CustomerService_local\] policies\/business_rules\/refunds\.test\.yaml:1: expected allow, got deny/);
  });
});
