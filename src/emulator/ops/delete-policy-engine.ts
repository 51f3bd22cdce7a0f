// DeletePolicyEngine: DELETE /policy-engines/{id} -> 202, DELETING then gone. The engine must hold no policies
// ("must not have any associated policies before deletion"); deleting one already being deleted answers as before.
import { ApiError, conflict } from '../errors.js';
import { inFlight, liveResources } from '../lifecycle.js';
import { findEngine } from '../lookups.js';
import { beginTransition, type Operation } from '../operation.js';
import { resourceId } from '../rules.js';
import { engineView } from '../views.js';

export const deletePolicyEngine: Operation = {
  name: 'DeletePolicyEngine',
  method: 'DELETE',
  path: '/policy-engines/{policyEngineId}',
  status: 202,
  rules: [resourceId('policyEngineId')],
  handle(ctx, input) {
    const engine = findEngine(ctx, input.policyEngineId as string);
    if (engine instanceof ApiError) return engine;
    if (engine.life.kind === 'delete' && inFlight(engine.life, ctx.now)) return engineView(engine, ctx.now);
    const policies = liveResources(ctx.part.policies[engine.id] ?? {}, ctx.now);
    if (policies.length > 0) {
      return conflict(`Policy engine ${engine.id} still has ${policies.length} policies; delete them before deleting the engine.`);
    }
    engine.updatedAt = ctx.now;
    engine.life = beginTransition(ctx, 'delete', engine.name);
    return engineView(engine, ctx.now);
  },
};
