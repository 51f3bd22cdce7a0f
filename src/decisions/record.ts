// A decision record as any source gives it (the local gateway's JSON lines, AWS's gateway application-log
// events), read into a RecordedRequest: the tool call and the decision it got. Records are untrusted data, so
// every field is checked; a record of something else than a policy decision (other application-log lines) is
// `other`, a decision record that cannot be read is `unreadable`, with why.
//
// Read as the local gateway writes them and as AWS's records are reported (src/emulator/gateway/records.ts):
// `event_timestamp` in epoch milliseconds (or ISO-8601 text), `request_id`, `resource_arn` (the gateway),
// `body.requestBody` (the JSON-RPC `tools/call`, as an object or as its JSON text), `body.policy.decision`,
// `determiningPolicies` and `principal: {entityType, entityId}`. The caller's claims are known only from the local
// gateway's `body.local.principalTags`; an IamEntity has none to know.
import type { RecordedRequest } from '../model.js';

export type RecordReading = { kind: 'request'; request: RecordedRequest } | { kind: 'other' } | { kind: 'unreadable'; problem: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const DECISIONS = { ALLOW: 'allow', DENY: 'deny' } as const;

/** `fallbackAt`: the time the source itself gives the record (a log event's timestamp), used when the record has none. */
export function readRecord(value: unknown, fallbackAt?: number): RecordReading {
  const body = isObject(value) ? value.body : undefined;
  const policy = isObject(body) ? body.policy : undefined;
  if (!isObject(value) || !isObject(body) || !isObject(policy)) return { kind: 'other' };
  const unreadable = (problem: string): RecordReading => ({ kind: 'unreadable', problem });
  const decision = DECISIONS[policy.decision as keyof typeof DECISIONS];
  if (decision === undefined) return unreadable('its decision is neither ALLOW nor DENY');
  const at = timeOf(value.event_timestamp) ?? fallbackAt;
  if (at === undefined) return unreadable('it has no readable event_timestamp');
  if (typeof value.resource_arn !== 'string') return unreadable('it names no gateway (resource_arn)');
  const call = toolCall(body.requestBody);
  if (typeof call === 'string') return unreadable(call);
  const principal = principalOf(policy.principal, isObject(body.local) ? body.local.principalTags : undefined);
  if (typeof principal === 'string') return unreadable(principal);
  const determining = Array.isArray(policy.determiningPolicies) ? policy.determiningPolicies.filter((p): p is string => typeof p === 'string') : [];
  const requestId = typeof value.request_id === 'string' ? value.request_id : '';
  return { kind: 'request', request: { at, requestId, gateway: value.resource_arn, ...call, principal, decision, determining } };
}

function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  if (Number.isFinite(number)) return number;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function toolCall(requestBody: unknown): { action: string; input: Json } | string {
  let request = requestBody;
  if (typeof request === 'string') {
    try {
      request = JSON.parse(request);
    } catch {
      return 'its requestBody is not JSON';
    }
  }
  if (!isObject(request) || request.method !== 'tools/call' || !isObject(request.params)) return 'its requestBody is not a tools/call request';
  const { name, arguments: input } = request.params;
  if (typeof name !== 'string' || name === '') return 'its tools/call names no tool';
  if (input !== undefined && !isObject(input)) return 'its tools/call arguments are not an object';
  return { action: name, input: input ?? {} };
}

function principalOf(value: unknown, tags: unknown): RecordedRequest['principal'] | string {
  if (!isObject(value) || typeof value.entityId !== 'string' || typeof value.entityType !== 'string') return 'it has no principal';
  const type = value.entityType.replace(/^AgentCore::/, '');
  if (type === 'IamEntity') return { type, id: value.entityId, tags: {} };
  if (type !== 'OAuthUser') return `its principal type ${value.entityType} is not one AgentCore sends`;
  if (!isObject(tags)) return { type, id: value.entityId };
  const known = Object.entries(tags).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return { type, id: value.entityId, tags: Object.fromEntries(known) };
}
