// ListGateways: GET /gateways/ -> `items` of GatewaySummary, 1-1000 per page.
import { ApiError } from '../errors.js';
import { liveResources } from '../lifecycle.js';
import type { Operation } from '../operation.js';
import { paginate } from '../paging.js';
import { PAGE_QUERY, pageRules } from '../rules.js';
import { gatewaySummary } from '../views.js';

export const listGateways: Operation = {
  name: 'ListGateways',
  method: 'GET',
  path: '/gateways/',
  status: 200,
  query: PAGE_QUERY,
  rules: pageRules(1000),
  handle(ctx, input) {
    const page = paginate(liveResources(ctx.part.gateways, ctx.now), 'gateways', input.maxResults as number | undefined, input.nextToken as string | undefined);
    if (page instanceof ApiError) return page;
    return { items: page.items.map((g) => gatewaySummary(g, ctx.now)), nextToken: page.nextToken };
  },
};
