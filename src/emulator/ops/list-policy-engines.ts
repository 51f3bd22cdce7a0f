// ListPolicyEngines and ListPolicyEngineSummaries: pages of engines in creation order, 1-100 per page.
import { ApiError } from '../errors.js';
import { liveResources } from '../lifecycle.js';
import type { Operation } from '../operation.js';
import { paginate } from '../paging.js';
import { PAGE_QUERY, pageRules } from '../rules.js';
import { engineSummary, engineView } from '../views.js';

function lister(name: string, path: string, render: typeof engineView | typeof engineSummary): Operation {
  return {
    name,
    method: 'GET',
    path,
    status: 200,
    query: PAGE_QUERY,
    rules: pageRules(100),
    handle(ctx, input) {
      const page = paginate(liveResources(ctx.part.engines, ctx.now), 'engines', input.maxResults as number | undefined, input.nextToken as string | undefined);
      if (page instanceof ApiError) return page;
      return { policyEngines: page.items.map((e) => render(e, ctx.now)), nextToken: page.nextToken };
    },
  };
}

export const listPolicyEngines = lister('ListPolicyEngines', '/policy-engines', engineView);
export const listPolicyEngineSummaries = lister('ListPolicyEngineSummaries', '/policy-engine-summaries', engineSummary);
