// GetGatewayTarget: GET /gateways/{gatewayIdentifier}/targets/{targetId}/, with the full target configuration
// (the only read that carries the inline tool schemas).
import { ApiError } from '../errors.js';
import { findGateway, findTarget } from '../lookups.js';
import type { Operation } from '../operation.js';
import { gatewayId, TARGET_ID } from '../rules.js';
import { targetView } from '../views.js';

export const getGatewayTarget: Operation = {
  name: 'GetGatewayTarget',
  method: 'GET',
  path: '/gateways/{gatewayIdentifier}/targets/{targetId}/',
  status: 200,
  rules: [gatewayId(), TARGET_ID],
  handle(ctx, input) {
    const gateway = findGateway(ctx, input.gatewayIdentifier as string);
    if (gateway instanceof ApiError) return gateway;
    const target = findTarget(ctx, gateway.id, input.targetId as string);
    return target instanceof ApiError ? target : targetView(target, gateway.arn, ctx.now);
  },
};
