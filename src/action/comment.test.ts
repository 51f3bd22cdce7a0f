import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../test/action/fake-github.js';
import { markerFor, pickMergedPull, upsertComment } from './comment.js';
import { createGitHubApi, type GitHubApi } from './github-api.js';

let github: FakeGitHub;
let api: GitHubApi;
const TOKEN = 'ghs_commenttesttoken';

beforeAll(async () => {
  github = await startFakeGitHub();
  api = createGitHubApi(TOKEN, { owner: 'acme', repo: 'policies' }, github.url);
});
afterAll(() => github.close());
beforeEach(() => {
  github.comments.clear();
  github.requests.length = 0;
});

const user = { login: 'someone', type: 'User' };

describe('upsertComment', () => {
  it('creates the comment once, then edits it in place', async () => {
    const marker = markerFor('plan', []);
    expect(await upsertComment(api, 7, marker, 'first')).toMatchObject({ action: 'created' });
    const second = await upsertComment(api, 7, marker, 'second');
    expect(second.action).toBe('updated');
    expect(github.comments.get(7)).toEqual([expect.objectContaining({ id: second.id, body: `${marker}\nsecond` })]);
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PATCH']);
    expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it('finds its comment on a later page, past 100 others', async () => {
    const marker = markerFor('plan', []);
    const others = Array.from({ length: 230 }, (_, i) => ({ id: i + 1, body: `comment ${i}`, user }));
    others.splice(205, 0, { id: 999, body: `${marker}\nold plan`, user: { login: 'github-actions[bot]', type: 'Bot' } });
    github.comments.set(3, others);
    expect(await upsertComment(api, 3, marker, 'new plan')).toEqual({ action: 'updated', id: 999 });
    expect(github.requests.filter((r) => r.method === 'GET').map((r) => new URL(r.url, github.url).searchParams.get('page') ?? '1')).toEqual(['1', '2', '3']);
    expect(github.comments.get(3)).toHaveLength(231);
  });

  it('matches the marker on the first line only, and keeps per-engine and apply comments apart', async () => {
    github.comments.set(5, [
      { id: 1, body: `quoting the bot:\n${markerFor('plan', [])}`, user },
      { id: 2, body: `${markerFor('plan', ['Prod'])}\nprod plan`, user },
      { id: 3, body: `${markerFor('apply', [])}\napplied`, user },
    ]);
    expect((await upsertComment(api, 5, markerFor('plan', []), 'all engines')).action).toBe('created');
    expect((await upsertComment(api, 5, markerFor('plan', ['Prod']), 'prod again')).id).toBe(2);
    expect(github.comments.get(5)!.map((c) => c.body.split('\n')[0])).toEqual([
      'quoting the bot:',
      '<!-- agentcore-policy:plan engines=Prod -->',
      '<!-- agentcore-policy:apply -->',
      '<!-- agentcore-policy:plan -->',
    ]);
  });
});

describe('markerFor', () => {
  it('is the documented marker for all engines, and cannot be closed early by an engine name', () => {
    expect(markerFor('plan', [])).toBe('<!-- agentcore-policy:plan -->');
    expect(markerFor('apply', ['A', 'B_2'])).toBe('<!-- agentcore-policy:apply engines=A,B_2 -->');
    expect(markerFor('plan', ['x-->y'])).toBe('<!-- agentcore-policy:plan engines=x___y -->');
  });
});

describe('pickMergedPull', () => {
  const pull = (number: number, mergeCommitSha?: string, baseRef = 'main', mergedAt: string | null = '2026-01-01T00:00:00Z') => ({
    number,
    baseRef,
    ...(mergedAt ? { mergedAt } : {}),
    ...(mergeCommitSha ? { mergeCommitSha } : {}),
  });

  it('prefers the pull request whose merge commit this is', () => {
    expect(pickMergedPull([pull(1, 'aaa'), pull(2, 'bbb')], 'bbb', 'main')).toBe(2);
  });

  it('takes a merged pull request into the branch when no merge commit matches, and never an open or other-branch one', () => {
    expect(pickMergedPull([pull(1, 'aaa', 'main', null), pull(2, 'ccc', 'release'), pull(3, 'ddd')], 'bbb', 'main')).toBe(3);
    expect(pickMergedPull([pull(1, 'bbb', 'main', null), pull(2, 'bbb', 'dev')], 'bbb', 'main')).toBeUndefined();
  });

  it('reads the pull requests of a commit over the REST API', async () => {
    github.pullsByCommit.set('abc123', [{ number: 12, base: { ref: 'main' }, merged_at: '2026-01-01T00:00:00Z', merge_commit_sha: 'abc123' }]);
    expect(await api.pullsForCommit('abc123')).toEqual([{ number: 12, baseRef: 'main', mergedAt: '2026-01-01T00:00:00Z', mergeCommitSha: 'abc123' }]);
    expect(github.requests.at(-1)!.url).toMatch(/^\/repos\/acme\/policies\/commits\/abc123\/pulls/);
  });
});
