import { describe, expect, it } from 'vitest';
import { policyFindings } from './index.js';
import { CLAIM, forbid, iamGateway, INSURANCE_GW, permit, policy, PAYMENT_GW, REFUND, REFUND_GW, seedGateways, TRANSFER } from '../../test/builders/access.js';

const gateways = [...seedGateways, iamGateway];
const kinds = (statement: string) => policyFindings(gateways)(policy(statement, true, 'Q')).map((f) => [f.kind, f.actions.length]);

describe('policyFindings', () => {
  it('a permit for everything is ALLOW_ALL on every tool', () => {
    const [finding] = policyFindings(gateways)(policy('permit (principal, action, resource);', true, 'AllowEverything'));
    expect(finding).toMatchObject({ kind: 'ALLOW_ALL', policy: 'AllowEverything', message: 'AllowEverything allows every request to all 6 tools it covers' });
    expect(finding!.actions).toContainEqual({ gateway: REFUND_GW, action: REFUND });
    expect(finding!.actions).toHaveLength(6);
  });

  it('the emergency shutdowns are exactly DENY_ALL', () => {
    expect(kinds('forbid (principal, action, resource);')).toEqual([['DENY_ALL', 6]]);
    const [one] = policyFindings(gateways)(policy(forbid(PAYMENT_GW, TRANSFER), true, 'DisableTransferFunds'));
    expect(one).toMatchObject({ kind: 'DENY_ALL', actions: [{ gateway: PAYMENT_GW, action: TRANSFER }], message: `DisableTransferFunds denies every request to ${TRANSFER}` });
  });

  it('a tautology is still everything; the seed policies have no finding', () => {
    expect(kinds(forbid(REFUND_GW, REFUND, 'principal.hasTag("username") || !principal.hasTag("username")'))).toEqual([['DENY_ALL', 1]]);
    expect(kinds(permit(REFUND_GW, REFUND, 'principal.hasTag("username") && principal.getTag("username") == "refund-agent" && context.input.amount < 500'))).toEqual([]);
    expect(kinds(forbid(INSURANCE_GW, CLAIM, undefined, 'principal is AgentCore::OAuthUser').replace(';', ' unless { context.input has description };'))).toEqual([]);
    expect(kinds('forbid (principal is AgentCore::OAuthUser, action, resource) when { principal.hasTag("username") && principal.getTag("username") == "suspended-user" };')).toEqual([]);
  });

  it('a policy that can never apply is ALLOW_NONE or DENY_NONE', () => {
    expect(kinds(permit(REFUND_GW, REFUND, 'context.input.amount < 5 && context.input.amount > 10'))).toEqual([['ALLOW_NONE', 1]]);
    expect(kinds(forbid(REFUND_GW, REFUND, 'context.input.reason == "x" && !(context.input has reason)'))).toEqual([['DENY_NONE', 1]]);
    const [nowhere] = policyFindings(gateways)(policy(forbid(REFUND_GW, 'NoSuchTarget___tool'), true, 'Nowhere'));
    expect(nowhere).toMatchObject({ kind: 'DENY_NONE', actions: [], message: "Nowhere applies to no tool of the engine's gateways" });
    // An IAM principal on a JWT gateway: the scope covers only the one IAM gateway's tool there.
    expect(kinds('permit (principal is AgentCore::IamEntity, action, resource) when { context has input };')).toEqual([['ALLOW_ALL', 1]]);
  });

  it('makes no finding it cannot prove', () => {
    expect(kinds(permit(REFUND_GW, REFUND, 'context.input.amount + 1 > context.input.amount'))).toEqual([]);
  });
});
