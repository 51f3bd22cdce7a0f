import { describe, expect, it } from 'vitest';
import type { EventContext } from './event.js';
import { decideMode } from './mode.js';

const pr = (fork: boolean, eventName = 'pull_request'): EventContext => ({ kind: 'pull_request', eventName, number: 1, fork });
const branch = (eventName: string, ref: string): EventContext => ({
  kind: 'branch',
  eventName,
  ref,
  sha: 'f00',
  defaultBranch: 'main',
  onDefaultBranch: ref === 'refs/heads/main',
});

describe('decideMode', () => {
  it('plans a pull request from the repository, and checks a fork offline', () => {
    expect(decideMode('plan', pr(false))).toEqual({ run: 'plan' });
    expect(decideMode('plan', pr(true))).toEqual({ run: 'offline' });
    expect(decideMode('plan', pr(true, 'pull_request_target'))).toEqual({ run: 'offline' });
    expect(decideMode('plan', branch('schedule', 'refs/heads/main'))).toEqual({ run: 'plan' });
  });

  it('applies on a push or a dispatch on the default branch', () => {
    expect(decideMode('apply', branch('push', 'refs/heads/main'))).toEqual({ run: 'apply' });
    expect(decideMode('apply', branch('workflow_dispatch', 'refs/heads/main'))).toEqual({ run: 'apply' });
  });

  it('never applies on a pull request, another event or another branch', () => {
    expect(decideMode('apply', pr(false))).toEqual({ run: 'refuse', reason: expect.stringContaining('apply never runs on pull_request events') });
    expect(decideMode('apply', pr(false, 'pull_request_target'))).toMatchObject({ reason: expect.stringContaining('pull_request_target') });
    expect(decideMode('apply', branch('schedule', 'refs/heads/main'))).toMatchObject({ reason: 'apply runs on push or workflow_dispatch, not on schedule' });
    expect(decideMode('apply', branch('push', 'refs/heads/feature'))).toMatchObject({
      reason: 'apply runs only on the default branch (main); this run is on refs/heads/feature',
    });
  });

  it('runs validate and test as asked, fork or not', () => {
    expect(decideMode('validate', pr(true))).toEqual({ run: 'validate' });
    expect(decideMode('test', branch('push', 'refs/heads/x'))).toEqual({ run: 'test' });
  });
});
