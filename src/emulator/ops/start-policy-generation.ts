// StartPolicyGeneration: POST /policy-engines/{id}/policy-generations -> 202, GENERATING then GENERATED or
// GENERATE_FAILED. The text is translated at once by the local engine's stand-in translator (generation/), and
// the assets are listed once the transition ends. A gateway that is unknown or not attached to the engine fails
// the generation with the reason in statusReasons, as the service requires the engine to serve the gateway.
import { ApiError } from '../errors.js';
import { generate } from '../generation/generate.js';
import { replay, rememberToken } from '../idempotency.js';
import { generationArn, newResourceId } from '../ids.js';
import { findEngine } from '../lookups.js';
import { newRecord, type Operation } from '../operation.js';
import { CLIENT_TOKEN, ENGINE_OR_POLICY_NAME, resourceId } from '../rules.js';
import { childMap, type Generation } from '../store.js';
import { generationView } from '../views.js';

export const startPolicyGeneration: Operation = {
  name: 'StartPolicyGeneration',
  method: 'POST',
  path: '/policy-engines/{policyEngineId}/policy-generations',
  status: 202,
  rules: [
    resourceId('policyEngineId'),
    ENGINE_OR_POLICY_NAME,
    { path: 'resource', type: 'object', required: true, oneOf: ['arn'] },
    { path: 'resource.arn', type: 'string', min: 20, max: 1011 },
    { path: 'content', type: 'object', required: true, oneOf: ['rawText'] },
    { path: 'content.rawText', type: 'string', min: 1, max: 2000, sensitive: true },
    CLIENT_TOKEN,
  ],
  handle(ctx, input) {
    const engine = findEngine(ctx, input.policyEngineId as string);
    if (engine instanceof ApiError) return engine;
    const generations = childMap(ctx.part.generations, engine.id);
    const replayed = replay(ctx.part, 'StartPolicyGeneration', engine.id, input, generations, ctx.now);
    if (replayed !== undefined) return replayed instanceof ApiError ? replayed : generationView(replayed, engine.id, ctx.now);
    const name = input.name as string;
    const id = newResourceId(name);
    const resource = { arn: (input.resource as { arn: string }).arn };
    const outcome = generate(ctx, engine, resource.arn, (input.content as { rawText: string }).rawText);
    const generation: Generation = newRecord(ctx, {
      id,
      arn: generationArn(ctx.scope, engine.id, id),
      name,
      attrs: 'assets' in outcome ? { resource, assets: outcome.assets } : { resource },
      failure: 'failure' in outcome ? outcome.failure : undefined,
    });
    generations[id] = generation;
    rememberToken(ctx.part, 'StartPolicyGeneration', engine.id, input, id);
    return generationView(generation, engine.id, ctx.now);
  },
};
