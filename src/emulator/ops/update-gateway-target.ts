// UpdateGatewayTarget: PUT /gateways/{gatewayIdentifier}/targets/{targetId}/ -> 202, UPDATING then READY. A full
// replacement of the configuration. Guess: a PUT without `name` keeps the current name.
import { ApiError, conflict } from '../errors.js';
import { liveResources } from '../lifecycle.js';
import { findGateway, findTarget } from '../lookups.js';
import { beginTransition, type Operation } from '../operation.js';
import { gatewayId, TARGET_CONFIGURATION, TARGET_ID } from '../rules.js';
import { targetView } from '../views.js';
import { targetAttrs } from './target-config.js';

export const updateGatewayTarget: Operation = {
  name: 'UpdateGatewayTarget',
  method: 'PUT',
  path: '/gateways/{gatewayIdentifier}/targets/{targetId}/',
  status: 202,
  rules: [gatewayId(), TARGET_ID, ...TARGET_CONFIGURATION],
  handle(ctx, input) {
    const gateway = findGateway(ctx, input.gatewayIdentifier as string);
    if (gateway instanceof ApiError) return gateway;
    const target = findTarget(ctx, gateway.id, input.targetId as string);
    if (target instanceof ApiError) return target;
    if (target.life.kind === 'delete') return conflict(`Target ${target.id} is being deleted.`);
    const name = (input.name as string | undefined) ?? target.name;
    if (liveResources(ctx.part.targets[gateway.id] ?? {}, ctx.now).some((t) => t.name === name && t.id !== target.id)) {
      return conflict(`A target named ${name} already exists in gateway ${gateway.id}.`);
    }
    target.name = name;
    target.attrs = targetAttrs(input);
    target.updatedAt = ctx.now;
    target.life = beginTransition(ctx, 'update', name);
    return targetView(target, gateway.arn, ctx.now);
  },
};
