import { describe, expect, it } from 'vitest';
import { formatCedar } from '../../cedar/format.js';
import { GUIDE_GATEWAYS } from '../../../test/emulator/guide-gateways.js';
import type { GatewaySpec } from '../../model.js';
import { translate, type Draft } from './translate.js';

const { refund, payment, shipping, decision, insurance, profile } = GUIDE_GATEWAYS;

/** The guide's Cedar, formatted as the translator formats its own, with `ARN` standing for the gateway's ARN. */
function guideCedar(text: string, gateway: GatewaySpec): string {
  const formatted = formatCedar(text.replaceAll('ARN', gateway.arn));
  if (!formatted.ok) throw new Error(formatted.issues.map((i) => i.message).join('; '));
  return formatted.formatted.trimEnd();
}

function only(text: string, gateway: GatewaySpec): Draft {
  const drafts = translate(text, gateway);
  expect(drafts).toHaveLength(1);
  return drafts[0]!;
}

const statement = (draft: Draft) => ('statement' in draft ? draft.statement : `untranslatable: ${draft.untranslatable}`);

describe('translate: the guide Cedar for the guide sentences', () => {
  it('amount limit with a scope (Amount-Based Restrictions)', () => {
    const draft = only('Allow users with scope payment:process to transfer funds when the amount is less than $10,000', payment);
    expect(statement(draft)).toBe(
      guideCedar(
        `permit(principal is AgentCore::OAuthUser, action == AgentCore::Action::"PaymentTarget___transfer_funds", resource == AgentCore::Gateway::"ARN")
         when { principal.hasTag("scope") && principal.getTag("scope") like "*payment:process*" && context.input.amount < 10000 };`,
        payment,
      ),
    );
    expect(draft).toMatchObject({ notes: [] });
  });

  it('tier and amount (User Tier-Based Access)', () => {
    const draft = only('Allow users with tier premium to transfer funds when the amount is less than $50,000', payment);
    expect(statement(draft)).toBe(
      guideCedar(
        `permit(principal is AgentCore::OAuthUser, action == AgentCore::Action::"PaymentTarget___transfer_funds", resource == AgentCore::Gateway::"ARN")
         when { principal.hasTag("tier") && principal.getTag("tier") == "premium" && context.input.amount < 50000 };`,
        payment,
      ),
    );
  });

  it('a list of values against a field named by its description (Regional Restrictions)', () => {
    const draft = only('Allow all users to ship packages when the destination country is US, CA, or UK', shipping);
    expect(statement(draft)).toBe(
      guideCedar(
        `permit(principal is AgentCore::OAuthUser, action == AgentCore::Action::"ShippingTarget___calculate_rate", resource == AgentCore::Gateway::"ARN")
         when { context.input has region && ["US", "CA", "UK"].contains(context.input.region) };`,
        shipping,
      ),
    );
  });

  it('several roles and "exceeds" (Role-Based Access Control)', () => {
    const draft = only('Allow users with role manager or director to approve decisions when the amount exceeds $100,000', decision);
    expect(statement(draft)).toBe(
      guideCedar(
        `permit(principal is AgentCore::OAuthUser, action == AgentCore::Action::"DecisionTarget___approve_decision", resource == AgentCore::Gateway::"ARN")
         when { principal.hasTag("role") && ["manager", "director"].contains(principal.getTag("role")) && context.input.amount > 100000 };`,
        decision,
      ),
    );
  });

  it('a required field (Required Field Validation)', () => {
    const draft = only('Block users from filing claims unless a description is provided', insurance);
    expect(statement(draft)).toBe(
      guideCedar(
        `forbid(principal is AgentCore::OAuthUser, action == AgentCore::Action::"InsuranceTarget___file_claim", resource == AgentCore::Gateway::"ARN")
         unless { context.input has description };`,
        insurance,
      ),
    );
  });

  it('the username claim and the refund limit of step 2', () => {
    const draft = only('Allow users with username refund-agent to process refunds when the amount is less than $500', refund);
    expect(statement(draft)).toBe(
      guideCedar(
        `permit(principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"ARN")
         when { principal.hasTag("username") && principal.getTag("username") == "refund-agent" && context.input.amount < 500 };`,
        refund,
      ),
    );
  });

  it('emergency shutdowns: every tool, one tool, one user', () => {
    expect(statement(only('Block all tools', refund))).toBe(guideCedar('forbid(principal, action, resource);', refund));
    expect(statement(only('Disable transfers', payment))).toBe(
      guideCedar('forbid(principal, action == AgentCore::Action::"PaymentTarget___transfer_funds", resource == AgentCore::Gateway::"ARN");', payment),
    );
    expect(statement(only('Block users with username suspended-user', payment))).toBe(
      guideCedar(
        'forbid(principal is AgentCore::OAuthUser, action, resource) when { principal.hasTag("username") && principal.getTag("username") == "suspended-user" };',
        payment,
      ),
    );
  });
});

