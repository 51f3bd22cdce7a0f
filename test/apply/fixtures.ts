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
