import { describe, expect, it } from 'vitest';
import { sourceOf, withPlaceholders } from './cedar-source.js';
import { normalizeStatement } from './desired.js';

const GW = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';
const STATEMENT = `permit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"${GW}") when { context.input.amount < 10 };`;
const engine = { variables: { refund: GW, alias: GW } };

describe('sourceOf', () => {
  it('formats the statement and writes a variable value back as its {{variable}} (first name wins)', () => {
    const source = sourceOf(STATEMENT, engine.variables);
    expect(source).toContain('resource == AgentCore::Gateway::"{{alias}}"');
    expect(source.endsWith('\n')).toBe(true);
    expect(normalizeStatement(source.replace('{{alias}}', GW))).toBe(normalizeStatement(STATEMENT));
  });

  it('only replaces whole string literals', () => {
    expect(withPlaceholders(`"${GW}/x" "${GW}"`, { gw: GW })).toBe(`"${GW}/x" "{{gw}}"`);
  });
});

