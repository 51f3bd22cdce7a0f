// GetPolicyEngine and GetPolicyEngineSummary: the same engine, full or without description and statusReasons.
import { ApiError } from '../errors.js';
import { findEngine } from '../lookups.js';
import type { Operation } from '../operation.js';
import { resourceId } from '../rules.js';
import { engineSummary, engineView } from '../views.js';

function getter(name: string, path: string, render: typeof engineView | typeof engineSummary): Operation {
  return {
    name,
    method: 'GET',
    path,
    status: 200,
    rules: [resourceId('policyEngineId')],
    handle(ctx, input) {
      const engine = findEngine(ctx, input.policyEngineId as string);
      return engine instanceof ApiError ? engine : render(engine, ctx.now);
    },
  };
}

export const getPolicyEngine = getter('GetPolicyEngine', '/policy-engines/{policyEngineId}', engineView);
export const getPolicyEngineSummary = getter('GetPolicyEngineSummary', '/policy-engine-summaries/{policyEngineId}', engineSummary);
