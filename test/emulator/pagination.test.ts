// Contract: pagination of ListPolicies over 250 policies with the SDK paginator, page size bounds, bad tokens, and
// the targetResourceScope filter.
import {
  CreatePolicyCommand,
  ListPoliciesCommand,
  paginateListPolicies,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeEngine, removeEngine, startTarget, type Target } from './helpers.js';

const COUNT = 250;
const GATEWAY_A = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/gateway-a-a1b2c3d4e5';
const GATEWAY_B = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/gateway-b-a1b2c3d4e5';

let target: Target;
let engineId: string;
beforeAll(async () => {
  target = await startTarget();
  engineId = (await activeEngine(target.client, 'Paging')).policyEngineId;
  for (let i = 0; i < COUNT; i++) {
    const gateway = i % 2 === 0 ? GATEWAY_A : GATEWAY_B;
    const statement = `permit(principal, action, resource == AgentCore::Gateway::"${gateway}") when { context.input.n == ${i} };`;
    await target.client.send(new CreatePolicyCommand({ policyEngineId: engineId, name: `P${String(i).padStart(3, '0')}`, definition: { cedar: { statement } } }));
  }
});
afterAll(async () => {
  await removeEngine(target.client, engineId);
  await target.close();
});

describe('ListPolicies pagination', () => {
  it('pages 250 policies with the SDK paginator, each once, with statements', async () => {
    const pages: number[] = [];
    const names: string[] = [];
    for await (const page of paginateListPolicies({ client: target.client, pageSize: 100 }, { policyEngineId: engineId })) {
      pages.push(page.policies!.length);
      for (const policy of page.policies!) {
        names.push(policy.name!);
        expect(policy.definition?.cedar?.statement).toContain('permit(');
      }
    }
    expect(pages).toEqual([100, 100, 50]);
    expect(new Set(names).size).toBe(COUNT);
  });

  it('uses a page size of 10 when maxResults is not given, and omits nextToken on the last page', async () => {
    const first = await target.client.send(new ListPoliciesCommand({ policyEngineId: engineId }));
    expect(first.policies).toHaveLength(10);
    expect(first.nextToken).toBeTypeOf('string');
    const second = await target.client.send(new ListPoliciesCommand({ policyEngineId: engineId, maxResults: 100, nextToken: first.nextToken }));
    const third = await target.client.send(new ListPoliciesCommand({ policyEngineId: engineId, maxResults: 100, nextToken: second.nextToken }));
    const last = await target.client.send(new ListPoliciesCommand({ policyEngineId: engineId, maxResults: 100, nextToken: third.nextToken }));
    expect([second.policies!.length, third.policies!.length, last.policies!.length]).toEqual([100, 100, 40]);
    expect(last.nextToken).toBeUndefined();
  });

  it('refuses maxResults outside 1-100 and a forged nextToken', async () => {
    for (const maxResults of [0, 101]) {
      const error = await target.client.send(new ListPoliciesCommand({ policyEngineId: engineId, maxResults })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationException);
      expect((error as ValidationException).fieldList?.[0]?.name).toBe('maxResults');
    }
    const forged = await target.client.send(new ListPoliciesCommand({ policyEngineId: engineId, nextToken: 'forged' })).catch((e: unknown) => e);
    expect(forged).toBeInstanceOf(ValidationException);
  });

  it('filters by targetResourceScope across pages', async () => {
    const names: string[] = [];
    for await (const page of paginateListPolicies({ client: target.client, pageSize: 40 }, { policyEngineId: engineId, targetResourceScope: GATEWAY_A })) {
      names.push(...page.policies!.map((p) => p.name!));
    }
    expect(names).toHaveLength(COUNT / 2);
    expect(names.every((n) => Number(n.slice(1)) % 2 === 0)).toBe(true);
  });
});
