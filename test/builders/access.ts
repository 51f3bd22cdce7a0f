// Shared by the access tests: the example repository's gateways (engines/local.yaml), an IAM gateway, policy
// builders, and an independent check of witnesses through Cedar's authorizer.
import { createAuthorizer } from '../../src/cedar/authorize.js';
import { buildCedarSchema } from '../../src/cedar/schema.js';
import type { InputSchema } from '../../src/model.js';
import type { AccessGateway, AccessPolicy, AccessRequest, ActionAccess } from '../../src/access/types.js';

const ARN = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/';
export const REFUND_GW = `${ARN}refund-gateway`;
export const PAYMENT_GW = `${ARN}payment-gateway`;
export const SHIPPING_GW = `${ARN}shipping-gateway`;
export const DECISION_GW = `${ARN}decision-gateway`;
export const INSURANCE_GW = `${ARN}insurance-gateway`;
export const IAM_GW = `${ARN}iam-gateway`;

const object = (properties: Record<string, InputSchema['type'] | InputSchema>, required: string[]): InputSchema => ({
  type: 'object',
  properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, typeof v === 'string' ? { type: v } : v])),
  required,
});

const gateway = (arn: string, target: string, tool: string, inputSchema: InputSchema, authorizerType: AccessGateway['authorizerType'] = 'CUSTOM_JWT'): AccessGateway => ({
  arn,
  authorizerType,
  targets: [{ name: target, tools: [{ name: tool, inputSchema }] }],
});

export const refundGateway = gateway(REFUND_GW, 'RefundTarget', 'process_refund', object({ orderId: 'string', amount: 'integer', reason: 'string' }, ['orderId', 'amount']));
export const paymentGateway = gateway(PAYMENT_GW, 'PaymentTarget', 'transfer_funds', object({ fromAccount: 'string', recipient: 'string', amount: 'integer', memo: 'string' }, ['fromAccount', 'recipient', 'amount']));
export const shippingGateway = gateway(SHIPPING_GW, 'ShippingTarget', 'calculate_rate', object({ weight: 'integer', region: 'string', postalCode: 'string', serviceLevel: 'string' }, ['weight']));
export const decisionGateway = gateway(DECISION_GW, 'DecisionTarget', 'approve_decision', object({ decisionId: 'string', amount: 'integer', comment: 'string' }, ['decisionId', 'amount']));
export const insuranceGateway = gateway(INSURANCE_GW, 'InsuranceTarget', 'file_claim', object({ claimId: 'string', description: 'string', priority: 'string' }, ['claimId']));
export const seedGateways = [refundGateway, paymentGateway, shippingGateway, decisionGateway, insuranceGateway];

/** An AWS_IAM gateway with a tool taking a Set of labels, an optional nested record and a Boolean. */
export const iamGateway = gateway(
  IAM_GW,
  'OpsTarget',
  'run_job',
  object({ job: 'string', labels: { type: 'array', items: { type: 'string' } }, limits: object({ cpu: 'integer', memory: 'integer' }, ['cpu']), dryRun: 'boolean', ratio: 'number' }, ['job', 'labels']),
  'AWS_IAM',
);

let counter = 0;
export function policy(statement: string, active = true, id = `P${++counter}`): AccessPolicy {
  return { id, statement, active };
}

/** A permit on one action of a gateway with the given condition (`when` body), or none. */
export function permit(gatewayArn: string, action: string, when?: string, principal = 'principal is AgentCore::OAuthUser'): string {
  return `permit (\n  ${principal},\n  action == AgentCore::Action::"${action}",\n  resource == AgentCore::Gateway::"${gatewayArn}"\n)${when ? `\nwhen { ${when} }` : ''};`;
}

export function forbid(gatewayArn: string, action: string, when?: string, principal = 'principal'): string {
  return permit(gatewayArn, action, when, principal).replace(/^permit/, 'forbid');
}

export const REFUND = 'RefundTarget___process_refund';
export const TRANSFER = 'PaymentTarget___transfer_funds';
export const RATE = 'ShippingTarget___calculate_rate';
export const APPROVE = 'DecisionTarget___approve_decision';
export const CLAIM = 'InsuranceTarget___file_claim';
export const RUN_JOB = 'OpsTarget___run_job';

/** Cedar's decisions on requests against a set of policies (active ones only), independent of the analysis. */
export function cedarJudge(gw: AccessGateway, action: string, policies: AccessPolicy[], slot = 'access-test'): (request: AccessRequest) => 'allow' | 'deny' {
  const active = Object.fromEntries(policies.filter((p) => p.active).map((p, i) => [`q${i}`, p.statement]));
  const authorize = createAuthorizer(slot, active, buildCedarSchema([gw]));
  if (typeof authorize !== 'function') throw new Error(JSON.stringify(authorize.issues));
  return (request) => {
    const answer = authorize({ principal: { ...request.principal, tags: request.principal.tags ?? {} }, action, resource: gw.arn, input: request.input });
    if (!answer.ok) throw new Error(JSON.stringify(answer.issues));
    return answer.decision;
  };
}

export function cedarDecides(gw: AccessGateway, action: string, policies: AccessPolicy[], request: AccessRequest): 'allow' | 'deny' {
  return cedarJudge(gw, action, policies)(request);
}

/** Every witness of a result decided by Cedar as it claims: newly allowed ones denied before and allowed after. */
export function witnessesHold(gw: AccessGateway, result: ActionAccess, before: AccessPolicy[], after: AccessPolicy[]): boolean {
  const holds = (request: AccessRequest, old: string, now: string) =>
    cedarDecides(gw, result.action, before, request) === old && cedarDecides(gw, result.action, after, request) === now;
  return result.newlyAllowed.every((r) => holds(r, 'deny', 'allow')) && result.newlyDenied.every((r) => holds(r, 'allow', 'deny'));
}
