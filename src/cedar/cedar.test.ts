import { describe, expect, it } from 'vitest';
import { createAuthorizer } from './authorize.js';
import { checkSchema, checkSyntax, validatePolicies } from './check.js';
import { formatCedar } from './format.js';
import { byteOffsetToLineColumn } from './locations.js';
import { buildCedarSchema, type SchemaGateway } from './schema.js';
import type { InputSchema } from '../model.js';

const GW = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway';
const gateways: SchemaGateway[] = [
  {
    authorizerType: 'CUSTOM_JWT',
    targets: [
      {
        name: 'RefundTarget',
        tools: [
          {
            name: 'process_refund',
            inputSchema: {
              type: 'object',
              properties: { orderId: { type: 'string' }, amount: { type: 'integer' }, reason: { type: 'string' } },
              required: ['orderId', 'amount'],
            },
          },
        ],
      },
    ],
  },
];
const schema = buildCedarSchema(gateways);
const refund = `permit(
  principal is AgentCore::OAuthUser,
  action == AgentCore::Action::"RefundTarget___process_refund",
  resource == AgentCore::Gateway::"${GW}"
)
when {
  principal.hasTag("username") &&
  principal.getTag("username") == "refund-agent" &&
  context.input.amount < 500
};`;

describe('repository/schema', () => {
  it('is a schema cedar accepts', () => {
    expect(checkSchema(schema)).toEqual([]);
  });
});

describe('checkSyntax', () => {
  it('accepts valid policies and maps errors to the policy that has them', () => {
    const texts = new Map([
      ['good', refund],
      ['bad', 'permit(principal, action, resource) when { x };'],
    ]);
    const issues = checkSyntax(texts);
    expect(issues.has('good')).toBe(false);
    const bad = issues.get('bad')!;
    expect(bad[0]!.message).toContain('invalid variable: x');
    expect(bad[0]!.start).toBe(43);
  });
});

describe('validatePolicies', () => {
  it('passes the seed refund policy and flags a misspelled input with its offset in that policy', () => {
    const typo = refund.replace('input.amount', 'input.amonut');
    const result = validatePolicies(schema, new Map([['ok', refund], ['typo', typo]]));
    expect(result.issues.has('ok')).toBe(false);
    const [issue] = result.issues.get('typo')!;
    expect(issue!.message).toContain('input.amonut');
    expect(issue!.help).toContain('amount');
    expect(typo.slice(issue!.start, issue!.end)).toContain('context.input.amonut');
  });

  it('flags getTag without hasTag and optional input read without has', () => {
    const unguarded = refund.replace('principal.hasTag("username") &&\n', '').replace('context.input.amount < 500', 'context.input.reason == "x"');
    const messages = (validatePolicies(schema, new Map([['p', unguarded]])).issues.get('p') ?? []).map((i) => i.message).sort();
    expect(messages).toEqual([
      'unable to guarantee safety of access to optional attribute `input.reason` in context for AgentCore::Action::"RefundTarget___process_refund"',
      'unable to guarantee safety of access to tag `"username"` on entity type `AgentCore::OAuthUser`',
    ]);
  });
});

describe('createAuthorizer', () => {
  it('reproduces the seed: 450 allowed, 750 denied', () => {
    const authorize = createAuthorizer('test', { RefundUnder500: refund }, schema);
    if (typeof authorize !== 'function') throw new Error(JSON.stringify(authorize));
    const request = (amount: number) => ({
      principal: { type: 'OAuthUser' as const, id: 'u1', tags: { username: 'refund-agent' } },
      action: 'RefundTarget___process_refund',
      resource: GW,
      input: { orderId: '1', amount },
    });
    expect(authorize(request(450))).toMatchObject({ ok: true, decision: 'allow', reasons: ['RefundUnder500'] });
    expect(authorize(request(750))).toMatchObject({ ok: true, decision: 'deny', reasons: [] });
    expect(authorize({ ...request(1), input: { orderId: '1', amount: 'x' } })).toMatchObject({ ok: false });
  });
});

