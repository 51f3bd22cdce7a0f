// clientToken idempotency: a retried create with the same token and the same input returns the resource the first
// call made; the same token with other input is a ValidationException (IdempotentParameterMismatchException).
// Guess: a token whose resource has since been deleted is forgotten, so the create runs again.
import type { Input } from './contract.js';
import { validationError, type ApiError } from './errors.js';
import { liveResource, type Resource } from './lifecycle.js';
import type { Partition } from './store.js';

/** Key-order-independent JSON, so `{a,b}` and `{b,a}` are the same request. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function fingerprint(input: Input): string {
  const { clientToken: _token, ...rest } = input;
  return stableJson(rest);
}

const keyOf = (operation: string, scope: string, token: string) => `${operation}/${scope}/${token}`;

/**
 * The resource (from `resources`) an earlier call with this token created, an error when the token was used with
 * other input, or undefined when the call is new.
 */
export function replay<A>(
  part: Partition,
  operation: string,
  scope: string,
  input: Input,
  resources: Record<string, Resource<A>>,
  now: number,
): Resource<A> | ApiError | undefined {
  const token = input.clientToken;
  if (typeof token !== 'string') return undefined;
  const key = keyOf(operation, scope, token);
  const record = part.tokens[key];
  if (!record) return undefined;
  const resource = liveResource(resources, record.id, now);
  if (!resource) {
    delete part.tokens[key];
    return undefined;
  }
  if (record.hash !== fingerprint(input)) {
    // The token is not echoed: it is the caller's, and messages end up in logs.
    return validationError('The client token was already used with different request parameters.', 'IdempotentParameterMismatchException');
  }
  return resource;
}

export function rememberToken(part: Partition, operation: string, scope: string, input: Input, id: string): void {
  const token = input.clientToken;
  if (typeof token === 'string') part.tokens[keyOf(operation, scope, token)] = { hash: fingerprint(input), id };
}
