// CreateGatewayTarget: POST /gateways/{gatewayIdentifier}/targets/ -> 202, CREATING then READY. Target names are
// unique per gateway; their inline tool schemas feed the Cedar schema of the engine the gateway is attached to.
// Guess: a target created without a name (the model made it optional) is named `target-<id>`.
import { ApiError, conflict } from '../errors.js';
import { replay, rememberToken } from '../idempotency.js';
import { newTargetId } from '../ids.js';
import { liveResources } from '../lifecycle.js';
import { findGateway } from '../lookups.js';
import { newRecord, type Operation } from '../operation.js';
import { CLIENT_TOKEN, gatewayId, TARGET_CONFIGURATION } from '../rules.js';
import { childMap, type Target } from '../store.js';
import { targetView } from '../views.js';
import { targetAttrs } from './target-config.js';

export const createGatewayTarget: Operation = {
  name: 'CreateGatewayTarget',
  method: 'POST',
  path: '/gateways/{gatewayIdentifier}/targets/',
  status: 202,
  rules: [gatewayId(), ...TARGET_CONFIGURATION, CLIENT_TOKEN],
  handle(ctx, input) {
    const gateway = findGateway(ctx, input.gatewayIdentifier as string);
    if (gateway instanceof ApiError) return gateway;
    const targets = childMap(ctx.part.targets, gateway.id);
    const replayed = replay(ctx.part, 'CreateGatewayTarget', gateway.id, input, targets, ctx.now);
    if (replayed !== undefined) return replayed instanceof ApiError ? replayed : targetView(replayed, gateway.arn, ctx.now);
    const id = newTargetId();
    const name = (input.name as string | undefined) ?? `target-${id.toLowerCase()}`;
    if (liveResources(targets, ctx.now).some((t) => t.name === name)) return conflict(`A target named ${name} already exists in gateway ${gateway.id}.`);
    const target: Target = newRecord(ctx, { id, arn: `${gateway.arn}/target/${id}`, name, attrs: targetAttrs(input) });
    targets[id] = target;
    rememberToken(ctx.part, 'CreateGatewayTarget', gateway.id, input, id);
    return targetView(target, gateway.arn, ctx.now);
  },
};
