// Three pull requests on the example repository, as a reviewer meets them: a small change (one permit narrowed), a
// widening change (a new permit) and an emergency switch (the refund tool's shutdown turned on). Each is a tree
// edit made after the example repository was applied to its local engine, so the plan compares against a live state.
// The comment's shape test and the screenshots of docs/action.md (scripts/comment-screenshots.ts) both use them.
import { LOCAL_ENGINE } from '../action/policy-repo.js';
import { runCli } from './cli.js';
import { applyChanges, makeRepo, replace, type Tree } from './repo.js';

export type ScenarioName = 'small-change' | 'widening' | 'emergency';

const refundCase = (name: string, tags: string, input: string, expect: 'allow' | 'deny', reasons: string) =>
  `\n- name: ${name}\n  principal:\n    type: OAuthUser\n    id: user-125\n    tags: { ${tags} }\n` +
  `  action: RefundTarget___process_refund\n  resource: "{{refund_gateway}}"\n  input: { ${input} }\n  expect: ${expect}\n  reasons: [${reasons}]\n`;

const SUPERVISOR_POLICY = `permit (
  principal is AgentCore::OAuthUser,
  action == AgentCore::Action::"RefundTarget___process_refund",
  resource == AgentCore::Gateway::"{{refund_gateway}}"
)
when
{
  principal.hasTag("role") &&
  principal.getTag("role") == "refund-supervisor" &&
  context.input.amount < 2000
};
`;

const MANIFEST = 'policies/business_rules/policies.yaml';
const REFUND_TESTS = 'policies/business_rules/refunds.test.yaml';

export const SCENARIOS: Record<ScenarioName, Tree> = {
  // RefundUnder500 now also needs a reason: the version is bumped, a test case says so.
  'small-change': {
    'policies/business_rules/refund_under_500.cedar': replace('context.input.amount < 500\n', 'context.input.amount < 500 &&\n  context.input has reason\n'),
    [MANIFEST]: replace(
      '    file: refund_under_500.cedar\n    version: 1.0.0\n    description: Allow refund-agent to process refunds under $500\n',
      '    file: refund_under_500.cedar\n    version: 1.1.0\n    description: Allow refund-agent to process refunds under $500 that give a reason\n',
    ),
    [REFUND_TESTS]: (text) => text + refundCase('a refund of 450 without a reason is denied', 'username: refund-agent', 'orderId: "12349", amount: 450', 'deny', ''),
  },
  // Refund supervisors may refund up to $2,000: a new permit, so access to process_refund widens.
  widening: {
    'policies/business_rules/refund_supervisor_under_2000.cedar': SUPERVISOR_POLICY,
    [MANIFEST]: replace(
      '  - name: PaymentScopeTransfer\n',
      '  - name: RefundSupervisorUnder2000\n    file: refund_supervisor_under_2000.cedar\n    version: 1.0.0\n' +
        '    description: Allow refund supervisors to process refunds under $2,000\n  - name: PaymentScopeTransfer\n',
    ),
    [REFUND_TESTS]: (text) => text + refundCase('a refund of 1500 by a refund supervisor is allowed', 'role: refund-supervisor', 'orderId: "12350", amount: 1500', 'allow', 'RefundSupervisorUnder2000'),
  },
  // An incident (a refund fraud spike): the refund tool is switched off until it is lifted.
  emergency: {
    'policies/emergency/policies.yaml': replace(
      '    description: Emergency shutdown of refunds - deny every process_refund call on the refund gateway\n    enabled: false\n',
      '    description: Emergency shutdown of refunds - deny every process_refund call on the refund gateway\n    enabled: true\n',
    ),
  },
};

/** The example repository with only its local engine, applied live, then edited as the scenario says. */
export async function scenarioRepo(name: ScenarioName): Promise<string> {
  const root = await makeRepo({ 'engines/production.yaml': null });
  const applied = await runCli(['apply', '--auto-approve', '--engine', LOCAL_ENGINE], { cwd: root });
  if (applied.code !== 0) throw new Error(`applying the example repository failed: ${applied.stderr}`);
  await applyChanges(root, SCENARIOS[name]);
  return root;
}
