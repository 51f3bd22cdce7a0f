// DeletePolicy: DELETE /policy-engines/{id}/policies/{policyId} -> 202, DELETING then gone (or DELETE_FAILED by
// fault injection). Deleting a policy already being deleted answers as before (the operation is idempotent).
// Guess: a policy still creating or updating refuses with ConflictException.
import { ApiError, conflict } from '../errors.js';
import { inFlight } from '../lifecycle.js';
import { findPolicy } from '../lookups.js';
import { beginTransition, type Operation } from '../operation.js';
import { resourceId } from '../rules.js';
import { policyView } from '../views.js';

export const deletePolicy: Operation = {
  name: 'DeletePolicy',
  method: 'DELETE',
  path: '/policy-engines/{policyEngineId}/policies/{policyId}',
  status: 202,
  rules: [resourceId('policyEngineId'), resourceId('policyId')],
  handle(ctx, input) {
    const engineId = input.policyEngineId as string;
    const policy = findPolicy(ctx, engineId, input.policyId as string);
    if (policy instanceof ApiError) return policy;
    if (inFlight(policy.life, ctx.now)) {
      if (policy.life.kind === 'delete') return policyView(policy, engineId, ctx.now);
      return conflict(`Policy ${policy.id} cannot be deleted while it is changing.`);
    }
    policy.updatedAt = ctx.now;
    policy.life = beginTransition(ctx, 'delete', policy.name);
    return policyView(policy, engineId, ctx.now);
  },
};
