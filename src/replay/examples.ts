// Flipped requests as examples: at most a few per tool and direction, each as a reviewer reads a request (the
// caller, with its claims when the record carries them, and the arguments).
import type { FlipCounts, FlipExample, RecordedRequest } from '../model.js';

export const EXAMPLES_EACH_WAY = 3;

export function flipExample(request: RecordedRequest, direction: keyof FlipCounts): FlipExample {
  const { type, id, tags } = request.principal;
  return {
    gateway: request.gateway,
    action: request.action,
    direction,
    at: new Date(request.at).toISOString(),
    requestId: request.requestId,
    request: { principal: { type, id, ...(tags !== undefined && type === 'OAuthUser' && { tags }) }, input: request.input },
  };
}

/** Keeps the first few of each (key, direction). */
export class ExampleShelf {
  private readonly kept: FlipExample[] = [];
  private readonly counts = new Map<string, number>();

  offer(key: string, request: RecordedRequest, direction: keyof FlipCounts): void {
    const slot = `${key}\u0000${direction}`;
    const count = this.counts.get(slot) ?? 0;
    if (count >= EXAMPLES_EACH_WAY) return;
    this.counts.set(slot, count + 1);
    this.kept.push(flipExample(request, direction));
  }

  examples(): FlipExample[] {
    return [...this.kept];
  }
}

export const flipOf = (before: 'allow' | 'deny', after: 'allow' | 'deny'): keyof FlipCounts | undefined =>
  before === after ? undefined : after === 'deny' ? 'toDeny' : 'toAllow';
