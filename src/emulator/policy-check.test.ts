import { describe, expect, it } from 'vitest';
import type { SchemaGateway } from '../cedar/schema.js';
import { refuseStatement, refuseStatements, sweepingFinding, validationFindings } from './policy-check.js';

const gateway: SchemaGateway = {
  authorizerType: 'CUSTOM_JWT',
  targets: [
    {
      name: 'RefundTarget',
      tools: [{ name: 'process_refund', inputSchema: { type: 'object', properties: { amount: { type: 'integer' } }, required: ['amount'] } }],
    },
  ],
};

const REFUND = `permit(principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTarget___process_refund", resource)
when { context.input.amount < 500 };`;

describe('refuseStatement', () => {
  it('accepts one well-formed policy', () => {
    expect(refuseStatement(REFUND)).toBeUndefined();
  });
  it('refuses a statement that does not parse, naming the field', () => {
    const error = refuseStatement('permit(principal, action, resource) when { context.input.amount < };');
    expect(error?.name).toBe('ValidationException');
    expect(error?.fieldList?.[0]?.name).toBe('definition');
  });
  it('refuses a statement nested too deeply before Cedar sees it, at the bracket past the limit', () => {
    const deep = (open: string, close: string) => REFUND.replace('context.input.amount < 500', `${open.repeat(150)}context.input.amount < 500${close.repeat(150)}`);
    for (const statement of [deep('(', ')'), `// é\n${deep('(', ')')}`]) {
      const error = refuseStatement(statement);
      expect(error?.name).toBe('ValidationException');
      expect(error?.message).toMatch(/^The policy statement is nested too deeply at line \d, column 47:/);
    }
    expect(refuseStatement(REFUND.replace('context.input.amount < 500', `${'if true then '.repeat(60)}true${' else false'.repeat(60)}`))?.message).toMatch(/nested too deeply at line 2, column 515:/); // the 40th `if`, 13 characters apart
    expect(refuseStatement(REFUND)).toBeUndefined();
  });
  it('refuses two policies in one statement', () => {
    expect(refuseStatement(`${REFUND}\n${REFUND}`)?.message).toMatch(/exactly one Cedar policy, found 2/);
  });
});

describe('validationFindings', () => {
  it('passes a policy that fits the attached gateways', () => {
    expect(validationFindings(REFUND, [gateway], 'FAIL_ON_ANY_FINDINGS')).toEqual([]);
  });
  it('reports an unknown action or attribute with Cedar messages', () => {
    const reasons = validationFindings(REFUND.replace('process_refund', 'refund_all'), [gateway], 'FAIL_ON_ANY_FINDINGS');
    expect(reasons.join(' ')).toMatch(/unrecognized action/);
    expect(validationFindings(REFUND.replace('amount', 'total'), [gateway], 'FAIL_ON_ANY_FINDINGS').length).toBeGreaterThan(0);
  });
  it('skips schema checks when no gateway is attached', () => {
    expect(validationFindings(REFUND.replace('process_refund', 'refund_all'), [], 'FAIL_ON_ANY_FINDINGS')).toEqual([]);
  });
  it('treats allow-all and deny-all as findings unless findings are ignored', () => {
    expect(validationFindings('permit(principal, action, resource);', [gateway], 'FAIL_ON_ANY_FINDINGS')[0]).toMatch(/^ALLOW_ALL/);
    expect(validationFindings('forbid(principal, action, resource);', [], 'FAIL_ON_ANY_FINDINGS')[0]).toMatch(/^DENY_ALL/);
    expect(validationFindings('permit(principal, action, resource);', [gateway], 'IGNORE_ALL_FINDINGS')).toEqual([]);
  });
});

describe('sweepingFinding', () => {
  it('needs every scope element unconstrained and no condition', () => {
    expect(sweepingFinding('permit(principal, action, resource) when { true };')).toBeUndefined();
    expect(sweepingFinding('permit(principal, action, resource is AgentCore::Gateway);')).toBeUndefined();
    expect(sweepingFinding('@id("x") forbid(principal, action, resource);')?.type).toBe('DENY_ALL');
  });
});

describe('a statement in AgentCore policy language', () => {
  it('is refused only when it does not hold exactly one policy: the emulator cannot parse the rest', () => {
    const guardrail = 'forbid (principal, action, resource) when guardrails { BedrockGuardrails::ContentFilter(["HATE"], [context.input.reason]).maxConfidenceScore().greaterThan(decimal("0.2")) };';
    expect(refuseStatements(guardrail)).toBeUndefined();
    expect(refuseStatements(`${guardrail}\n${guardrail}`)?.message).toBe('The policy statement must contain exactly one policy, found 2.');
  });
});
