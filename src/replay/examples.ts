// Flipped requests as examples: at most a few per tool and direction, each as a reviewer reads a request (the
// caller, with the claims the policies read when the record carries them, and the arguments). A token's other
// claims (issuer, audience, token id...) say nothing about the decision and are left out.
import { tagKeysRead } from '../cedar/tag-free.js';
import type { FlipCounts, FlipExample, RecordedRequest } from '../model.js';

export const EXAMPLES_EACH_WAY = 3;

/** `keys`: the claims to show; undefined shows them all (a policy reads a claim it computes the name of). */
export function flipExample(request: RecordedRequest, direction: keyof FlipCounts, keys?: ReadonlySet<string>): FlipExample {
  const { type, id } = request.principal;
  const tags = request.principal.tags && keys ? Object.fromEntries(Object.entries(request.principal.tags).filter(([key]) => keys.has(key))) : request.principal.tags;
  return {
    gateway: request.gateway,
    action: request.action,
    direction,
    at: new Date(request.at).toISOString(),
    requestId: request.requestId,
    request: { principal: { type, id, ...(tags !== undefined && type === 'OAuthUser' && { tags }) }, input: request.input },
  };
}

/** Keeps the first few of each (key, direction), with the claims the policies read. */
export class ExampleShelf {
  private readonly kept: FlipExample[] = [];
  private readonly counts = new Map<string, number>();
  private readonly claims: ReadonlySet<string> | undefined;

  constructor(statements: string[]) {
    const read = statements.map(tagKeysRead);
    this.claims = read.some((keys) => keys === undefined) ? undefined : new Set(read.flatMap((keys) => keys!));
  }

  offer(key: string, request: RecordedRequest, direction: keyof FlipCounts): void {
    const slot = `${key}\u0000${direction}`;
    const count = this.counts.get(slot) ?? 0;
    if (count >= EXAMPLES_EACH_WAY) return;
    this.counts.set(slot, count + 1);
    this.kept.push(flipExample(request, direction, this.claims));
  }

  examples(): FlipExample[] {
    return [...this.kept];
  }
}

export const flipOf = (before: 'allow' | 'deny', after: 'allow' | 'deny'): keyof FlipCounts | undefined =>
  before === after ? undefined : after === 'deny' ? 'toDeny' : 'toAllow';
