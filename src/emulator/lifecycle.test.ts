import { describe, expect, it } from 'vitest';
import { liveResources, POLICY_STATUSES, settle, statusOf, statusReasonsOf, type Lifecycle, type Resource } from './lifecycle.js';

const life = (kind: Lifecycle['kind'], failure?: string[]): Lifecycle => ({ kind, startedAt: 100, readyAt: 150, failure });
const resource = (l: Lifecycle, attrs = 'new', previous?: string): Resource<string> => ({
  seq: 1, id: 'p-0123456789', arn: 'arn', name: 'p', createdAt: 0, updatedAt: 100, life: l, attrs, previous,
});

describe('statusOf', () => {
  it('is transitional until the ready time, then settles', () => {
    expect(statusOf(POLICY_STATUSES, life('create'), 149)).toBe('CREATING');
    expect(statusOf(POLICY_STATUSES, life('create'), 150)).toBe('ACTIVE');
    expect(statusOf(POLICY_STATUSES, life('update', ['bad']), 150)).toBe('UPDATE_FAILED');
  });
  it('shows the transitional status at the start even with no delay', () => {
    expect(statusOf(POLICY_STATUSES, { kind: 'create', startedAt: 100, readyAt: 100 }, 100)).toBe('CREATING');
    expect(statusOf(POLICY_STATUSES, { kind: 'create', startedAt: 100, readyAt: 100 }, 101)).toBe('ACTIVE');
  });
  it('gives reasons only once a failure has happened', () => {
    expect(statusReasonsOf(life('create', ['x']), 120)).toEqual([]);
    expect(statusReasonsOf(life('create', ['x']), 200)).toEqual(['x']);
  });
});

describe('settle', () => {
  it('removes a deleted resource once the delete completes, not before', () => {
    expect(settle(resource(life('delete')), 120)).toBeDefined();
    expect(settle(resource(life('delete')), 150)).toBeUndefined();
    expect(settle(resource(life('delete', ['stuck'])), 150)).toBeDefined();
  });
  it('keeps the previous attributes live when an update fails', () => {
    expect(settle(resource(life('update', ['bad']), 'new', 'old'), 200)?.attrs).toBe('old');
    const succeeded = settle(resource(life('update'), 'new', 'old'), 200);
    expect(succeeded?.attrs).toBe('new');
    expect(succeeded).not.toHaveProperty('previous');
    expect(settle(resource(life('update', ['bad']), 'new', 'old'), 120)?.attrs).toBe('new');
  });
  it('settles a whole map in place, in creation order', () => {
    const map: Record<string, Resource<string>> = {
      b: { ...resource(life('create')), id: 'b', seq: 2 },
      a: { ...resource(life('create')), id: 'a', seq: 1 },
      gone: { ...resource(life('delete')), id: 'gone', seq: 3 },
    };
    expect(liveResources(map, 500).map((r) => r.id)).toEqual(['a', 'b']);
    expect(Object.keys(map).sort()).toEqual(['a', 'b']);
  });
});
