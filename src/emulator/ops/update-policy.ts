// UpdatePolicy: PATCH /policy-engines/{id}/policies/{policyId} -> 202, UPDATING then ACTIVE or UPDATE_FAILED. Only
// the members given change; `name` is immutable. A new statement is judged as on create.
//
// Guesses: an update that fails keeps the previous definition live (the response and reads during UPDATING show
// the new one, reads after UPDATE_FAILED the previous one); a policy still creating, updating or deleting refuses
// with ConflictException; validationMode only governs this update's validation.
import { ApiError, conflict } from '../errors.js';
import { inFlight } from '../lifecycle.js';
import { findEngine, findPolicy } from '../lookups.js';
import { beginTransition, defined, type Operation } from '../operation.js';
import { definitionRules, ENFORCEMENT_MODE, resourceId, UPDATED_DESCRIPTION, VALIDATION_MODE } from '../rules.js';
import { policyView } from '../views.js';
import { judge, resolveDefinition } from './create-policy.js';
import { updatedDescription } from './updated-description.js';

interface Input {
  policyEngineId: string;
  policyId: string;
  definition?: Record<string, unknown>;
  description?: unknown;
  validationMode?: string;
  enforcementMode?: string;
}

export const updatePolicy: Operation = {
  name: 'UpdatePolicy',
  method: 'PATCH',
  path: '/policy-engines/{policyEngineId}/policies/{policyId}',
  status: 202,
  rules: [resourceId('policyEngineId'), resourceId('policyId'), ...definitionRules(false), ...UPDATED_DESCRIPTION, VALIDATION_MODE, ENFORCEMENT_MODE],
  handle(ctx, raw) {
    const input = raw as unknown as Input;
    const engine = findEngine(ctx, input.policyEngineId);
    if (engine instanceof ApiError) return engine;
    const policy = findPolicy(ctx, engine.id, input.policyId);
    if (policy instanceof ApiError) return policy;
    if (inFlight(policy.life, ctx.now) || policy.life.kind === 'delete') {
      return conflict(`Policy ${policy.id} cannot be updated while it is ${policy.life.kind === 'delete' ? 'being deleted' : 'changing'}.`);
    }
    const definition = input.definition !== undefined ? resolveDefinition(ctx, engine, input.definition) : policy.attrs.definition;
    if (definition instanceof ApiError) return definition;
    const failure = input.definition !== undefined || input.validationMode !== undefined ? judge(ctx, engine, definition, input.validationMode) : [];
    if (failure instanceof ApiError) return failure;
    const previous = policy.attrs;
    policy.attrs = defined({
      definition,
      description: updatedDescription(previous.description, input.description),
      enforcementMode: input.enforcementMode ?? previous.enforcementMode,
    });
    policy.updatedAt = ctx.now;
    policy.life = beginTransition(ctx, 'update', policy.name, failure);
    if (policy.life.failure) policy.previous = previous;
    return policyView(policy, engine.id, ctx.now);
  },
};
