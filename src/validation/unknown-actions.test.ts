import { describe, expect, it } from 'vitest';
import { validatePolicies } from '../cedar/check.js';
import { buildCedarSchema, schemaActionNames, type SchemaGateway } from '../cedar/schema.js';
import { explainUnknownActions, unknownAction } from './unknown-actions.js';

const object = { type: 'object' as const };
const gateways: SchemaGateway[] = [
  { authorizerType: 'CUSTOM_JWT', targets: [{ name: 'RefundTarget', tools: [{ name: 'process_refund', inputSchema: object }, { name: 'get_status', inputSchema: object }] }] },
  { authorizerType: 'CUSTOM_JWT', targets: [{ name: 'PaymentTarget', tools: [{ name: 'transfer_funds', inputSchema: object }] }] },
];
const schema = buildCedarSchema(gateways);
const actions = schemaActionNames(schema);

/** What validate reports for one policy: Cedar's findings, explained. */
function findings(policy: string) {
  const issues = validatePolicies(schema, new Map([['p', policy]])).issues.get('p') ?? [];
  return explainUnknownActions(issues, actions).map((issue) => ({ ...issue, text: policy.slice(issue.start, issue.end) }));
}

const scoped = (scope: string, condition = 'true') => `permit(principal, ${scope}, resource) when { ${condition} };`;
const action = (id: string) => `AgentCore::Action::"${id}"`;

describe('an unknown action', () => {
  it.each([
    ['a misspelled tool', scoped(`action == ${action('RefundTarget___process_refnd')}`), 'RefundTarget___process_refund'],
    ['a misspelled target', scoped(`action in ${action('RefundTargt')}`), 'RefundTarget'],
    ['a tool no gateway has', scoped(`action == ${action('Foo')}`, 'context has input'), undefined],
    ['an unknown tool in a list with a known one', scoped(`action in [${action('RefundTarget___get_status')}, ${action('PaymentTarget___transfer_fund')}]`), 'PaymentTarget___transfer_funds'],
    ['an unknown action in a condition', scoped('action', `action == ${action('RefundTarget___get_stats')}`), 'RefundTarget___get_status'],
  ])('is one error at the action for %s, naming the actions there are, closest first', (_, policy, meant) => {
    const [only, ...rest] = findings(policy);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ severity: 'error', text: expect.stringMatching(/^AgentCore::Action::"/) as string });
    expect(only!.help).toBeUndefined();
    expect(only!.message).toMatch(new RegExp(`^unknown action ${only!.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(only!.message).not.toContain('"Mcp"');
    const offered = only!.message.split(': ').at(-1)!.split(', ');
    if (meant) {
      expect(only!.message).toContain(`(did you mean "${meant}"?)`);
      expect(offered[0]).toBe(meant);
    }
    expect(offered.filter((name) => name.includes('___')).sort()).toEqual(['PaymentTarget___transfer_funds', 'RefundTarget___get_status', 'RefundTarget___process_refund']);
  });

  it('is one error each when a policy names several', () => {
    const messages = findings(scoped(`action in [${action('Bar')}, ${action('Foo')}]`)).map((i) => [i.severity, i.text]);
    expect(messages.sort()).toEqual([
      ['error', action('Bar')],
      ['error', action('Foo')],
    ]);
  });

  it('says how actions are named when the type is wrong', () => {
    const [only] = findings(scoped('action == Action::"RefundTarget___get_status"'));
    expect(only!.message).toMatch(/^unknown action Action::"RefundTarget___get_status" \(actions are AgentCore::Action::"<Target>___<tool>"\) \(did you mean "RefundTarget___get_status"\?\)/);
  });

  it('leaves every other finding as Cedar gave it', () => {
    const typo = findings(scoped(`action == ${action('RefundTarget___get_status')}`, 'context.input.x == 1'));
    expect(typo.map((i) => i.message)).toEqual([expect.stringContaining('attribute `input.x`')]);
    // Without an unknown action, "policy is impossible" is Cedar's to say.
    const impossible = findings(scoped(`action == ${action('RefundTarget___get_status')}`, 'resource.hasTag("x")'));
    expect(impossible.map((i) => [i.severity, i.message.split(':')[0]])).toEqual([['warning', 'policy is impossible']]);
  });

  it('lists a few of many tools, and says when there are none', () => {
    const many = Array.from({ length: 20 }, (_, i) => `T___tool_${String(i).padStart(2, '0')}`);
    expect(unknownAction(action('T___tool_5'), many)).toMatch(/\(did you mean "T___tool_05"\?\); the engine's gateways offer: T___tool_05, T___tool_00, .*, and 12 more$/);
    expect(unknownAction(action('X___y'), ['Mcp', 'CallTool'])).toBe(`unknown action ${action('X___y')}; the engine's gateways offer no tools`);
  });
});
