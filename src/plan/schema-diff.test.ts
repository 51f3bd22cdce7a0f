import { describe, expect, it } from 'vitest';
import type { GatewaySpec, LiveGateway } from '../model.js';
import { inputDrift, schemaDrift } from './schema-diff.js';

const ARN = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';
const refund = { name: 'process_refund', description: 'Refund', inputSchema: { type: 'object' as const, properties: { orderId: { type: 'string' as const }, amount: { type: 'integer' as const } }, required: ['orderId', 'amount'] } };
const declared: GatewaySpec = { arn: ARN, mode: 'ENFORCE', authorizerType: 'CUSTOM_JWT', targets: [{ name: 'RefundTarget', tools: [refund] }, { name: 'Mcp', tools: [refund] }] };
const live = (targets: LiveGateway['targets']): LiveGateway => ({ arn: ARN, gatewayId: 'refund-gateway-a1b2c3d4e5', name: 'refund-gateway', targets });
const unknownMcp = { name: 'Mcp', tools: [], toolsUnknown: 'an MCP server lists its tools only when asked at run time' };

describe('schema drift', () => {
  it('finds nothing when live is as the snapshot, and never compares a target whose tools live cannot say', () => {
    expect(schemaDrift([declared], [live([{ name: 'RefundTarget', tools: [refund] }, unknownMcp])])).toEqual([]);
  });

  it('names each changed field of a tool (the issue: amount renamed refundAmount)', () => {
    const renamed = { ...refund, inputSchema: { type: 'object' as const, properties: { orderId: { type: 'string' as const }, refundAmount: { type: 'integer' as const } }, required: ['orderId', 'refundAmount'] } };
    expect(schemaDrift([declared], [live([{ name: 'RefundTarget', tools: [renamed] }, unknownMcp])])).toEqual([
      {
        gateway: { arn: ARN, name: 'refund-gateway' },
        target: 'RefundTarget',
        tool: 'process_refund',
        changes: ['input amount is no longer live', 'input refundAmount is new live (required)'],
        fields: ['amount', 'refundAmount'],
        live: renamed,
      },
    ]);
  });

  it('says what became of tools and targets that are gone or new', () => {
    const drift = schemaDrift([declared], [live([{ name: 'RefundTarget', description: 'now described', tools: [{ ...refund, name: 'refund_v2' }] }, { name: 'Audit', tools: [refund] }])]);
    expect(drift.map((d) => [d.target, d.tool, d.changes])).toEqual([
      ['RefundTarget', undefined, ['its description differs']],
      ['RefundTarget', 'process_refund', ['the tool is no longer live']],
      ['RefundTarget', 'refund_v2', ['the tool is new live']],
      ['Mcp', 'process_refund', ['target Mcp is no longer live']],
      ['Audit', 'process_refund', ['target Audit is new live']],
    ]);
  });

  it('compares nested inputs, types, requiredness and descriptions', () => {
    expect(
      inputDrift(
        { type: 'object', properties: { lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } }, note: { type: 'string' } }, required: ['lines'] },
        { type: 'object', properties: { lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'integer' } } } }, note: { type: 'string', description: 'free text' } } },
        '',
      ).map((c) => c.words),
    ).toEqual(['input lines is optional live', 'input lines[].sku is integer live, string in the file', 'input note: its description differs']);
  });
});
