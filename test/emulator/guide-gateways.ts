// The gateways of AWS's "Policy Integration Examples" guide (the seed document) as engine-file specs, with the
// tool schemas of this repository's example engine (engines/local.yaml), plus a profile gateway for the guide's
// "update user profiles when the account is verified" example. Used by the policy generation tests.
import type { GatewaySpec, ToolSpec } from '../../src/model.js';

const arn = (id: string) => `arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/${id}`;

function gateway(id: string, target: string, tool: ToolSpec): GatewaySpec {
  return { arn: arn(id), mode: 'ENFORCE', authorizerType: 'CUSTOM_JWT', targets: [{ name: target, tools: [tool] }] };
}

export const GUIDE_GATEWAYS = {
  refund: gateway('refund-gateway-a1b2c3d4e5', 'RefundTarget', {
    name: 'process_refund',
    description: 'Process customer refund',
    inputSchema: {
      type: 'object',
      properties: { orderId: { type: 'string' }, amount: { type: 'integer' }, reason: { type: 'string' } },
      required: ['orderId', 'amount'],
    },
  }),
  payment: gateway('payment-gateway-f6g7h8j9k0', 'PaymentTarget', {
    name: 'transfer_funds',
    description: 'Transfer funds from a customer account to a recipient',
    inputSchema: {
      type: 'object',
      properties: {
        fromAccount: { type: 'string', description: 'Account the funds are taken from' },
        recipient: { type: 'string', description: 'Account or payee that receives the funds' },
        amount: { type: 'integer', description: 'Amount in whole US dollars' },
        memo: { type: 'string' },
      },
      required: ['fromAccount', 'recipient', 'amount'],
    },
  }),
  shipping: gateway('shipping-gateway-m1n2p3q4r5', 'ShippingTarget', {
    name: 'calculate_rate',
    description: 'Calculate the shipping rate for a package',
    inputSchema: {
      type: 'object',
      properties: {
        weight: { type: 'integer', description: 'Package weight in grams' },
        region: { type: 'string', description: 'Destination country code, e.g. US' },
        postalCode: { type: 'string' },
        serviceLevel: { type: 'string', description: 'standard or express' },
      },
      required: ['weight'],
    },
  }),
  decision: gateway('decision-gateway-s6t7u8v9w0', 'DecisionTarget', {
    name: 'approve_decision',
    description: 'Approve a pending business decision',
    inputSchema: {
      type: 'object',
      properties: {
        decisionId: { type: 'string' },
        amount: { type: 'integer', description: 'Value of the decision in whole US dollars' },
        comment: { type: 'string' },
      },
      required: ['decisionId', 'amount'],
    },
  }),
  insurance: gateway('insurance-gateway-x1y2z3a4b5', 'InsuranceTarget', {
    name: 'file_claim',
    description: 'File an insurance claim',
    inputSchema: {
      type: 'object',
      properties: { claimId: { type: 'string' }, description: { type: 'string' }, priority: { type: 'string', description: 'low, normal or high' } },
      required: ['claimId'],
    },
  }),
  profile: gateway('profile-gateway-c6d7e8f9g0', 'ProfileTarget', {
    name: 'update_user_profile',
    description: 'Update a user profile',
    inputSchema: {
      type: 'object',
      properties: {
        userId: { type: 'string' },
        displayName: { type: 'string' },
        verified: { type: 'boolean', description: 'Whether the account is verified' },
      },
      required: ['userId'],
    },
  }),
} satisfies Record<string, GatewaySpec>;
