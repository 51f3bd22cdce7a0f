// CreateGateway: POST /gateways/ -> 202, CREATING then READY. Names are unique per region; the id is the name
// lower-cased plus a 10-character suffix.
import { ApiError, conflict } from '../errors.js';
import { replay, rememberToken } from '../idempotency.js';
import { gatewayArn, newGatewayId } from '../ids.js';
import { liveResources } from '../lifecycle.js';
import { newRecord, type Operation } from '../operation.js';
import { CLIENT_TOKEN, GATEWAY_CONFIGURATION, TAGS } from '../rules.js';
import type { Gateway } from '../store.js';
import { gatewayView } from '../views.js';
import { gatewayAttrs } from './gateway-config.js';

export const createGateway: Operation = {
  name: 'CreateGateway',
  method: 'POST',
  path: '/gateways/',
  status: 202,
  rules: [...GATEWAY_CONFIGURATION, CLIENT_TOKEN, TAGS],
  handle(ctx, input) {
    const gateways = ctx.part.gateways;
    const replayed = replay(ctx.part, 'CreateGateway', '', input, gateways, ctx.now);
    if (replayed !== undefined) return replayed instanceof ApiError ? replayed : gatewayView(replayed, ctx.now, ctx.baseUrl);
    const name = input.name as string;
    if (liveResources(gateways, ctx.now).some((g) => g.name === name)) return conflict(`A gateway named ${name} already exists.`);
    const attrs = gatewayAttrs(ctx, input);
    if (attrs instanceof ApiError) return attrs;
    const id = newGatewayId(name);
    const tags = input.tags as Record<string, string> | undefined;
    const gateway: Gateway = newRecord(ctx, { id, arn: gatewayArn(ctx.scope, id), name, attrs: tags ? { ...attrs, tags } : attrs });
    gateways[id] = gateway;
    rememberToken(ctx.part, 'CreateGateway', '', input, id);
    return gatewayView(gateway, ctx.now, ctx.baseUrl);
  },
};
