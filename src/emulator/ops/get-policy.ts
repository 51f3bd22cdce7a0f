// GetPolicy and GetPolicySummary: the same policy, full or without definition, description and statusReasons.
import { ApiError } from '../errors.js';
import { findPolicy } from '../lookups.js';
import type { Operation } from '../operation.js';
import { resourceId } from '../rules.js';
import { policySummary, policyView } from '../views.js';

function getter(name: string, path: string, render: typeof policyView | typeof policySummary): Operation {
  return {
    name,
    method: 'GET',
    path,
    status: 200,
    rules: [resourceId('policyEngineId'), resourceId('policyId')],
    handle(ctx, input) {
      const policy = findPolicy(ctx, input.policyEngineId as string, input.policyId as string);
      return policy instanceof ApiError ? policy : render(policy, input.policyEngineId as string, ctx.now);
    },
  };
}

export const getPolicy = getter('GetPolicy', '/policy-engines/{policyEngineId}/policies/{policyId}', policyView);
export const getPolicySummary = getter('GetPolicySummary', '/policy-engines/{policyEngineId}/policy-summaries/{policyId}', policySummary);
