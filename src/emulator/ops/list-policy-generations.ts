// ListPolicyGenerations and ListPolicyGenerationSummaries: an engine's generations in pages, full or summarised.
import { ApiError } from '../errors.js';
import { liveResources } from '../lifecycle.js';
import { findEngine } from '../lookups.js';
import type { Operation } from '../operation.js';
import { paginate } from '../paging.js';
import { PAGE_QUERY, pageRules, resourceId } from '../rules.js';
import { generationSummary, generationView } from '../views.js';

function lister(name: string, path: string, render: typeof generationView | typeof generationSummary): Operation {
  return {
    name,
    method: 'GET',
    path,
    status: 200,
    query: PAGE_QUERY,
    rules: [resourceId('policyEngineId'), ...pageRules(100)],
    handle(ctx, input) {
      const engine = findEngine(ctx, input.policyEngineId as string);
      if (engine instanceof ApiError) return engine;
      const generations = liveResources(ctx.part.generations[engine.id] ?? {}, ctx.now);
      const page = paginate(generations, `generations/${engine.id}`, input.maxResults as number | undefined, input.nextToken as string | undefined);
      if (page instanceof ApiError) return page;
      return { policyGenerations: page.items.map((g) => render(g, engine.id, ctx.now)), nextToken: page.nextToken };
    },
  };
}

export const listPolicyGenerations = lister('ListPolicyGenerations', '/policy-engines/{policyEngineId}/policy-generations', generationView);
export const listPolicyGenerationSummaries = lister(
  'ListPolicyGenerationSummaries',
  '/policy-engines/{policyEngineId}/policy-generation-summaries',
  generationSummary,
);
