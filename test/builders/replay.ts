// Shared by the replay tests: an engine with the seed document's refund tool, four policies over it (one that
// reads claims to permit, one that reads them to forbid) and recorded requests.
import type { EngineSpec, RecordedRequest } from '../../src/model.js';
import type { ReplayPolicy } from '../../src/replay/evaluator.js';

export const GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';
export const ACTION = 'RefundTarget___process_refund';
export const ENGINE: EngineSpec = {
  file: 'engines/e.yaml',
  name: 'E',
  region: 'us-west-2',
  groups: ['business_rules'],
  prune: false,
  variables: {},
  gateways: [
    {
      arn: GATEWAY,
      mode: 'ENFORCE',
      authorizerType: 'CUSTOM_JWT',
      targets: [
        {
          name: 'RefundTarget',
          tools: [{ name: 'process_refund', inputSchema: { type: 'object', properties: { amount: { type: 'integer' } }, required: ['amount'] } }],
        },
      ],
    },
  ],
};

const scope = `principal, action == AgentCore::Action::"${ACTION}", resource`;
export const UNDER_500: ReplayPolicy = { id: 'Under500', statement: `permit (${scope}) when { principal.hasTag("username") && principal.getTag("username") == "refund-agent" && context.input.amount < 500 };` };
export const CAP_300: ReplayPolicy = { id: 'Cap300', statement: `forbid (${scope}) when { context.input.amount > 300 };` };
export const SUSPENDED: ReplayPolicy = { id: 'Suspended', statement: `forbid (${scope}) when { principal.hasTag("suspended") && context.input.amount > 100 };` };
export const SMALL: ReplayPolicy = { id: 'Small', statement: `permit (${scope}) when { context.input.amount < 50 };` };

/** A recorded request for `amount`; `tags` undefined: the record carries no claims. */
export const request = (amount: number, tags?: Record<string, string>, action = ACTION, recorded: Pick<RecordedRequest, 'decision' | 'determining'> = { decision: 'deny', determining: [] }): RecordedRequest => ({
  at: 0,
  requestId: 'r',
  gateway: GATEWAY,
  action,
  input: { amount },
  principal: { type: 'OAuthUser', id: 'user-1', ...(tags && { tags }) },
  ...recorded,
});

