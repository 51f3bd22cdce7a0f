// ListPolicies and ListPolicySummaries: pages of an engine's policies (1-100), optionally only those that apply
// to `targetResourceScope`. Guess: a policy applies to a resource when its resource scope names that ARN (== or in
// a list) or does not name any resource (unconstrained, or `is AgentCore::Gateway`).
import { readPolicyShape } from '../../cedar/tokens.js';
import { ApiError } from '../errors.js';
import { liveResources } from '../lifecycle.js';
import { findEngine } from '../lookups.js';
import type { Operation } from '../operation.js';
import { paginate } from '../paging.js';
import { PAGE_QUERY, pageRules, resourceId } from '../rules.js';
import type { Policy } from '../store.js';
import { policySummary, policyView } from '../views.js';

export function appliesTo(policy: Policy, arn: string): boolean {
  const member = (policy.attrs.definition.cedar ?? policy.attrs.definition.policy) as { statement?: string } | undefined;
  const shape = member?.statement !== undefined ? readPolicyShape(member.statement) : undefined;
  if (!shape) return false;
  const { resource } = shape;
  if (resource.op === 'all' || resource.op === 'is') return true;
  return resource.entityId === arn || (resource.entityIds ?? []).includes(arn);
}

function lister(name: string, path: string, render: typeof policyView | typeof policySummary): Operation {
  return {
    name,
    method: 'GET',
    path,
    status: 200,
    query: { ...PAGE_QUERY, targetResourceScope: 'string' },
    rules: [resourceId('policyEngineId'), ...pageRules(100), { path: 'targetResourceScope', type: 'string', min: 20, max: 1011 }],
    handle(ctx, input) {
      const engine = findEngine(ctx, input.policyEngineId as string);
      if (engine instanceof ApiError) return engine;
      const scope = input.targetResourceScope as string | undefined;
      const policies = liveResources(ctx.part.policies[engine.id] ?? {}, ctx.now).filter((p) => scope === undefined || appliesTo(p, scope));
      const page = paginate(policies, `policies/${engine.id}/${scope ?? ''}`, input.maxResults as number | undefined, input.nextToken as string | undefined);
      if (page instanceof ApiError) return page;
      return { policies: page.items.map((p) => render(p, engine.id, ctx.now)), nextToken: page.nextToken };
    },
  };
}

export const listPolicies = lister('ListPolicies', '/policy-engines/{policyEngineId}/policies', policyView);
export const listPolicySummaries = lister('ListPolicySummaries', '/policy-engines/{policyEngineId}/policy-summaries', policySummary);
