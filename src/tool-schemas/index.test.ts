import { describe, expect, it } from 'vitest';
import { toolsOfDocument, toolsOfTarget } from './index.js';

const ORDERS_OPENAPI = `
openapi: 3.0.3
info: { title: Orders, version: '1' }
paths:
  /orders/{orderId}/refunds:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string } }
    post:
      operationId: process_refund
      summary: Refund an order
      parameters:
        - { name: dryRun, in: query, description: Only check, schema: { type: boolean } }
        - { name: X-Api-Key, in: header, required: true, schema: { type: string } }
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Refund' }
    get:
      summary: no operationId, so no tool
components:
  schemas:
    Refund:
      type: object
      required: [amount]
      properties:
        amount: { type: integer, format: int64, minimum: 1 }
        reason: { type: string, nullable: true, description: Why }
        lines: { type: array, items: { $ref: '#/components/schemas/Line' } }
    Line:
      type: object
      properties:
        sku: { type: [string, 'null'] }
`;

const openApi = (document: string) => toolsOfTarget({ mcp: { openApiSchema: { inlinePayload: document } } });

describe('OpenAPI targets', () => {
  it('yields one tool per operationId, with path and query parameters and the JSON body members as inputs', () => {
    expect(openApi(ORDERS_OPENAPI)).toEqual({
      ok: true,
      tools: [
        {
          name: 'process_refund',
          description: 'Refund an order',
          inputSchema: {
            type: 'object',
            properties: {
              orderId: { type: 'string' },
              dryRun: { type: 'boolean', description: 'Only check' },
              amount: { type: 'integer' },
              reason: { type: 'string', description: 'Why' },
              lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
            },
            required: ['orderId', 'amount'],
          },
        },
      ],
    });
  });

  it('reads JSON text as well as YAML, and prefers the description to the summary', () => {
    const document = JSON.stringify({ openapi: '3.1.0', paths: { '/x': { get: { operationId: 'get_x', summary: 's', description: 'd' } } } });
    expect(openApi(document)).toEqual({ ok: true, tools: [{ name: 'get_x', description: 'd', inputSchema: { type: 'object' } }] });
  });

  it('keeps a body member optional when the body is', () => {
    const document = JSON.stringify({
      openapi: '3.0.0',
      paths: { '/x': { put: { operationId: 'put_x', requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } } } } } } },
    });
    expect(openApi(document)).toMatchObject({ ok: true, tools: [{ inputSchema: { type: 'object', properties: { a: { type: 'string' } } } }] });
    expect((openApi(document) as { tools: { inputSchema: object }[] }).tools[0]!.inputSchema).not.toHaveProperty('required');
  });

  it.each([
    ['swagger: "2.0"\npaths: {}', 'not an OpenAPI 3 document'],
    ['openapi: 3.0.0\npaths:\n  /x:\n    post:\n      operationId: x\n      requestBody:\n        content:\n          application/json:\n            schema: { oneOf: [{ type: string }, { type: integer }] }', 'uses oneOf, which AgentCore does not support'],
    ['openapi: 3.0.0\npaths:\n  /x:\n    post:\n      operationId: x\n      requestBody:\n        content:\n          application/json:\n            schema: { type: array, items: { type: string } }', 'request body that is not an object'],
    ['openapi: 3.0.0\npaths:\n  /x:\n    get:\n      operationId: x\n      parameters: [{ name: n, in: query, schema: { $ref: "other.yaml#/N" } }]', 'outside the document'],
    ['openapi: 3.0.0\npaths:\n  /x:\n    get:\n      operationId: x\n      parameters: [{ name: n, in: query, schema: { $ref: "#/components/schemas/N" } }]\ncomponents:\n  schemas:\n    N: { type: object, properties: { next: { $ref: "#/components/schemas/N" } } }', 'is recursive'],
    ['openapi: [', 'does not parse'],
  ])('cannot derive %j: %s', (document, reason) => {
    const result = openApi(document);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});

