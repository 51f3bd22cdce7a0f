// The natural-language examples of AWS's policy guide, each with the gateway it is about and requests at its
// boundaries with the decision the sentence means: shared by the emulator's generation tests and `generate`'s.
import type { GatewaySpec } from '../../src/model.js';
import { GUIDE_GATEWAYS } from './guide-gateways.js';

const { refund, payment, shipping, decision, insurance, profile } = GUIDE_GATEWAYS;

export type Tags = Record<string, string>;
export type Expectation = [tags: Tags, input: Record<string, unknown>, decision: 'allow' | 'deny'];

export interface Example {
  text: string;
  gateway: GatewaySpec;
  /** A permit evaluated beside a generated forbid, so the forbid's effect shows. */
  base?: string;
  expect: Expectation[];
}

const transfer = (amount: number) => ({ fromAccount: 'acct-1', recipient: 'acct-2', amount });

export const GUIDE_EXAMPLES: Example[] = [
  {
    text: 'Allow refunds for amounts less than $500',
    gateway: refund,
    expect: [[{}, { orderId: 'o-1', amount: 499 }, 'allow'], [{}, { orderId: 'o-1', amount: 500 }, 'deny']],
  },
  {
    text: 'Allow users to process payments when the amount is less than $1000',
    gateway: payment,
    expect: [[{}, transfer(999), 'allow'], [{}, transfer(1000), 'deny']],
  },
  {
    text: 'Allow users with scope payment:process to transfer funds when the amount is less than $10,000',
    gateway: payment,
    expect: [
      [{ scope: 'payment:process' }, transfer(9999), 'allow'],
      [{ scope: 'openid payment:process' }, transfer(1), 'allow'],
      [{ scope: 'payment:process' }, transfer(10000), 'deny'],
      [{ scope: 'payment:read' }, transfer(1), 'deny'],
      [{}, transfer(1), 'deny'],
    ],
  },
  {
    text: 'Allow users with role manager to approve expenses when the amount exceeds $5000',
    gateway: decision,
    expect: [
      [{ role: 'manager' }, { decisionId: 'd-1', amount: 5001 }, 'allow'],
      [{ role: 'manager' }, { decisionId: 'd-1', amount: 5000 }, 'deny'],
      [{ role: 'clerk' }, { decisionId: 'd-1', amount: 5001 }, 'deny'],
    ],
  },
  {
    text: 'Allow all users to ship packages when the destination country is US, CA, or UK',
    gateway: shipping,
    expect: [
      [{}, { weight: 1, region: 'US' }, 'allow'],
      [{}, { weight: 1, region: 'UK' }, 'allow'],
      [{}, { weight: 1, region: 'FR' }, 'deny'],
      [{}, { weight: 1 }, 'deny'],
    ],
  },
  {
    text: 'Block users from filing claims unless a description and priority are provided',
    gateway: insurance,
    base: 'permit (principal, action, resource);',
    expect: [
      [{}, { claimId: 'c-1', description: 'Hail damage', priority: 'high' }, 'allow'],
      [{}, { claimId: 'c-1', description: 'Hail damage' }, 'deny'],
      [{}, { claimId: 'c-1' }, 'deny'],
    ],
  },
  {
    text: 'Allow users with scope admin:write to update user profiles when the account is verified',
    gateway: profile,
    expect: [
      [{ scope: 'admin:write' }, { userId: 'u-1', verified: true }, 'allow'],
      [{ scope: 'admin:write' }, { userId: 'u-1', verified: false }, 'deny'],
      [{ scope: 'admin:write' }, { userId: 'u-1' }, 'deny'],
      [{ scope: 'admin:read' }, { userId: 'u-1', verified: true }, 'deny'],
    ],
  },
  {
    text: 'Allow transfers when the amount is less than $10,000',
    gateway: payment,
    expect: [[{}, transfer(9999), 'allow'], [{}, transfer(10000), 'deny']],
  },
  {
    text: 'Allow users with tier premium to transfer funds when the amount is at most $50,000',
    gateway: payment,
    expect: [[{ tier: 'premium' }, transfer(50000), 'allow'], [{ tier: 'premium' }, transfer(50001), 'deny'], [{ tier: 'standard' }, transfer(1), 'deny']],
  },
];
