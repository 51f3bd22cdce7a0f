// DeleteGateway: DELETE /gateways/{gatewayIdentifier}/ -> 202 with {gatewayId, status, statusReasons}.
// Guess: a gateway that still has targets refuses with ConflictException, as the console asks to remove them first.
import { ApiError, conflict } from '../errors.js';
import { GATEWAY_STATUSES, inFlight, liveResources, statusOf, statusReasonsOf } from '../lifecycle.js';
import { findGateway } from '../lookups.js';
import { beginTransition, type Operation } from '../operation.js';
import { gatewayId } from '../rules.js';
import type { Gateway } from '../store.js';

const answer = (gateway: Gateway, now: number) => ({
  gatewayId: gateway.id,
  status: statusOf(GATEWAY_STATUSES, gateway.life, now),
  statusReasons: statusReasonsOf(gateway.life, now),
});

export const deleteGateway: Operation = {
  name: 'DeleteGateway',
  method: 'DELETE',
  path: '/gateways/{gatewayIdentifier}/',
  status: 202,
  rules: [gatewayId()],
  handle(ctx, input) {
    const gateway = findGateway(ctx, input.gatewayIdentifier as string);
    if (gateway instanceof ApiError) return gateway;
    if (gateway.life.kind === 'delete' && inFlight(gateway.life, ctx.now)) return answer(gateway, ctx.now);
    const targets = liveResources(ctx.part.targets[gateway.id] ?? {}, ctx.now);
    if (targets.length > 0) return conflict(`Gateway ${gateway.id} still has ${targets.length} targets; delete them first.`);
    gateway.updatedAt = ctx.now;
    gateway.life = beginTransition(ctx, 'delete', gateway.name);
    return answer(gateway, ctx.now);
  },
};
