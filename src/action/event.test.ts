import { describe, expect, it } from 'vitest';
import { readEvent } from './event.js';

const pullRequest = (head: string | null, base = 'acme/policies') => ({
  pull_request: { number: 42, head: { sha: 'abc1234', repo: head === null ? null : { full_name: head } }, base: { repo: { full_name: base } } },
  repository: { default_branch: 'main' },
});

describe('readEvent', () => {
  it('reads a pull request from the same repository', () => {
    expect(readEvent('pull_request', pullRequest('acme/policies'), 'refs/pull/42/merge', 'f00')).toEqual({
      kind: 'pull_request',
      eventName: 'pull_request',
      number: 42,
      fork: false,
      headSha: 'abc1234',
    });
  });

  it('sees a fork in a different or deleted head repository, also under pull_request_target', () => {
    expect(readEvent('pull_request', pullRequest('mallory/policies'), 'refs/pull/42/merge', 'f00')).toMatchObject({ fork: true });
    expect(readEvent('pull_request_target', pullRequest(null), 'refs/heads/main', 'f00')).toMatchObject({ kind: 'pull_request', fork: true });
  });

  it('reads the base commit a fork\'s pull request is compared with', () => {
    const payload = { pull_request: { number: 7, head: { repo: { full_name: 'mallory/policies' } }, base: { ref: 'main', sha: 'b45e', repo: { full_name: 'acme/policies' } } } };
    expect(readEvent('pull_request', payload, 'refs/pull/7/merge', 'f00')).toMatchObject({ fork: true, baseRef: 'main', baseSha: 'b45e' });
  });

  it('knows a push to the default branch from a push elsewhere', () => {
    const payload = { repository: { default_branch: 'main' } };
    expect(readEvent('push', payload, 'refs/heads/main', 'f00')).toEqual({
      kind: 'branch',
      eventName: 'push',
      ref: 'refs/heads/main',
      sha: 'f00',
      defaultBranch: 'main',
      onDefaultBranch: true,
    });
    expect(readEvent('push', payload, 'refs/heads/feature', 'f00')).toMatchObject({ onDefaultBranch: false });
    expect(readEvent('push', payload, 'refs/tags/main', 'f00')).toMatchObject({ onDefaultBranch: false });
    expect(readEvent('workflow_dispatch', {}, 'refs/heads/main', 'f00')).toMatchObject({ onDefaultBranch: false });
  });

  it('refuses a pull request event without a number', () => {
    expect(() => readEvent('pull_request', {}, 'refs/pull/1/merge', 'f00')).toThrow('the pull_request event carries no pull request number');
  });
});
