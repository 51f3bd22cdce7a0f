import { describe, expect, it } from 'vitest';
import { sourceOf, withPlaceholders } from './cedar-source.js';
import { normalizeStatement } from './desired.js';
import { fillVariables, findPlaceholders } from './variables.js';

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


describe('a live statement holding a literal {{name}}', () => {
  const statement = (literal: string) => `permit(principal, action, resource == AgentCore::Gateway::"${GW}") when { context.input.note == "${literal}" };`;

  it.each([
    ['a name the engine defines', '{{refund}}'],
    ['a name it does not define', '{{nobody}}'],
    ['three braces', '{{{refund}}}'],
    ['an opening pair alone', 'x {{ y'],
    ['a placeholder with spaces', '{{ refund }}'],
  ])('%s is written so that it fills back to the very same statement', (_, literal) => {
    const source = sourceOf(statement(literal), engine.variables);
    expect(source).not.toContain('{{refund}}"');
    const filled = fillVariables(source, engine.variables);
    expect(filled.unknown).toEqual([]);
    expect(normalizeStatement(filled.text)).toBe(normalizeStatement(statement(literal)));
    expect(findPlaceholders(source).flatMap((p) => (p.kind === 'variable' ? [p.name] : []))).toEqual(['alias']);
  });

  it('escapes a literal {{ inside a like pattern too', () => {
    const live = `permit(principal, action, resource) when { context.input.note like "*{{refund}}*" };`;
    const source = sourceOf(live, engine.variables);
    expect(source).toContain('like "*\\u{7b}{refund}}*"');
    expect(normalizeStatement(fillVariables(source, engine.variables).text)).toBe(normalizeStatement(live));
  });
});

describe('a like pattern equal to a variable value', () => {
  it('is written as the variable when it fills back to the same pattern', () => {
    const variables = { prefix: 'order*' };
    const live = 'permit(principal, action, resource) when { context.input.note like "order\\*" && context.input.id == "order*" };';
    const source = sourceOf(live, variables);
    expect(source).toContain('like "{{prefix}}"');
    expect(source).toContain('== "{{prefix}}"');
    expect(normalizeStatement(fillVariables(source, variables).text)).toBe(normalizeStatement(live));
  });

  it('keeps a wildcard the value does not have', () => {
    const source = sourceOf('permit(principal, action, resource) when { context.input.note like "order*" };', { prefix: 'order*' });
    expect(source).toContain('like "order*"');
  });
});