const SMITHY = JSON.stringify({
  smithy: '2.0',
  shapes: {
    'example#Orders': { type: 'service', version: '1', operations: [{ target: 'example#GetOrder' }], resources: [{ target: 'example#Refund' }] },
    'example#Refund': { type: 'resource', create: { target: 'example#CreateRefund' } },
    'example#GetOrder': { type: 'operation', input: { target: 'example#GetOrderInput' }, traits: { 'smithy.api#documentation': 'Read an order' } },
    'example#GetOrderInput': { type: 'structure', members: { orderId: { target: 'smithy.api#String', traits: { 'smithy.api#required': {} } } } },
    'example#CreateRefund': { type: 'operation', input: { target: 'example#CreateRefundInput' } },
    'example#CreateRefundInput': {
      type: 'structure',
      members: {
        amount: { target: 'smithy.api#Long', traits: { 'smithy.api#required': {}, 'smithy.api#documentation': 'In cents' } },
        tags: { target: 'example#Tags' },
        currency: { target: 'example#Currency' },
        rate: { target: 'smithy.api#PrimitiveDouble' },
      },
    },
    'example#Tags': { type: 'list', member: { target: 'smithy.api#String' } },
    'example#Currency': { type: 'enum', members: { EUR: { target: 'smithy.api#Unit' } } },
    'example#Unbound': { type: 'operation' },
  },
});

describe('Smithy targets', () => {
  it("yields the services' operations (their resources' too) with their input structures", () => {
    expect(toolsOfTarget({ mcp: { smithyModel: { inlinePayload: SMITHY } } })).toEqual({
      ok: true,
      tools: [
        { name: 'GetOrder', description: 'Read an order', inputSchema: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] } },
        { name: 'CreateRefund', inputSchema: { type: 'object', properties: { amount: { type: 'integer', description: 'In cents' }, tags: { type: 'array', items: { type: 'string' } }, currency: { type: 'string' }, rate: { type: 'number' } }, required: ['amount'] } },
      ],
    });
  });

  it('cannot derive a union input, naming where it is', () => {
    const model = JSON.stringify({ smithy: '2.0', shapes: { 'a#Op': { type: 'operation', input: { target: 'a#In' } }, 'a#In': { type: 'structure', members: { choice: { target: 'a#U' } } }, 'a#U': { type: 'union', members: {} } } });
    expect(toolsOfDocument('smithy', model)).toEqual({ ok: false, reason: "operation Op input.choice is a union shape (a#U), which AgentCore's input schemas cannot express" });
  });
});

describe('Lambda and other targets', () => {
  it('keeps only the subset of an inline tool schema', () => {
    const inlinePayload = [{ name: 't', description: 'T', inputSchema: { type: 'object', properties: { a: { type: 'string', extra: 1 } } }, outputSchema: { type: 'string' } }];
    expect(toolsOfTarget({ mcp: { lambda: { lambdaArn: 'arn:aws:lambda:x', toolSchema: { inlinePayload } } } })).toEqual({
      ok: true,
      tools: [{ name: 't', description: 'T', inputSchema: { type: 'object', properties: { a: { type: 'string' } } } }],
    });
  });

  it('says where a schema in S3 is, for the caller to read', () => {
    expect(toolsOfTarget({ mcp: { openApiSchema: { s3: { uri: 's3://b/k.yaml', bucketOwnerAccountId: '123456789012' } } } })).toEqual({
      ok: false,
      reason: 'its tool schema is in S3 (s3://b/k.yaml)',
      s3: { kind: 'openapi', uri: 's3://b/k.yaml', bucketOwnerAccountId: '123456789012' },
    });
    expect(toolsOfDocument('lambda', '[{"name":"t","description":"T","inputSchema":{"type":"object"}}]')).toEqual({ ok: true, tools: [{ name: 't', description: 'T', inputSchema: { type: 'object' } }] });
  });

  it('knows an MCP server lists its tools only at run time', () => {
    expect(toolsOfTarget({ mcp: { mcpServer: { endpoint: 'https://x' } } })).toEqual({ ok: false, reason: 'an MCP server lists its tools only when asked at run time' });
    expect(toolsOfTarget({ http: {} }).ok).toBe(false);
  });
});
