// CreatePolicyEngine: POST /policy-engines -> 202, CREATING then ACTIVE. Names are unique per region.
// Not implemented: encryptionKeyArn is stored and echoed but no KMS key is checked.
import { ApiError, conflict } from '../errors.js';
import { replay, rememberToken } from '../idempotency.js';
import { engineArn, newResourceId } from '../ids.js';
import { liveResources } from '../lifecycle.js';
import { defined, newRecord, type Operation } from '../operation.js';
import { CLIENT_TOKEN, DESCRIPTION, ENGINE_OR_POLICY_NAME, TAGS } from '../rules.js';
import type { Engine } from '../store.js';
import { engineView } from '../views.js';

interface Input {
  name: string;
  description?: string;
  encryptionKeyArn?: string;
  tags?: Record<string, string>;
}

export const createPolicyEngine: Operation = {
  name: 'CreatePolicyEngine',
  method: 'POST',
  path: '/policy-engines',
  status: 202,
  rules: [
    ENGINE_OR_POLICY_NAME,
    DESCRIPTION,
    CLIENT_TOKEN,
    { path: 'encryptionKeyArn', type: 'string', min: 1, max: 2048, pattern: 'arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:key/.+' },
    TAGS,
  ],
  handle(ctx, raw) {
    const input = raw as unknown as Input;
    const engines = ctx.part.engines;
    const replayed = replay(ctx.part, 'CreatePolicyEngine', '', raw, engines, ctx.now);
    if (replayed !== undefined) return replayed instanceof ApiError ? replayed : engineView(replayed, ctx.now);
    if (liveResources(engines, ctx.now).some((e) => e.name === input.name)) {
      return conflict(`A policy engine named ${input.name} already exists.`);
    }
    const id = newResourceId(input.name);
    const engine: Engine = newRecord(ctx, {
      id,
      arn: engineArn(ctx.scope, id),
      name: input.name,
      attrs: defined({ description: input.description, encryptionKeyArn: input.encryptionKeyArn, tags: input.tags }),
    });
    engines[id] = engine;
    rememberToken(ctx.part, 'CreatePolicyEngine', '', raw, id);
    return engineView(engine, ctx.now);
  },
};