describe('createAuthorizer, reused', () => {
  it('takes the policies as one text, and a new set in the same slot with the same schema answers for the new set', () => {
    const request = {
      principal: { type: 'OAuthUser' as const, id: 'u1', tags: { username: 'refund-agent' } },
      action: 'RefundTarget___process_refund',
      resource: GW,
      input: { orderId: '1', amount: 600 },
    };
    const first = createAuthorizer('reuse', refund, schema);
    const second = createAuthorizer('reuse', `${refund.replace('< 500', '< 1000')}\nforbid (principal, action, resource) when { context.input.amount == 999 };`, schema);
    if (typeof first !== 'function' || typeof second !== 'function') throw new Error('not prepared');
    expect(second(request)).toMatchObject({ ok: true, decision: 'allow', reasons: ['policy0'] });
    expect(second({ ...request, input: { orderId: '1', amount: 999 } })).toMatchObject({ ok: true, decision: 'deny', reasons: ['policy1'] });
    expect(second({ ...request, input: { orderId: '1', amount: 'x' } })).toMatchObject({ ok: false });
  });
});

describe('createAuthorizer with JSON Schema numbers', () => {
  it('takes every number a tool types `number` as a decimal, whole ones included, and nested ones', () => {
    const inputSchema = {
      type: 'object' as const,
      properties: {
        amount: { type: 'number' as const },
        count: { type: 'integer' as const },
        lines: { type: 'array' as const, items: { type: 'object' as const, properties: { price: { type: 'number' as const } } } },
      },
      required: ['amount', 'count', 'lines'],
    };
    const decimalSchema = buildCedarSchema([{ authorizerType: 'CUSTOM_JWT', targets: [{ name: 'Shop', tools: [{ name: 'buy', inputSchema }] }] }]);
    const statement = 'permit (principal, action, resource) when { context.input.amount.lessThan(decimal("500.0")) && context.input.count < 3 };';
    const authorize = createAuthorizer('cedar-test-decimal', { UnderFiveHundred: statement }, decimalSchema);
    if (typeof authorize !== 'function') throw new Error(JSON.stringify(authorize));
    const request = (amount: number, price: number) => ({
      principal: { type: 'OAuthUser' as const, id: 'u1', tags: {} },
      action: 'Shop___buy',
      resource: GW,
      input: { amount, count: 2, lines: [{ price }] },
      inputSchema,
    });
    expect(authorize(request(450, 3))).toMatchObject({ ok: true, decision: 'allow' });
    expect(authorize(request(450.25, 3.5))).toMatchObject({ ok: true, decision: 'allow' });
    expect(authorize(request(500, 3))).toMatchObject({ ok: true, decision: 'deny' });
    // Without the tool's schema a whole number stays a Long, which the Cedar schema refuses.
    expect(authorize({ ...request(450, 3), inputSchema: undefined })).toMatchObject({ ok: false });
  });
});

describe('formatCedar and locations', () => {
  it('formats to Cedar normal form and converts byte offsets past non-ASCII text', () => {
    const result = formatCedar('permit(principal,action,resource);');
    expect(result).toEqual({ ok: true, formatted: 'permit (principal, action, resource);\n' });
    expect(byteOffsetToLineColumn('// é\nxy', Buffer.byteLength('// é\nx'))).toEqual({ line: 2, column: 2 });
  });
});

describe('buildCedarSchema and odd input names', () => {
  it('keeps an input named __proto__ as an attribute of the context, not as the prototype of its record', () => {
    // Parsed, as an engine file's tool schema is: in an object literal, `__proto__:` would set the prototype.
    const inputSchema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"amount":{"type":"integer"}},"required":["__proto__"]}') as InputSchema;
    const written = JSON.stringify(buildCedarSchema([{ authorizerType: 'CUSTOM_JWT', targets: [{ name: 'Shop', tools: [{ name: 'buy', inputSchema }] }] }]));
    expect(written).toContain('"__proto__":{"type":"String","required":true}');
  });
});
