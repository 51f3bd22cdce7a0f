// GetGateway: GET /gateways/{gatewayIdentifier}/, including the attached policyEngineConfiguration.
import { ApiError } from '../errors.js';
import { findGateway } from '../lookups.js';
import type { Operation } from '../operation.js';
import { gatewayId } from '../rules.js';
import { gatewayView } from '../views.js';

export const getGateway: Operation = {
  name: 'GetGateway',
  method: 'GET',
  path: '/gateways/{gatewayIdentifier}/',
  status: 200,
  rules: [gatewayId()],
  handle(ctx, input) {
    const gateway = findGateway(ctx, input.gatewayIdentifier as string);
    return gateway instanceof ApiError ? gateway : gatewayView(gateway, ctx.now, ctx.baseUrl);
  },
};
