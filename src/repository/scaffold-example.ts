// The template's example (`init` without --from-live): AWS's refund policy from the guide's Step 3, its gateway
// with the one tool it names, and test cases that pass against it, so a new repository validates and tests green.
import type { GatewaySpec, ManifestEntry } from '../model.js';
import type { ScaffoldFile, ScaffoldPolicy } from './scaffold.js';

/** AWS's refund example (the guide's Step 3): refund-agent may process refunds under $500, with its test cases. */
export function refundExample(region: string): { gateway: GatewaySpec; policy: ScaffoldPolicy; tests: ScaffoldFile } {
  const gateway: GatewaySpec = {
    arn: `arn:aws:bedrock-agentcore:${region}:123456789012:gateway/refund-gateway-a1b2c3d4e5`,
    mode: 'ENFORCE',
    authorizerType: 'CUSTOM_JWT',
    targets: [
      {
        name: 'RefundTarget',
        description: 'Refund Lambda',
        lambdaArn: `arn:aws:lambda:${region}:123456789012:function:RefundProcessor`,
        tools: [
          {
            name: 'process_refund',
            description: 'Process customer refund',
            inputSchema: { type: 'object', properties: { orderId: { type: 'string' }, amount: { type: 'integer' }, reason: { type: 'string' } }, required: ['orderId', 'amount'] },
          },
        ],
      },
    ],
  };
  const source = `permit (
  principal is AgentCore::OAuthUser,
  action == AgentCore::Action::"RefundTarget___process_refund",
  resource == AgentCore::Gateway::"{{refund_gateway}}"
)
when
{
  principal.hasTag("username") &&
  principal.getTag("username") == "refund-agent" &&
  context.input.amount < 500
};
`;
  const entry: ManifestEntry = { name: 'RefundUnder500', file: 'refund_under_500.cedar', version: '1.0.0', description: 'Allow refund-agent to process refunds under $500' };
  const policy: ScaffoldPolicy = { group: 'business_rules', file: 'policies/business_rules/refund_under_500.cedar', source, entry };
  const refund = (name: string, username: string, amount: number, expect: 'allow' | 'deny') =>
    `- name: ${name}
  principal:
    type: OAuthUser
    id: user-123
    tags: { username: ${username} }
  action: RefundTarget___process_refund
  resource: "{{refund_gateway}}"
  input: { orderId: "12345", amount: ${amount} }
  expect: ${expect}
  reasons: [${expect === 'allow' ? 'RefundUnder500' : ''}]
`;
  const tests = [
    refund('a refund of 450 by refund-agent is allowed', 'refund-agent', 450, 'allow'),
    refund('a refund of 750 by refund-agent is denied', 'refund-agent', 750, 'deny'),
    refund('a refund of 450 by another username is denied', 'billing-agent', 450, 'deny'),
  ].join('\n');
  return { gateway, policy, tests: { path: 'policies/business_rules/refunds.test.yaml', text: tests } };
}
