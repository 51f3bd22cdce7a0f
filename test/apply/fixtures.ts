// Statements and edits shared by the apply tests, valid against the example repository's local gateways.
import { replace, type Tree } from '../helpers/repo.js';

export const REFUND_GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';

/** A permit on the refund tool for one username, as someone would write it in the console. */
export function consolePermit(username: string): string {
  return `permit(principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"${REFUND_GATEWAY}") when { principal.hasTag("username") && principal.getTag("username") == "${username}" };`;
}

/** RefundUnder500 tightened to 400, with the version bump that requires. */
export const TIGHTEN_REFUNDS: Tree = {
  'policies/business_rules/refund_under_500.cedar': replace('context.input.amount < 500', 'context.input.amount < 400'),
  'policies/business_rules/policies.yaml': replace('file: refund_under_500.cedar\n    version: 1.0.0', 'file: refund_under_500.cedar\n    version: 1.1.0'),
};

/** Refund policies for one user, zoe, by name: effect and extra condition. The shapes of the counter-examples to
 * updating forbids in place while other decisions change. */
function zoeRefunds(version: string, policies: Record<string, [effect: string, when: string]>): Tree {
  const tree: Tree = {};
  let entries = '';
  for (const [name, [effect, when]] of Object.entries(policies)) {
    const file = `${name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}.cedar`;
    tree[`policies/business_rules/${file}`] =
      `${effect} (principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"{{refund_gateway}}")\n` +
      `when { principal.hasTag("username") && principal.getTag("username") == "zoe"${when} };\n`;
    entries += `  - name: ${name}\n    file: ${file}\n    version: ${version}\n    description: ${name}\n`;
  }
  tree['policies/business_rules/policies.yaml'] = (text: string) => text + entries;
  return tree;
}
const over = (amount: number) => ` && context.input.amount > ${amount}`;
/** Every refund, none over 1,000. */
export const BROAD_CAPPED = (version: string) => zoeRefunds(version, { ZoeRefunds: ['permit', ''], ZoeRefundCap: ['forbid', over(1000)] });
/** Refunds under 100, none over 5,000. Both this and the above deny zoe 2,000; the old permit with this cap does not. */
export const NARROW_LOOSE = (version: string) => zoeRefunds(version, { ZoeRefunds: ['permit', ' && context.input.amount < 100'], ZoeRefundCap: ['forbid', over(5000)] });
/** Two caps, the tight one moving from A to B and no permit changing: both sets deny zoe 2,000; A loosened alone
 * does not. */
export const CAPS = (version: string, first: number, second: number) =>
  zoeRefunds(version, { ZoeRefunds: ['permit', ''], ZoeCapA: ['forbid', over(first)], ZoeCapB: ['forbid', over(second)] });