describe('translate: the natural-language examples of the guide', () => {
  it.each([
    ['Allow refunds for amounts less than $500', refund, 'context.input.amount < 500'],
    ['Allow users to process payments when the amount is less than $1000', payment, 'context.input.amount < 1000'],
    ['Allow users with role manager to approve expenses when the amount exceeds $5000', decision, 'principal.getTag("role") == "manager" &&\n  context.input.amount > 5000'],
    ['Block users from filing claims unless a description and priority are provided', insurance, 'unless { context.input has description && context.input has priority }'],
    ['Allow users with scope admin:write to update user profiles when the account is verified', profile, 'context.input has verified &&\n  context.input.verified == true'],
    ['Allow transfers when the amount is less than $10,000', payment, 'context.input.amount < 10000'],
  ])('%s', (text, gateway, condition) => {
    expect(statement(only(text, gateway))).toContain(condition);
  });

  it('says when a tool phrase only loosely names the tool', () => {
    expect(only('Allow users to process payments when the amount is less than $1000', payment)).toMatchObject({
      notes: ['"process" matched nothing in PaymentTarget___transfer_funds.'],
    });
    expect(only('Allow users to ship rockets', refund)).toMatchObject({
      notes: ['"ship rockets" names no tool of the gateway; its only tool, RefundTarget___process_refund, was used.'],
    });
  });

  it('refuses the vague text of pitfall 3 instead of guessing', () => {
    expect(only('Allow transfers when the amount is reasonable', payment)).toMatchObject({ untranslatable: expect.stringContaining('"reasonable" is vague') });
  });
});

describe('translate: several rules and the limits of the subset', () => {
  it('makes one draft per sentence, each with its fragment', () => {
    const drafts = translate('Allow refunds under $500. Block everything!\nAllow transfers when the amount is reasonable', refund);
    expect(drafts.map((d) => [d.rawTextFragment, 'statement' in d])).toEqual([
      ['Allow refunds under $500.', true],
      ['Block everything!', true],
      ['Allow transfers when the amount is reasonable', false],
    ]);
  });

  it('writes decimals for number fields and leaves type mismatches to validation', () => {
    const priced: GatewaySpec = {
      ...refund,
      targets: [{ name: 'Shop', tools: [{ name: 'buy', inputSchema: { type: 'object', properties: { price: { type: 'number' }, sku: { type: 'string' } }, required: ['price', 'sku'] } }] }],
    };
    expect(statement(only('Allow users to buy when the price is at most $12.50', priced))).toContain('context.input.price.lessThanOrEqual(decimal("12.50"))');
    expect(statement(only('Allow users to buy when the sku is over 5', priced))).toContain('context.input.sku > 5');
  });

  it('refuses what it cannot bind: unknown fields, ties between tools, claims on IAM gateways, "or"', () => {
    const two: GatewaySpec = { ...refund, targets: [{ name: 'A', tools: [refund.targets[0]!.tools[0]!] }, { name: 'B', tools: [refund.targets[0]!.tools[0]!] }] };
    const cases: [string, GatewaySpec, string][] = [
      ['Allow refunds when the shipping zone is EU', refund, 'No input field of RefundTarget___process_refund matches "the shipping zone"'],
      ['Allow refunds', two, 'matches several tools equally (A___process_refund, B___process_refund)'],
      ['Allow rockets', { ...payment, targets: [...payment.targets, ...refund.targets] }, 'No tool of the gateway matches "rockets"'],
      ['Allow users with role admin to process refunds', { ...refund, authorizerType: 'AWS_IAM' }, 'carry no claims'],
      ['Allow refunds when the amount is less than $5 or the reason is damage', refund, 'Only "and" can join conditions'],
      ['Allow managers to process refunds', refund, '"managers" is not a principal'],
      ['Allow refunds when the amount is less than 5 dollars and 12', refund, 'No condition follows "12"'],
    ];
    for (const [text, gateway, reason] of cases) {
      expect(only(text, gateway), text).toMatchObject({ untranslatable: expect.stringContaining(reason) });
    }
  });
});
