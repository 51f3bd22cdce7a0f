// What triggered the run, read from the event name, the webhook payload and the ref: a pull request (and whether
// it comes from a fork) or a branch event (and whether that branch is the repository's default branch).

/** Events whose payload is a pull request: a run for them never applies. */
export const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

export type EventContext =
  | { kind: 'pull_request'; eventName: string; number: number; fork: boolean; headSha?: string; baseRef?: string }
  | { kind: 'branch'; eventName: string; ref: string; sha: string; defaultBranch?: string; onDefaultBranch: boolean };

interface RepoRef {
  full_name?: string;
}

/** The parts of a webhook payload this reads; everything is optional because payloads differ by event. */
export interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string; repo?: RepoRef | null }; base?: { ref?: string; repo?: RepoRef } };
  repository?: { default_branch?: string };
}

export function readEvent(eventName: string, payload: EventPayload, ref: string, sha: string): EventContext {
  const pull = payload.pull_request;
  if (PULL_REQUEST_EVENTS.has(eventName) || pull) {
    if (typeof pull?.number !== 'number') throw new Error(`the ${eventName} event carries no pull request number`);
    const headSha = pull.head?.sha;
    const baseRef = pull.base?.ref;
    return { kind: 'pull_request', eventName, number: pull.number, fork: isFork(pull), ...(headSha ? { headSha } : {}), ...(baseRef ? { baseRef } : {}) };
  }
  const defaultBranch = payload.repository?.default_branch;
  return {
    kind: 'branch',
    eventName,
    ref,
    sha,
    ...(defaultBranch ? { defaultBranch } : {}),
    onDefaultBranch: defaultBranch !== undefined && ref === `refs/heads/${defaultBranch}`,
  };
}

/** A head repository that differs from the base, or that was deleted, is a fork: its runs get no secrets. */
function isFork(pull: NonNullable<EventPayload['pull_request']>): boolean {
  const head = pull.head?.repo?.full_name;
  return head === undefined || head !== pull.base?.repo?.full_name;
}
