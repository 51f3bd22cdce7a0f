// CreatePolicy: POST /policy-engines/{id}/policies -> 202, CREATING then ACTIVE or CREATE_FAILED. A statement that
// does not parse is refused at once; one that fails validation against the attached gateways' schema is accepted
// and ends CREATE_FAILED with the findings as statusReasons (see policy-check.ts).
//
// Guesses: policy names are unique per engine (the docs say "unique within the account", which would forbid the
// same policy in two engines); an engine still creating or being deleted refuses policies with ConflictException;
// a `policyGeneration` definition names an asset of a GENERATED generation and is stored as the asset's Cedar
// statement (the model does not say what the service echoes back).
import { ApiError, conflict, validationError } from '../errors.js';
import { replay, rememberToken } from '../idempotency.js';
import { policyArn, newResourceId } from '../ids.js';
import { inFlight, liveResources } from '../lifecycle.js';
import { attachedGateways } from '../engine-schema.js';
import { findAsset, findEngine } from '../lookups.js';
import { defined, newRecord, type Context, type Operation } from '../operation.js';
import { refuseStatement, refuseStatements, validationFindings } from '../policy-check.js';
import { CLIENT_TOKEN, definitionRules, DESCRIPTION, ENFORCEMENT_MODE, ENGINE_OR_POLICY_NAME, resourceId, VALIDATION_MODE } from '../rules.js';
import { childMap, type Engine, type Policy } from '../store.js';
import { policyView } from '../views.js';

interface Input {
  policyEngineId: string;
  name: string;
  definition: Record<string, unknown>;
  description?: string;
  validationMode?: string;
  enforcementMode?: string;
}

/** The definition to judge and store: a generated asset stands for its Cedar statement. */
export function resolveDefinition(ctx: Context, engine: Engine, definition: Record<string, unknown>): Record<string, unknown> | ApiError {
  const reference = definition.policyGeneration as { policyGenerationId: string; policyGenerationAssetId: string } | undefined;
  if (!reference) return definition;
  const asset = findAsset(ctx, engine.id, reference.policyGenerationId, reference.policyGenerationAssetId);
  if (asset instanceof ApiError) return asset;
  if (asset.definition) return asset.definition;
  const message = `Policy generation asset ${asset.policyGenerationAssetId} has no policy definition: its text could not be translated.`;
  return validationError(message, 'FieldValidationFailed', [{ name: 'definition.policyGeneration.policyGenerationAssetId', message }]);
}

/** Refusal (ValidationException) or the reasons a resolved definition will fail validation on this engine. A
 * `policy` definition (AgentCore's policy language: guardrail and temporal conditions) is not Cedar: the emulator
 * cannot parse or validate it, so it only checks that it holds one statement, and stores it. */
export function judge(ctx: Context, engine: Engine, definition: Record<string, unknown>, validationMode = 'FAIL_ON_ANY_FINDINGS'): string[] | ApiError {
  if (definition.policy) return refuseStatements((definition.policy as { statement: string }).statement) ?? [];
  const { statement } = definition.cedar as { statement: string };
  return refuseStatement(statement) ?? validationFindings(statement, attachedGateways(ctx, engine), validationMode);
}

export const createPolicy: Operation = {
  name: 'CreatePolicy',
  method: 'POST',
  path: '/policy-engines/{policyEngineId}/policies',
  status: 202,
  rules: [
    resourceId('policyEngineId'),
    ENGINE_OR_POLICY_NAME,
    ...definitionRules(true),
    DESCRIPTION,
    VALIDATION_MODE,
    ENFORCEMENT_MODE,
    CLIENT_TOKEN,
  ],
  handle(ctx, raw) {
    const input = raw as unknown as Input;
    const engine = findEngine(ctx, input.policyEngineId);
    if (engine instanceof ApiError) return engine;
    const policies = childMap(ctx.part.policies, engine.id);
    const replayed = replay(ctx.part, 'CreatePolicy', engine.id, raw, policies, ctx.now);
    if (replayed !== undefined) return replayed instanceof ApiError ? replayed : policyView(replayed, engine.id, ctx.now);
    if (engine.life.kind === 'delete' || (engine.life.kind === 'create' && inFlight(engine.life, ctx.now))) {
      return conflict(`Policy engine ${engine.id} is not active.`);
    }
    const definition = resolveDefinition(ctx, engine, input.definition);
    if (definition instanceof ApiError) return definition;
    const failure = judge(ctx, engine, definition, input.validationMode);
    if (failure instanceof ApiError) return failure;
    if (liveResources(policies, ctx.now).some((p) => p.name === input.name)) {
      return conflict(`A policy named ${input.name} already exists in policy engine ${engine.id}.`);
    }
    const id = newResourceId(input.name);
    const policy: Policy = newRecord(ctx, {
      id,
      arn: policyArn(ctx.scope, engine.id, id),
      name: input.name,
      attrs: defined({ definition, description: input.description, enforcementMode: input.enforcementMode ?? 'ACTIVE' }),
      failure,
    });
    policies[id] = policy;
    rememberToken(ctx.part, 'CreatePolicy', engine.id, raw, id);
    return policyView(policy, engine.id, ctx.now);
  },
};
