import { describe, expect, it } from 'vitest';
import type { GatewaySpec } from '../model.js';
import { liveResources } from './lifecycle.js';
import { accountOf, seedGateways } from './seed.js';
import { Store } from './store.js';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:111122223333:gateway/orders-a1b2c3d4e5';
const spec = (targets: string[], authorizerType: GatewaySpec['authorizerType'] = 'AWS_IAM'): GatewaySpec => ({
  arn: ARN,
  mode: 'ENFORCE',
  authorizerType,
  targets: targets.map((name) => ({ name, tools: [{ name: 'list', inputSchema: { type: 'object' } }] })),
});

describe('seedGateways', () => {
  it('puts the gateway in the partition of its ARN region, with its exact ARN', () => {
    const store = new Store();
    expect(seedGateways(store, [spec(['A'])], 1000)).toEqual([]);
    const gateway = store.partition('us-east-1').gateways['orders-a1b2c3d4e5'];
    expect(gateway).toMatchObject({ arn: ARN, name: 'orders', attrs: { authorizerType: 'AWS_IAM' } });
    expect(gateway?.attrs.policyEngineConfiguration).toBeUndefined();
  });
  it('makes targets follow the spec on re-seeding and keeps target ids stable', () => {
    const store = new Store();
    seedGateways(store, [spec(['A', 'B'])], 1000);
    const targets = store.partition('us-east-1').targets['orders-a1b2c3d4e5']!;
    const idOfA = Object.values(targets).find((t) => t.name === 'A')!.id;
    seedGateways(store, [spec(['A', 'C'])], 2000);
    const after = liveResources(targets, 3000);
    expect(after.map((t) => t.name).sort()).toEqual(['A', 'C']);
    expect(after.find((t) => t.name === 'A')?.id).toBe(idOfA);
  });
  it('keeps an attached engine and follows a change of authorizer', () => {
    const store = new Store();
    seedGateways(store, [spec(['A'])], 1000);
    const gateway = store.partition('us-east-1').gateways['orders-a1b2c3d4e5']!;
    gateway.attrs.policyEngineConfiguration = { arn: 'arn:engine', mode: 'LOG_ONLY' };
    seedGateways(store, [spec(['A'], 'CUSTOM_JWT')], 2000);
    expect(gateway.attrs.policyEngineConfiguration).toEqual({ arn: 'arn:engine', mode: 'LOG_ONLY' });
    expect(gateway.attrs.authorizerType).toBe('CUSTOM_JWT');
    expect(gateway.attrs.authorizerConfiguration).toBeDefined();
  });
  it('reports ARNs that are not gateway ARNs and seeds the rest', () => {
    const store = new Store();
    const problems = seedGateways(store, [{ ...spec([]), arn: 'arn:aws:lambda:us-east-1:111122223333:function:x' }, spec([])], 1000);
    expect(problems.map((p) => p.code)).toEqual(['InvalidGatewayArn']);
    expect(Object.keys(store.partition('us-east-1').gateways)).toEqual(['orders-a1b2c3d4e5']);
  });
});

describe('accountOf', () => {
  it('takes the account of the first valid gateway ARN', () => {
    expect(accountOf([{ ...spec([]), arn: 'nope' }])).toBeUndefined();
    expect(accountOf([{ ...spec([]), arn: 'nope' }, spec([])])).toBe('111122223333');
  });
});
