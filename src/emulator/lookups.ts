// Finding resources by id in the request's partition, settling finished transitions on the way, with the
// service's ResourceNotFoundException when there is none.
import { ApiError, notFound } from './errors.js';
import { GENERATION_STATUSES, liveResource, statusOf } from './lifecycle.js';
import type { Context } from './operation.js';
import type { Engine, Gateway, Generation, GenerationAsset, Policy, Target } from './store.js';

export function findEngine(ctx: Context, engineId: string): Engine | ApiError {
  return liveResource(ctx.part.engines, engineId, ctx.now) ?? notFound(`Policy engine ${engineId} was not found.`);
}

export function findPolicy(ctx: Context, engineId: string, policyId: string): Policy | ApiError {
  const engine = findEngine(ctx, engineId);
  if (engine instanceof ApiError) return engine;
  return liveResource(ctx.part.policies[engineId], policyId, ctx.now) ?? notFound(`Policy ${policyId} was not found in policy engine ${engineId}.`);
}

export function findGeneration(ctx: Context, engineId: string, generationId: string): Generation | ApiError {
  const engine = findEngine(ctx, engineId);
  if (engine instanceof ApiError) return engine;
  return liveResource(ctx.part.generations[engineId], generationId, ctx.now) ?? notFound(`Policy generation ${generationId} was not found.`);
}

/** An asset of a generation that has GENERATED. */
export function findAsset(ctx: Context, engineId: string, generationId: string, assetId: string): GenerationAsset | ApiError {
  const generation = findGeneration(ctx, engineId, generationId);
  if (generation instanceof ApiError) return generation;
  const generated = statusOf(GENERATION_STATUSES, generation.life, ctx.now) === 'GENERATED';
  const asset = generated ? generation.attrs.assets?.find((a) => a.policyGenerationAssetId === assetId) : undefined;
  return asset ?? notFound(`Policy generation asset ${assetId} was not found in policy generation ${generationId}.`);
}

export function findGateway(ctx: Context, gatewayId: string): Gateway | ApiError {
  return liveResource(ctx.part.gateways, gatewayId, ctx.now) ?? notFound(`Gateway ${gatewayId} was not found.`);
}

export function findTarget(ctx: Context, gatewayId: string, targetId: string): Target | ApiError {
  const gateway = findGateway(ctx, gatewayId);
  if (gateway instanceof ApiError) return gateway;
  return liveResource(ctx.part.targets[gatewayId], targetId, ctx.now) ?? notFound(`Target ${targetId} was not found in gateway ${gatewayId}.`);
}
