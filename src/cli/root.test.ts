import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRoot, repositoryRoot } from './root.js';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'agentcore-policy-root-'));
  for (const folder of ['repo/engines', 'repo/policies/business_rules', 'repo/nested/engines', 'elsewhere/deep']) await mkdir(join(base, folder), { recursive: true });
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('findRoot', () => {
  it('finds the nearest folder up that holds engines/, from the root itself, a subfolder or engines/', () => {
    for (const from of ['repo', 'repo/policies', 'repo/policies/business_rules', 'repo/engines']) expect(findRoot(join(base, from)), from).toBe(join(base, 'repo'));
    expect(findRoot(join(base, 'repo/nested'))).toBe(join(base, 'repo/nested'));
  });

  it('stays where it started when no folder up holds engines/', () => {
    expect(findRoot(join(base, 'elsewhere/deep'))).toBe(join(base, 'elsewhere/deep'));
  });
});

describe('repositoryRoot', () => {
  it('takes --dir as given, from the working directory, over any root found', () => {
    expect(repositoryRoot(join(base, 'repo/policies'), '../nested').root).toBe(join(base, 'repo/nested'));
    expect(repositoryRoot(join(base, 'repo/policies'), '.').root).toBe(join(base, 'repo/policies'));
  });

  it('shows repository paths from the working directory', () => {
    const { path, shown } = repositoryRoot(join(base, 'repo/policies/business_rules'), undefined);
    expect(path('policies/business_rules/refunds.test.yaml')).toBe('refunds.test.yaml');
    expect(path('engines/local.yaml')).toBe('../../engines/local.yaml');
    expect(shown([{ severity: 'error', code: 'repository/unknown-engine', message: 'm', file: 'engines/local.yaml', line: 1 }, { severity: 'warning', code: 'plan/policy-drift', message: 'no file' }])).toEqual([
      { severity: 'error', code: 'repository/unknown-engine', message: 'm', file: '../../engines/local.yaml', line: 1 },
      { severity: 'warning', code: 'plan/policy-drift', message: 'no file' },
    ]);
    expect(repositoryRoot(join(base, 'repo'), undefined).path('engines/local.yaml')).toBe('engines/local.yaml');
  });
});
