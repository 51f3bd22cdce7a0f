// Local authorization with Cedar's evaluator, shaped like the requests an AgentCore gateway makes: an OAuthUser
// (claims as entity tags) or IamEntity principal, a `<Target>___<tool>` action, a Gateway resource and
// `context.input` holding the tool's arguments.
import * as cedar from './wasm.js';
import { safely, toIssue, type CedarIssue } from './issues.js';
import type { InputSchema } from '../model.js';
import type { Est } from './est.js';
import { nestingIssue } from './nesting.js';
import { NAMESPACE } from './schema.js';

export interface AuthorizationRequest {
  principal: { type: 'OAuthUser' | 'IamEntity'; id: string; tags: Record<string, string> };
  action: string;
  resource: string;
  input: Record<string, unknown>;
  /** The tool's input schema: its `number` members become Cedar decimals, whole numbers included. */
  inputSchema?: InputSchema;
}

export type AuthorizationResult =
  | { ok: true; decision: 'allow' | 'deny'; reasons: string[]; errors: { policy: string; message: string }[] }
  | { ok: false; issues: CedarIssue[] };

export type Authorizer = (request: AuthorizationRequest) => AuthorizationResult;

/** The schema (as JSON text) last prepared under each schema id of each cedar-wasm instance: preparing it again
 * costs more than many requests. */
const preparedSchemas = new Map<string, string>();

/** Prepares a policy set (ids are policy names, each policy its text or its EST; given as one text, policy0..n,
 * which cedar-wasm parses several times faster) and schema once, then answers requests against them. `slot` names
 * the cedar-wasm cache entry; reusing a slot replaces it, so memory stays bounded. The same schema under the same
 * slot (`schemaSlot`, the set's own unless given: sets of one engine can share their engine's) is prepared only the
 * first time. A policy text nesting too deeply for Cedar is refused (an EST was made by Cedar, so it cannot be);
 * should a request still trap Cedar, the set is prepared again on the fresh instance. */
export function createAuthorizer(
  slot: string,
  policies: Record<string, string | Est> | string,
  schema?: Record<string, unknown>,
  schemaSlot = slot,
): Authorizer | { issues: CedarIssue[] } {
  const setId = `policies:${slot}`;
  const schemaId = `schema:${schemaSlot}`;
  const texts = typeof policies === 'string' ? [policies] : Object.values(policies).filter((p): p is string => typeof p === 'string');
  const deep = texts.flatMap((text) => nestingIssue(text) ?? []);
  if (deep.length > 0) return { issues: deep };
  let preparedIn = -1;
  const prepare = (): CedarIssue[] => {
    const prepared = safely(() => cedar.preparsePolicySet(setId, { staticPolicies: policies }));
    if (prepared.type === 'failure') return prepared.errors.map((e) => toIssue(e));
    const schemaText = schema && JSON.stringify(schema);
    // A fresh cedar-wasm instance (after a trap) holds no schema: the cache is per instance.
    const key = `${cedar.instanceGeneration()}/${schemaId}`;
    if (schema && preparedSchemas.get(key) !== schemaText) {
      preparedSchemas.delete(key);
      const parsed = safely(() => cedar.preparseSchema(schemaId, schema as cedar.Schema));
      if (parsed.type === 'failure') return parsed.errors.map((e) => toIssue(e));
      if (preparedSchemas.size >= 64) preparedSchemas.clear();
      preparedSchemas.set(key, schemaText!);
    }
    preparedIn = cedar.instanceGeneration();
    return [];
  };
  const issues = prepare();
  if (issues.length > 0) return { issues };
  return (request) => {
    if (preparedIn !== cedar.instanceGeneration()) {
      const again = prepare();
      if (again.length > 0) return { ok: false, issues: again };
    }
    const answer = safely(() =>
      cedar.statefulIsAuthorized({
        ...toCedarRequest(request),
        preparsedPolicySetId: setId,
        preparsedSchemaName: schema ? schemaId : undefined,
        validateRequest: schema !== undefined,
      }),
    );
    if (answer.type === 'failure') return { ok: false, issues: answer.errors.map((e) => toIssue(e)) };
    const { decision, diagnostics } = answer.response;
    return {
      ok: true,
      decision,
      reasons: [...diagnostics.reason].sort(),
      errors: diagnostics.errors.map((e) => ({ policy: e.policyId, message: e.error.message })),
    };
  };
}

/** Whether some tool input could get the request allowed: Cedar's partial evaluation with `context.input` unknown.
 * False only when the policies deny it whatever the input (no permit can hold, or a forbid holds regardless); a
 * residual Cedar cannot settle counts as possibly allowed. */
export function mayBeAllowed(policies: Record<string, string>, request: Omit<AuthorizationRequest, 'input'>): boolean | { issues: CedarIssue[] } {
  const unknownInput = { input: { __extn: { fn: 'unknown', arg: 'input' } } } as cedar.Context;
  const answer = safely(() =>
    cedar.isAuthorizedPartial({ ...toCedarRequest({ ...request, input: {} }), context: unknownInput, policies: { staticPolicies: policies } }),
  );
  if (answer.type === 'failure') return { issues: answer.errors.map((e) => toIssue(e)) };
  return answer.response.decision !== 'deny';
}

function toCedarRequest(request: AuthorizationRequest) {
  const principal = { type: `${NAMESPACE}::${request.principal.type}`, id: request.principal.id };
  const resource = { type: `${NAMESPACE}::Gateway`, id: request.resource };
  const principalEntity: cedar.EntityJson = { uid: principal, attrs: { id: request.principal.id }, parents: [] };
  if (request.principal.type === 'OAuthUser') principalEntity.tags = request.principal.tags;
  return {
    principal,
    action: { type: `${NAMESPACE}::Action`, id: request.action },
    resource,
    context: { input: toCedarValue(request.input, request.inputSchema) } as cedar.Context,
    entities: [principalEntity, { uid: resource, attrs: {}, parents: [] }],
  };
}

/** JSON arguments to Cedar values: a number the tool's schema types `number` is a `decimal` (450 as much as 450.5),
 * as AgentCore maps JSON Schema `number`; without a schema, a fractional number is. */
function toCedarValue(value: unknown, schema?: InputSchema): cedar.CedarValueJson {
  if (typeof value === 'number' && (schema?.type === 'number' || !Number.isInteger(value))) return { __extn: { fn: 'decimal', arg: value.toFixed(4) } };
  if (Array.isArray(value)) return value.map((v) => toCedarValue(v, schema?.items));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCedarValue(v, schema?.properties?.[k])]));
  }
  return value as cedar.CedarValueJson;
}
