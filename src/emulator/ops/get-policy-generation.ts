// GetPolicyGeneration and GetPolicyGenerationSummary: the same generation, with or without statusReasons.
import { ApiError } from '../errors.js';
import { findGeneration } from '../lookups.js';
import type { Operation } from '../operation.js';
import { resourceId } from '../rules.js';
import { generationSummary, generationView } from '../views.js';

function getter(name: string, path: string, render: typeof generationView | typeof generationSummary): Operation {
  return {
    name,
    method: 'GET',
    path,
    status: 200,
    rules: [resourceId('policyEngineId'), resourceId('policyGenerationId')],
    handle(ctx, input) {
      const engineId = input.policyEngineId as string;
      const generation = findGeneration(ctx, engineId, input.policyGenerationId as string);
      return generation instanceof ApiError ? generation : render(generation, engineId, ctx.now);
    },
  };
}

export const getPolicyGeneration = getter('GetPolicyGeneration', '/policy-engines/{policyEngineId}/policy-generations/{policyGenerationId}', generationView);
export const getPolicyGenerationSummary = getter(
  'GetPolicyGenerationSummary',
  '/policy-engines/{policyEngineId}/policy-generation-summaries/{policyGenerationId}',
  generationSummary,
);
