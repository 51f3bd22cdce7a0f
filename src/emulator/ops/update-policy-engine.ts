// UpdatePolicyEngine: PATCH /policy-engines/{id} -> 202, UPDATING then ACTIVE. Only the description can change.
// Guess: an engine that is still creating, updating or deleting refuses with ConflictException.
import { ApiError, conflict } from '../errors.js';
import { inFlight } from '../lifecycle.js';
import { findEngine } from '../lookups.js';
import { beginTransition, type Operation } from '../operation.js';
import { resourceId, UPDATED_DESCRIPTION } from '../rules.js';
import { engineView } from '../views.js';
import { updatedDescription } from './updated-description.js';

export const updatePolicyEngine: Operation = {
  name: 'UpdatePolicyEngine',
  method: 'PATCH',
  path: '/policy-engines/{policyEngineId}',
  status: 202,
  rules: [resourceId('policyEngineId'), ...UPDATED_DESCRIPTION],
  handle(ctx, input) {
    const engine = findEngine(ctx, input.policyEngineId as string);
    if (engine instanceof ApiError) return engine;
    if (inFlight(engine.life, ctx.now) || engine.life.kind === 'delete') {
      return conflict(`Policy engine ${engine.id} cannot be updated while it is ${engine.life.kind === 'delete' ? 'being deleted' : 'changing'}.`);
    }
    engine.attrs = { ...engine.attrs, description: updatedDescription(engine.attrs.description, input.description) };
    if (engine.attrs.description === undefined) delete engine.attrs.description;
    engine.updatedAt = ctx.now;
    engine.life = beginTransition(ctx, 'update', engine.name);
    return engineView(engine, ctx.now);
  },
};
