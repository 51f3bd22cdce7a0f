// ListGatewayTargets: GET /gateways/{gatewayIdentifier}/targets/ -> `items` of TargetSummary (no tool schemas),
// 1-1000 per page.
import { ApiError } from '../errors.js';
import { liveResources } from '../lifecycle.js';
import { findGateway } from '../lookups.js';
import type { Operation } from '../operation.js';
import { paginate } from '../paging.js';
import { gatewayId, PAGE_QUERY, pageRules } from '../rules.js';
import { targetSummary } from '../views.js';

export const listGatewayTargets: Operation = {
  name: 'ListGatewayTargets',
  method: 'GET',
  path: '/gateways/{gatewayIdentifier}/targets/',
  status: 200,
  query: PAGE_QUERY,
  rules: [gatewayId(), ...pageRules(1000)],
  handle(ctx, input) {
    const gateway = findGateway(ctx, input.gatewayIdentifier as string);
    if (gateway instanceof ApiError) return gateway;
    const targets = liveResources(ctx.part.targets[gateway.id] ?? {}, ctx.now);
    const page = paginate(targets, `targets/${gateway.id}`, input.maxResults as number | undefined, input.nextToken as string | undefined);
    if (page instanceof ApiError) return page;
    return { items: page.items.map((t) => targetSummary(t, ctx.now)), nextToken: page.nextToken };
  },
};
