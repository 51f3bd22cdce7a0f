import { describe, expect, it } from 'vitest';
import type { LiveTarget } from '../model.js';
import { parseEngineFile } from './engine-file.js';
import { rewriteTargets } from './targets-edit.js';
import { fillPlain } from './variables.js';

// A hand-written engine file: comments everywhere, aligned, flow maps with padding, flow lists without.
const FILE = `# Customer service tools.
name: CustomerService_prod           # the engine
region: us-east-1
groups: [authorization, business_rules]
variables:
  refund_gateway: arn:aws:bedrock-agentcore:us-east-1:210987654321:gateway/refund-gateway-q8w7e6r5t4
  refund_lambda: arn:aws:lambda:us-east-1:210987654321:function:RefundProcessor
gateways:
  # The refund gateway, written once.
  - arn: "{{refund_gateway}}"
    mode: ENFORCE                    # ENFORCE | LOG_ONLY
    targets:
      - name: RefundTarget           # actions are RefundTarget___<tool>
        description: 'Refund Lambda'
        lambdaArn: "{{refund_lambda}}"
        local: { url: http://127.0.0.1:8080/refund }
        tools:
          - name: process_refund
            description: Process customer refund    # shown to agents
            inputSchema:             # AgentCore's JSON Schema subset
              type: object
              properties:
                orderId: { type: string }
                amount: { type: integer }   # whole dollars
                reason: { type: string, description: "Why, in words" }
              required: [orderId, amount]
          - name: refund_status
            inputSchema: { type: object, properties: { orderId: { type: string } } }
`;

const engine = parseEngineFile('engines/production.yaml', FILE);
if (!engine.ok) throw new Error(JSON.stringify(engine.diagnostics));
const variables = engine.engine.variables;
const fill = (value: string) => fillPlain(value, variables).text;
const declared = engine.engine.gateways[0]!.targets[0]!;
const processRefund = declared.tools[0]!;
const refundStatus = declared.tools[1]!;

const rewrite = (targets: LiveTarget[]) => {
  const result = rewriteTargets(FILE, [{ index: 0, targets }], fill);
  if (!result.ok) throw new Error(result.message);
  return result.text;
};

/** The lines that differ, as `-old` / `+new`, in order. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return [...a.slice(start, endA).map((l) => `-${l}`), ...b.slice(start, endB).map((l) => `+${l}`)];
}

const { local: _local, ...live } = declared;

describe('rewriting targets from live', () => {
  it('leaves a file whose targets are as live byte for byte, variables and all', () => {
    expect(rewrite([live])).toBe(FILE);
  });

  it('changes only the line of a renamed input (the issue: amount became refundAmount)', () => {
    const renamed = {
      ...processRefund,
      inputSchema: { type: 'object' as const, properties: { orderId: { type: 'string' as const }, refundAmount: { type: 'integer' as const }, reason: processRefund.inputSchema.properties!.reason! }, required: ['orderId', 'refundAmount'] },
    };
    const after = rewrite([{ ...live, tools: [renamed, refundStatus] }]);
    expect(changedLines(FILE, after)).toEqual([
      '-                amount: { type: integer }   # whole dollars',
      '-                reason: { type: string, description: "Why, in words" }',
      '-              required: [orderId, amount]',
      '+                reason: { type: string, description: "Why, in words" }',
      '+                refundAmount: { type: integer }',
      '+              required: [orderId, refundAmount]',
    ]);
    expect(parseEngineFile('engines/production.yaml', after)).toMatchObject({ ok: true, engine: { gateways: [{ targets: [{ tools: [renamed, refundStatus] }] }] } });
  });

  it('writes a new description, a new tool and a new target as a person would, and removes what is gone', () => {
    const newTool = { name: 'cancel_refund', description: 'Cancel, if pending', inputSchema: { type: 'object' as const, properties: { refundId: { type: 'string' as const }, lines: { type: 'array' as const, items: { type: 'object' as const, properties: { sku: { type: 'string' as const } } } } }, required: ['refundId'] } };
    const after = rewrite([
      { ...live, tools: [{ ...refundStatus, description: 'Where a refund is' }, newTool] },
      { name: 'Audit', tools: [] },
    ]);
    const again = parseEngineFile('engines/production.yaml', after);
    expect(again).toMatchObject({ ok: true, engine: { gateways: [{ targets: [{ name: 'RefundTarget', local: { url: 'http://127.0.0.1:8080/refund' }, tools: [{ name: 'refund_status', description: 'Where a refund is' }, newTool] }, { name: 'Audit', tools: [] }] }] } });
    expect(after).toContain(`          - name: refund_status
            description: Where a refund is
            inputSchema: { type: object, properties: { orderId: { type: string } } }
          - name: cancel_refund
            description: "Cancel, if pending"
            inputSchema:
              type: object
              properties:
                refundId: { type: string }
                lines:
                  type: array
                  items:
                    type: object
                    properties:
                      sku: { type: string }
              required: [refundId]
      - name: Audit
        tools: []
`);
    expect(after).not.toContain('process_refund');
    expect(after.startsWith(FILE.slice(0, FILE.indexOf('          - name: process_refund')))).toBe(true);
  });

  it('leaves a target whose tools live cannot say as written, and removes one that is gone', () => {
    expect(rewrite([{ ...live, tools: [], toolsUnknown: 'an MCP server lists its tools only when asked at run time' }])).toBe(FILE);
    expect(rewrite([])).toBe(`${FILE.slice(0, FILE.indexOf('    targets:\n'))}    targets: []\n`);
  });

  it('rewrites a flow-style schema in place, keeping the comment after it', () => {
    const number = { ...processRefund, inputSchema: { ...processRefund.inputSchema, properties: { ...processRefund.inputSchema.properties, amount: { type: 'number' as const } } } };
    expect(changedLines(FILE, rewrite([{ ...live, tools: [number, refundStatus] }]))).toEqual([
      '-                amount: { type: integer }   # whole dollars',
      '+                amount: { type: number }   # whole dollars',
    ]);
  });

  it('replaces a value written through a variable only when the variable no longer gives it', () => {
    const moved = rewrite([{ ...live, lambdaArn: 'arn:aws:lambda:us-east-1:210987654321:function:RefundsV2' }]);
    expect(changedLines(FILE, moved)).toEqual(['-        lambdaArn: "{{refund_lambda}}"', '+        lambdaArn: arn:aws:lambda:us-east-1:210987654321:function:RefundsV2']);
  });
});
