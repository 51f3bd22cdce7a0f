import { describe, expect, it } from 'vitest';
import { OPERATIONS } from './ops/index.js';
import { createRouter } from './routes.js';

const route = createRouter(OPERATIONS);

describe('createRouter', () => {
  it('binds each modelled method and path to its operation with labels', () => {
    expect(route('GET', '/policy-engines/e-abcdefghij/policies/p-0123456789')).toMatchObject({
      operation: { name: 'GetPolicy' },
      labels: { policyEngineId: 'e-abcdefghij', policyId: 'p-0123456789' },
    });
    expect(route('PATCH', '/policy-engines/e-abcdefghij/policies/p-0123456789')?.operation.name).toBe('UpdatePolicy');
    expect(route('GET', '/policy-engines/e-abcdefghij/policy-summaries')?.operation.name).toBe('ListPolicySummaries');
    expect(route('PUT', '/gateways/gw-abcdefghij/')?.operation.name).toBe('UpdateGateway');
    expect(route('GET', '/gateways/')?.operation.name).toBe('ListGateways');
    expect(route('GET', '/gateways/gw-abcdefghij/targets/ABCDEFGHIJ/')?.operation.name).toBe('GetGatewayTarget');
  });
  it('keeps the trailing slashes of the model significant', () => {
    expect(route('GET', '/gateways')).toBeUndefined();
    expect(route('GET', '/policy-engines/')).toBeUndefined();
  });
  it('percent-decodes labels and refuses unknown verbs', () => {
    expect(route('GET', '/policy-engines/a%20b')?.labels.policyEngineId).toBe('a b');
    expect(route('POST', '/policy-engines/e-abcdefghij')).toBeUndefined();
  });
  it('serves every operation at a distinct method and path', () => {
    const keys = OPERATIONS.map((o) => `${o.method} ${o.path}`);
    expect(new Set(keys).size).toBe(OPERATIONS.length);
    expect(new Set(OPERATIONS.map((o) => o.name)).size).toBe(OPERATIONS.length);
  });
});
