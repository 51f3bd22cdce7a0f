// DeleteGatewayTarget: DELETE /gateways/{gatewayIdentifier}/targets/{targetId}/ -> 202 with
// {gatewayArn, targetId, status, statusReasons}; the target is gone once DELETING completes.
import { ApiError } from '../errors.js';
import { GATEWAY_STATUSES, inFlight, statusOf, statusReasonsOf } from '../lifecycle.js';
import { findGateway, findTarget } from '../lookups.js';
import { beginTransition, type Operation } from '../operation.js';
import { gatewayId, TARGET_ID } from '../rules.js';

export const deleteGatewayTarget: Operation = {
  name: 'DeleteGatewayTarget',
  method: 'DELETE',
  path: '/gateways/{gatewayIdentifier}/targets/{targetId}/',
  status: 202,
  rules: [gatewayId(), TARGET_ID],
  handle(ctx, input) {
    const gateway = findGateway(ctx, input.gatewayIdentifier as string);
    if (gateway instanceof ApiError) return gateway;
    const target = findTarget(ctx, gateway.id, input.targetId as string);
    if (target instanceof ApiError) return target;
    if (!(target.life.kind === 'delete' && inFlight(target.life, ctx.now))) {
      target.updatedAt = ctx.now;
      target.life = beginTransition(ctx, 'delete', target.name);
    }
    return {
      gatewayArn: gateway.arn,
      targetId: target.id,
      status: statusOf(GATEWAY_STATUSES, target.life, ctx.now),
      statusReasons: statusReasonsOf(target.life, ctx.now),
    };
  },
};
