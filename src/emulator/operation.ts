// What every operation handler sees and declares: its route, success status, query parameter types and input
// contract, and a handler from (context, input) to a response body or an ApiError.
import type { ApiError } from './errors.js';
import type { FieldRule, Input } from './contract.js';
import type { Faults } from './faults.js';
import type { Scope } from '../arn.js';
import type { Lifecycle, Resource, TransitionKind } from './lifecycle.js';
import type { Partition, Store } from './store.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Context {
  store: Store;
  /** The partition of the region the request was signed for. */
  part: Partition;
  /** Region and account new resources are created in. */
  scope: Scope;
  now: number;
  transitionDelayMs: number;
  /** The emulator's own URL, for the gateway URLs it hands out. */
  baseUrl: string;
  faults: Faults;
}

export interface Operation {
  name: string;
  method: HttpMethod;
  /** Path template as in the model, e.g. `/policy-engines/{policyEngineId}/policies`. */
  path: string;
  /** The modelled success status. */
  status: number;
  /** Query parameters and how to read them. */
  query?: Record<string, 'string' | 'integer'>;
  rules: readonly FieldRule[];
  handle(ctx: Context, input: Input): object | ApiError;
}

/** Starts a transition for the resource `name`, honouring resource faults (a slower or failing transition). */
export function beginTransition(ctx: Context, kind: TransitionKind, name: string, failure?: string[]): Lifecycle {
  const fault = ctx.faults.resource(name);
  const delay = fault?.transitionMs ?? ctx.transitionDelayMs;
  const reasons = fault?.fail !== undefined ? [fault.fail] : failure;
  return { kind, startedAt: ctx.now, readyAt: ctx.now + delay, ...(reasons && reasons.length > 0 ? { failure: reasons } : {}) };
}

/** Keeps only the keys whose value is defined, so absent members stay absent on the wire and in the state file. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A new resource whose create transition starts now. */
export function newRecord<A>(ctx: Context, fields: { id: string; arn: string; name: string; attrs: A; failure?: string[] }): Resource<A> {
  return {
    seq: ctx.store.nextSeq(),
    id: fields.id,
    arn: fields.arn,
    name: fields.name,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    life: beginTransition(ctx, 'create', fields.name, fields.failure),
    attrs: fields.attrs,
  };
}
