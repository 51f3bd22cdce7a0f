// action.yml and the workflows against GitHub's own schemas (the parser behind the Actions editor, from
// @actions/workflow-parser), plus the promises they make: node24 from the committed bundle, every input the code
// reads declared, apply only on a push or dispatch to the default branch, one apply per engine at a time.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseInputs } from '../../src/action/inputs.js';
import { PROJECT_ROOT } from '../helpers/repo.js';

const WORKFLOWS = ['ci.yml', 'policy-plan.yml', 'policy-apply.yml'];
const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');

/** Errors GitHub's parser finds, by path, for `kind:path` arguments. */
async function schemaErrors(files: string[]): Promise<Record<string, string[]>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'test/action/github-schemas.ts'), ...files], { cwd: PROJECT_ROOT });
  return JSON.parse(stdout) as Record<string, string[]>;
}

interface Step {
  uses?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Job {
  if?: string;
  environment?: string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as Workflow;

describe('GitHub schemas', () => {
  it('accept action.yml and every workflow, and reject what GitHub rejects', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'github-yaml-'));
    const badWorkflow = join(folder, 'bad.yml');
    const badAction = join(folder, 'action.yml');
    writeFileSync(badWorkflow, 'on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n');
    writeFileSync(badAction, read('action.yml').replace('using: node24', 'using: node18'));
    const errors = await schemaErrors(['action:action.yml', ...WORKFLOWS.map((name) => `workflow:.github/workflows/${name}`), `workflow:${badWorkflow}`, `action:${badAction}`]);
    rmSync(folder, { recursive: true });
    expect(errors).toEqual({
      'action.yml': [],
      ...Object.fromEntries(WORKFLOWS.map((name) => [`.github/workflows/${name}`, []])),
      [badWorkflow]: [`${badWorkflow} (Line: 5, Col: 5): Unexpected value 'stepz'`],
      [badAction]: [expect.stringContaining("Unexpected value 'node18'")],
    });
  });
});

describe('action.yml', () => {
  const action = parse(read('action.yml')) as { runs: { using: string; main: string }; inputs: Record<string, { description: string }>; outputs: Record<string, { description: string }> };

  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'action-dist/index.js' });
    expect(existsSync(join(PROJECT_ROOT, action.runs.main))).toBe(true);
  });

  it('declares exactly the inputs the action reads, each described', () => {
    const read = new Set<string>();
    parseInputs((name) => (read.add(name), ''));
    expect(Object.keys(action.inputs).sort()).toEqual([...read].sort());
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(20);
  });
});

describe('policy workflows', () => {
  const plan = workflow('policy-plan.yml');
  const apply = workflow('policy-apply.yml');

  it('never run on pull_request_target, and apply never on a pull request', () => {
    for (const name of WORKFLOWS) expect(Object.keys(workflow(name).on)).not.toContain('pull_request_target');
    expect(Object.keys(apply.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(apply.on.push).toEqual({ branches: ['main'] });
  });

  it('assume roles through OIDC: a read-only role for plan, not for forks; the apply role behind an environment', () => {
    for (const w of [plan, apply]) expect(w.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'id-token': 'write' });
    const credentials = (w: Workflow) => Object.values(w.jobs)[0]!.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))!;
    expect(credentials(plan).with!['role-to-assume']).toBe('${{ vars.AGENTCORE_POLICY_PLAN_ROLE_ARN }}');
    expect(credentials(plan).if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
    expect(credentials(apply).with!['role-to-assume']).toBe('${{ vars.AGENTCORE_POLICY_APPLY_ROLE_ARN }}');
    expect(apply.jobs.apply!.environment).toBe('agentcore-policy');
  });

  it('serialize apply per engine without cancelling one halfway', () => {
    expect(apply.jobs.apply!.concurrency).toEqual({ group: 'agentcore-policy-apply-${{ matrix.engine }}', 'cancel-in-progress': false });
    const step = apply.jobs.apply!.steps.find((s) => s.with?.command === 'apply')!;
    expect(step.with!.engines).toBe('${{ matrix.engine }}');
  });
});
