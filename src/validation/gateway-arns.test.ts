import { describe, expect, it } from 'vitest';
import { tokenize } from '../cedar/tokens.js';
import type { EngineSpec, PolicySpec } from '../model.js';
import { gatewayArnProblem, policyGatewayArns } from './gateway-arns.js';

const REAL = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';
const GUIDE = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway';
const engine = { name: 'E', file: 'engines/e.yaml', variables: { real: REAL, guide: GUIDE } } as unknown as EngineSpec;

describe('gatewayArnProblem', () => {
  it('accepts a real gateway ARN, as written or filled, and leaves an unknown variable to its own check', () => {
    expect(gatewayArnProblem(REAL, {})).toBeUndefined();
    expect(gatewayArnProblem('{{real}}', engine.variables)).toBeUndefined();
    expect(gatewayArnProblem('{{nope}}', engine.variables)).toBeUndefined();
  });

  it("says in words, with a real id, why the guide's illustrative ARN is none, and where a filled one came from", () => {
    const problem = gatewayArnProblem('{{guide}}', engine.variables)!;
    expect(problem).toMatch(/^gateway "arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway\/refund-gateway" \(filled from \{\{guide\}\}\) must be a gateway ARN, /);
    expect(problem).toContain('(e.g. arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5)');
    expect(problem).not.toMatch(/\[0-9a-z\]|\^arn/);
    expect(gatewayArnProblem('refund', {})).toMatch(/^gateway "refund" must be a gateway ARN/);
  });
});

describe('policyGatewayArns', () => {
  it('reports each AgentCore::Gateway literal that is no gateway ARN, at its string, and nothing else', () => {
    const source = `permit (principal, action, resource in [AgentCore::Gateway::"${REAL}", AgentCore::Gateway::"{{guide}}"])\nwhen { context.input.note == "${GUIDE}" };\n`;
    const policy = { file: 'policies/p.cedar', source } as PolicySpec;
    const found = policyGatewayArns(policy, tokenize(source), engine);
    expect(found.map((d) => [d.code, d.line, d.column, d.engine])).toEqual([['validate/gateway-arn', 1, source.indexOf('"{{guide}}"') + 1, 'E']]);
    expect(found[0]!.message).toMatch(/never matches a gateway of engine E$/);
  });
});
