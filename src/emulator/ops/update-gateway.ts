// UpdateGateway: PUT /gateways/{gatewayIdentifier}/ -> 202, UPDATING then READY. A full replacement: every member
// not sent is removed, so a PUT without policyEngineConfiguration detaches the engine (the model does not say how
// to detach; this is the presumed way). Tags are not part of the update and stay.
// Guess: unlike policies (which have SDK waiters), a gateway accepts updates in any state but DELETING.
import { ApiError, conflict } from '../errors.js';
import { liveResources } from '../lifecycle.js';
import { findGateway } from '../lookups.js';
import { beginTransition, type Operation } from '../operation.js';
import { GATEWAY_CONFIGURATION, gatewayId } from '../rules.js';
import { gatewayView } from '../views.js';
import { gatewayAttrs } from './gateway-config.js';

export const updateGateway: Operation = {
  name: 'UpdateGateway',
  method: 'PUT',
  path: '/gateways/{gatewayIdentifier}/',
  status: 202,
  rules: [gatewayId(), ...GATEWAY_CONFIGURATION],
  handle(ctx, input) {
    const gateway = findGateway(ctx, input.gatewayIdentifier as string);
    if (gateway instanceof ApiError) return gateway;
    if (gateway.life.kind === 'delete') return conflict(`Gateway ${gateway.id} is being deleted.`);
    const name = input.name as string;
    if (liveResources(ctx.part.gateways, ctx.now).some((g) => g.name === name && g.id !== gateway.id)) {
      return conflict(`A gateway named ${name} already exists.`);
    }
    const attrs = gatewayAttrs(ctx, input);
    if (attrs instanceof ApiError) return attrs;
    gateway.name = name;
    gateway.attrs = gateway.attrs.tags ? { ...attrs, tags: gateway.attrs.tags } : attrs;
    gateway.updatedAt = ctx.now;
    gateway.life = beginTransition(ctx, 'update', name);
    return gatewayView(gateway, ctx.now, ctx.baseUrl);
  },
};
