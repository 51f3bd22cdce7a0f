import { describe, expect, it } from 'vitest';
import type { GatewaySpec } from '../model.js';
import { parseEngineFile } from './engine-file.js';
import { refundExample } from './scaffold-example.js';
import { engineFileText, gatewayVariables, type EngineDraft } from './scaffold-engine.js';

const arn = (id: string) => `arn:aws:bedrock-agentcore:eu-west-1:123456789012:gateway/${id}`;

describe('gatewayVariables', () => {
  it("names each ARN's variable after its gateway, once", () => {
    expect(gatewayVariables([arn('refund-gateway-a1b2c3d4e5'), arn('orders-x1y2z3a4b5'), arn('refund-gateway-k1k2k3k4k5'), arn('9lives-q1q2q3q4q5')])).toEqual({
      refund_gateway: arn('refund-gateway-a1b2c3d4e5'),
      orders_gateway: arn('orders-x1y2z3a4b5'),
      refund_gateway_2: arn('refund-gateway-k1k2k3k4k5'),
      gateway_9lives_gateway: arn('9lives-q1q2q3q4q5'),
    });
  });
});

describe('engineFileText', () => {
  const odd: GatewaySpec = {
    arn: arn('orders-x1y2z3a4b5'),
    mode: 'LOG_ONLY',
    authorizerType: 'AWS_IAM',
    targets: [{ name: 'Orders', description: 'Orders: look up, cancel', tools: [{ name: 'cancel', description: '"quoted" # not a comment', inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } }] }],
  };

  it('reads back as the engine it was written from, template and live alike', () => {
    const template: EngineDraft = { name: 'Shop_local', region: 'eu-west-1', endpoint: 'local', gateways: [refundExample('eu-west-1').gateway] };
    const live: EngineDraft = { name: 'Shop', region: 'eu-west-1', description: 'Shop: every tool', gateways: [refundExample('eu-west-1').gateway, odd] };
    for (const [draft, from] of [[template, undefined], [live, 'the live engine Shop (Shop-abcdefghij)']] as const) {
      const read = parseEngineFile('engines/x.yaml', engineFileText(draft, from));
      expect(read.ok && read.engine).toEqual({ file: 'engines/x.yaml', ...draft, groups: ['authentication', 'authorization', 'business_rules', 'emergency'], prune: false, variables: gatewayVariables(draft.gateways.map((g) => g.arn)) });
    }
  });

  it('explains each key of the template in a comment, and says where a live one came from instead', () => {
    const template = engineFileText({ name: 'A', region: 'us-east-1', endpoint: 'local', gateways: [] });
    expect(template).toMatch(/^endpoint: local +# the embedded local engine, to try everything offline; delete this line for an engine in AWS$/m);
    expect(template).toContain('\nvariables: {}');
    expect(template).toMatch(/\ngateways: \[\] +# the gateways attached/);
    const live = engineFileText({ name: 'A', region: 'us-east-1', gateways: [odd] }, 'the live engine A (A-abcdefghij)');
    expect(live.split('\n')[0]).toBe("# Read from the live engine A (A-abcdefghij) by agentcore-policy init --from-live; agentcore-policy pull rewrites the gateways' tools from live.");
    expect(live.split('\n').filter((line) => /^[a-z]+:.* # /.test(line))).toEqual([]);
    expect(live).toContain('  - arn: "{{orders_gateway}}"\n    mode: LOG_ONLY\n    authorizerType: AWS_IAM\n');
  });
});
