import { describe, expect, it } from 'vitest';
import { parseEngineFile } from './engine-file.js';

const ARN = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';

const engine = (gateways: string, extra = '') =>
  `name: Refunds_{{stage}}\nregion: us-west-2\ngroups: [authorization]\nvariables:\n  refund_gateway: ${ARN}\n  stage: "{{not_filled}}"\n${extra}gateways:\n${gateways}`;

const TARGET = '    targets:\n      - name: RefundTarget\n        lambdaArn: "arn:aws:lambda:us-west-2:123456789012:function:{{fn}}"\n        tools: []\n';

describe('{{variables}} in an engine file', () => {
  it("fills a gateway's ARN and any other string value from the file's variables", () => {
    const filled = parseEngineFile('engines/e.yaml', engine(`  - arn: "{{ refund_gateway }}"\n    mode: ENFORCE\n${TARGET}`).replace('  stage:', '  fn: RefundProcessor\n  stage:').replace('Refunds_{{stage}}', 'Refunds'));
    expect(filled).toMatchObject({
      ok: true,
      engine: { gateways: [{ arn: ARN, targets: [{ lambdaArn: 'arn:aws:lambda:us-west-2:123456789012:function:RefundProcessor' }] }], variables: { stage: '{{not_filled}}' } },
    });
  });

  it('never fills the engine name or the variables themselves', () => {
    const result = parseEngineFile('engines/e.yaml', engine(`  - arn: "{{refund_gateway}}"\n    mode: ENFORCE\n    targets: []\n`));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['repository/schema', expect.stringContaining('name must start with a letter')],
    ]);
  });

  it('reports an unknown variable where it is written, with the closest name, and not again as a bad ARN', () => {
    const text = engine(`  - arn: "{{refund_gatway}}"\n    mode: ENFORCE\n    targets: []\n`).replace('Refunds_{{stage}}', 'Refunds');
    const result = parseEngineFile('engines/e.yaml', text);
    expect(result.ok ? [] : result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'repository/unknown-variable',
        message: 'unknown variable {{refund_gatway}} in gateways[0].arn: engines/e.yaml has no variable "refund_gatway"; did you mean "refund_gateway"?',
        file: 'engines/e.yaml',
        line: 8,
        column: 11,
      },
    ]);
    // The engine's gateways are not sound, so nothing is checked against them.
    expect(result.ok ? undefined : result.damaged).toEqual({ file: 'engines/e.yaml', name: 'Refunds', groups: ['authorization'] });
  });

  it('looks variables up as own properties only', () => {
    const result = parseEngineFile('engines/e.yaml', engine('  - arn: "{{constructor}}"\n    mode: ENFORCE\n    targets: []\n').replace('Refunds_{{stage}}', 'Refunds'));
    expect(result.ok ? [] : result.diagnostics.map((d) => d.code)).toEqual(['repository/unknown-variable']);
  });
});
