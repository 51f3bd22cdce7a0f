// ListPolicyGenerationAssets: GET /policy-engines/{id}/policy-generations/{id}/assets, in pages. Guess: a
// generation still GENERATING, or one that failed, lists no assets (the model documents the operation only for
// generations that have completed).
import { ApiError } from '../errors.js';
import { GENERATION_STATUSES, statusOf } from '../lifecycle.js';
import { findGeneration } from '../lookups.js';
import type { Operation } from '../operation.js';
import { paginate } from '../paging.js';
import { PAGE_QUERY, pageRules, resourceId } from '../rules.js';
import { assetView } from '../views.js';

export const listPolicyGenerationAssets: Operation = {
  name: 'ListPolicyGenerationAssets',
  method: 'GET',
  path: '/policy-engines/{policyEngineId}/policy-generations/{policyGenerationId}/assets',
  status: 200,
  query: PAGE_QUERY,
  rules: [resourceId('policyEngineId'), resourceId('policyGenerationId'), ...pageRules(100)],
  handle(ctx, input) {
    const generation = findGeneration(ctx, input.policyEngineId as string, input.policyGenerationId as string);
    if (generation instanceof ApiError) return generation;
    const generated = statusOf(GENERATION_STATUSES, generation.life, ctx.now) === 'GENERATED';
    const assets = generated ? (generation.attrs.assets ?? []) : [];
    const page = paginate(assets, `assets/${generation.id}`, input.maxResults as number | undefined, input.nextToken as string | undefined);
    if (page instanceof ApiError) return page;
    return { policyGenerationAssets: page.items.map(assetView), nextToken: page.nextToken };
  },
};
