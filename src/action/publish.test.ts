import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { finishedReport } from '../plan/apply-report.js';
import { startFakeGitHub, type FakeGitHub } from '../../test/action/fake-github.js';
import type { EventContext } from './event.js';
import { createGitHubApi, type GitHubApi } from './github-api.js';
import type { RunResult } from './outcome.js';
import { commentReport, runUrl, writePlanFile } from './publish.js';
import { creatingPlan } from '../../test/builders/action.js';

let github: FakeGitHub;
let api: GitHubApi;
beforeAll(async () => {
  github = await startFakeGitHub();
  api = createGitHubApi('ghs_x', { owner: 'acme', repo: 'policies' }, github.url);
});
afterAll(() => github.close());
beforeEach(() => {
  github.comments.clear();
  github.pullsByCommit.clear();
  github.requests.length = 0;
});

const push: EventContext = { kind: 'branch', eventName: 'push', ref: 'refs/heads/main', sha: 'abcdef0123456789', defaultBranch: 'main', onDefaultBranch: true };
const pull: EventContext = { kind: 'pull_request', eventName: 'pull_request', number: 4, fork: false, headSha: 'fedcba9876543210' };
const applied: RunResult = { mode: 'apply', denyWarnings: false, apply: finishedReport([]) };

describe('commentReport', () => {
  it('puts an apply on the pull request its commit merged', async () => {
    github.pullsByCommit.set('abcdef0123456789', [{ number: 31, base: { ref: 'main' }, merged_at: '2026-01-01T00:00:00Z', merge_commit_sha: 'abcdef0123456789' }]);
    expect(await commentReport(applied, { api, event: push, engines: [] })).toEqual({ issue: 31, action: 'created' });
    expect(github.comments.get(31)![0]!.body).toMatch(/^<!-- agentcore-policy:apply -->\n## agentcore-policy apply\n[\s\S]*<sub>commit <code>abcdef0<\/code><\/sub>\n$/);
  });

  it('posts nothing when no merged pull request is found, or for a command that does not comment', async () => {
    expect(await commentReport(applied, { api, event: push, engines: [] })).toBeUndefined();
    expect(await commentReport({ mode: 'validate', denyWarnings: false, checks: { diagnostics: [] } }, { api, event: pull, engines: [] })).toBeUndefined();
    expect(github.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('keeps a comment under the limit with room for the marker', async () => {
    await commentReport({ mode: 'plan', denyWarnings: false, plan: creatingPlan(3000) }, { api, event: pull, engines: [], detailsUrl: 'https://github.com/acme/policies/actions/runs/1' });
    const body = github.comments.get(4)![0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536 - 1_536);
    expect(body).toContain('[workflow run](https://github.com/acme/policies/actions/runs/1)');
  });
});

describe('runUrl and writePlanFile', () => {
  it('links the run, and saves the plan as the documented JSON', async () => {
    expect(runUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/policies', GITHUB_RUN_ID: '9' })).toBe('https://github.com/acme/policies/actions/runs/9');
    expect(runUrl({ GITHUB_REPOSITORY: 'acme/policies' })).toBeUndefined();
    const folder = await mkdtemp(join(tmpdir(), 'plan-file-'));
    const file = await writePlanFile(creatingPlan(2), folder);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ formatVersion: 1, counts: { create: 2 } });
    await rm(folder, { recursive: true });
  });
});
