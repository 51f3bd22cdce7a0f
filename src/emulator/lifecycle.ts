// Asynchronous lifecycles computed from timestamps rather than timers: a resource records when its last transition
// started, when it completes and whether it fails, and its status is read off the clock. Nothing dangles when the
// emulator closes, and a restart from a state file picks up where it left off.
//
// A transition always shows its transitional status at least at the instant it started, so the 202 response of a
// create says CREATING even with a zero delay, as the service's does.

export type TransitionKind = 'create' | 'update' | 'delete';

export interface Lifecycle {
  kind: TransitionKind;
  startedAt: number;
  readyAt: number;
  /** statusReasons when the transition fails; undefined when it succeeds. */
  failure?: string[];
}

/** A resource as the store keeps it. `attrs` is what the latest request asked for; `previous` is what stays live
 * when an update fails. */
export interface Resource<A> {
  seq: number;
  id: string;
  arn: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  life: Lifecycle;
  attrs: A;
  previous?: A;
}

/** Status names per transition: [in flight, succeeded, failed]. A succeeded delete is gone, never shown. */
export type Vocabulary = Record<TransitionKind, readonly [string, string, string]>;

export const POLICY_STATUSES: Vocabulary = {
  create: ['CREATING', 'ACTIVE', 'CREATE_FAILED'],
  update: ['UPDATING', 'ACTIVE', 'UPDATE_FAILED'],
  delete: ['DELETING', 'DELETING', 'DELETE_FAILED'],
};

export const GATEWAY_STATUSES: Vocabulary = {
  create: ['CREATING', 'READY', 'FAILED'],
  update: ['UPDATING', 'READY', 'UPDATE_UNSUCCESSFUL'],
  delete: ['DELETING', 'DELETING', 'FAILED'],
};

export const GENERATION_STATUSES: Vocabulary = {
  create: ['GENERATING', 'GENERATED', 'GENERATE_FAILED'],
  update: ['GENERATING', 'GENERATED', 'GENERATE_FAILED'],
  delete: ['GENERATING', 'GENERATED', 'DELETE_FAILED'],
};

export function inFlight(life: Lifecycle, now: number): boolean {
  return now <= life.startedAt || now < life.readyAt;
}

export function statusOf(vocabulary: Vocabulary, life: Lifecycle, now: number): string {
  const [pending, succeeded, failed] = vocabulary[life.kind];
  if (inFlight(life, now)) return pending;
  return life.failure ? failed : succeeded;
}

export function statusReasonsOf(life: Lifecycle, now: number): string[] {
  return !inFlight(life, now) && life.failure ? [...life.failure] : [];
}

/** Settles a finished transition: a deleted resource is gone (undefined), a failed update falls back to the
 * previous attributes. Returns the same object when nothing changed. */
export function settle<A>(resource: Resource<A>, now: number): Resource<A> | undefined {
  if (inFlight(resource.life, now)) return resource;
  if (resource.life.kind === 'delete' && !resource.life.failure) return undefined;
  if (resource.previous !== undefined) {
    const { previous, ...rest } = resource;
    return resource.life.failure ? { ...rest, attrs: previous } : rest;
  }
  return resource;
}

/** Settles every resource of a map in place and returns those still there, in creation order. */
export function liveResources<A>(map: Record<string, Resource<A>>, now: number): Resource<A>[] {
  for (const [id, resource] of Object.entries(map)) {
    const settled = settle(resource, now);
    if (settled === undefined) delete map[id];
    else if (settled !== resource) map[id] = settled;
  }
  return Object.values(map).sort((a, b) => a.seq - b.seq);
}

/** The settled resource with this id, or undefined. */
export function liveResource<A>(map: Record<string, Resource<A>> | undefined, id: string, now: number): Resource<A> | undefined {
  const resource = map?.[id];
  if (!map || !resource) return undefined;
  const settled = settle(resource, now);
  if (settled === undefined) delete map[id];
  else map[id] = settled;
  return settled;
}
