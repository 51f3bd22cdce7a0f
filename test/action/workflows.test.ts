// action.yml and the workflows against GitHub's own schemas (the parser behind the Actions editor, from
// @actions/workflow-parser), plus the promises they make: node24 from the committed bundle, every input the code
// reads declared, apply only on a push or dispatch to the default branch, one apply per engine at a time.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
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
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | boolean>;
}
interface Job {
  if?: string;
  needs?: string;
  environment?: string;
  outputs?: Record<string, string>;
  strategy?: unknown;
  env?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as Workflow;

/** The repository the action is published from (package.json's `repository`), and the reference users copy. */
const REPOSITORY = new URL((JSON.parse(read('package.json')) as { repository: { url: string } }).repository.url.replace(/^git\+/, '')).pathname.slice(1).replace(/\.git$/, '');
const ACTION = `${REPOSITORY}@v1`;

/** An expression (`if:` text, or the inside of `${{ }}`) evaluated by GitHub's own evaluator over `contexts`. */
function evaluate(expression: string, contexts: Record<string, unknown>, as: 'boolean' | 'string' = 'boolean'): boolean | string {
  const inner = expression.replace(/^\$\{\{\s*([\s\S]*?)\s*\}\}$/, '$1');
  const { tokens } = new Lexer(inner).lex();
  const tree = new Parser(tokens, Object.keys(contexts), []).parse();
  const result = new Evaluator(tree, JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary).evaluate();
  return as === 'boolean' ? truthy(result) : result.coerceString();
}

describe('GitHub schemas', () => {
  it('accept action.yml and every workflow, and reject what GitHub rejects', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'github-yaml-'));
    const badWorkflow = join(folder, 'bad.yml');
    const badAction = join(folder, 'action.yml');
    const unknownJob = join(folder, 'unknown-job.yml');
    writeFileSync(badWorkflow, 'on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n');
    writeFileSync(unknownJob, 'on: push\njobs:\n  engines:\n    runs-on: x\n    steps: [{run: echo}]\n  a:\n    needs: engine\n    runs-on: x\n    steps: [{run: echo}]\n');
    writeFileSync(badAction, read('action.yml').replace('using: node24', 'using: node18'));
    const errors = await schemaErrors(['action:action.yml', ...WORKFLOWS.map((name) => `workflow:.github/workflows/${name}`), `workflow:${badWorkflow}`, `workflow:${unknownJob}`, `action:${badAction}`]);
    rmSync(folder, { recursive: true });
    expect(errors).toEqual({
      'action.yml': [],
      ...Object.fromEntries(WORKFLOWS.map((name) => [`.github/workflows/${name}`, []])),
      [badWorkflow]: [`${badWorkflow} (Line: 5, Col: 5): Unexpected value 'stepz'`],
      [unknownJob]: [`${unknownJob} (Line: 7, Col: 12): Job 'a' depends on unknown job 'engine'.`],
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

  it('declares exactly the outputs the action sets, each described', () => {
    const set = [...read('src/action/main.ts').matchAll(/core\.setOutput\('([\w-]+)'/g)].map((m) => m[1]!);
    expect(Object.keys(action.outputs).sort()).toEqual(set.sort());
    for (const output of Object.values(action.outputs)) expect(output.description.length).toBeGreaterThan(20);
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
  const perEngine = (w: Workflow) => Object.entries(w.jobs).find(([id]) => id !== 'engines')![1];
  const step = (job: Job, uses: string) => job.steps.find((s) => s.uses?.startsWith(uses))!;

  it('never run on pull_request_target, and apply never on a pull request', () => {
    for (const name of WORKFLOWS) expect(Object.keys(workflow(name).on)).not.toContain('pull_request_target');
    expect(Object.keys(apply.on).sort()).toEqual(['push', 'workflow_dispatch']);
  });

  it("apply goes on only for the default branch, whatever it is called, and every job waits for that check", () => {
    // GitHub has no "default branch" in a user workflow's trigger: no branch filter, and the first job decides.
    expect(apply.on.push).toBeNull();
    const goesOn = (ref: string, defaultBranch: string) => evaluate(apply.jobs.engines!.if!, { github: { ref, event: { repository: { default_branch: defaultBranch } } } });
    expect(goesOn('refs/heads/main', 'main')).toBe(true);
    expect(goesOn('refs/heads/trunk', 'trunk')).toBe(true);
    expect(goesOn('refs/heads/main', 'trunk')).toBe(false);
    expect(goesOn('refs/heads/feature', 'main')).toBe(false);
    expect(goesOn('refs/tags/v1', 'main')).toBe(false);
    for (const [id, job] of Object.entries(apply.jobs)) if (id !== 'engines') expect(job.needs).toBe('engines');
    // The checkouts take the default branch's newest commit, not the pushed one.
    for (const job of Object.values(apply.jobs)) expect(step(job, 'actions/checkout@').with!.ref).toBe('${{ github.event.repository.default_branch }}');
  });

  it('run one job per engine file, from the engines an offline validate names', () => {
    for (const [w, command] of [[plan, 'plan'], [apply, 'apply']] as const) {
      const lister = w.jobs.engines!;
      expect(lister.outputs).toEqual({ engines: '${{ steps.validate.outputs.engines }}' });
      const validate = lister.steps.find((s) => s.id === 'validate')!;
      expect(validate.uses).toBe(ACTION);
      expect(validate.with).toEqual({ command: 'validate', comment: false });
      expect(lister.steps.some((s) => s.uses?.startsWith('aws-actions/'))).toBe(false);
      const job = perEngine(w);
      expect(job.needs).toBe('engines');
      expect(job.if).toBe("needs.engines.outputs.engines != '[]'");
      expect(job.strategy).toEqual({ 'fail-fast': false, matrix: { engine: '${{ fromJSON(needs.engines.outputs.engines) }}' } });
      const run = job.steps.find((s) => s.uses === ACTION)!;
      expect(run.with).toEqual({ command, engines: '${{ matrix.engine }}' });
    }
  });

  it("assume each engine's own role, else the repository's, through OIDC", () => {
    expect(plan.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'id-token': 'write' });
    expect(apply.permissions).toEqual(plan.permissions);
    for (const [w, variable] of [[plan, 'AGENTCORE_POLICY_PLAN_ROLE_ARN'], [apply, 'AGENTCORE_POLICY_APPLY_ROLE_ARN']] as const) {
      const job = perEngine(w);
      const roleOf = (engine: string, vars: Record<string, string>) => evaluate(job.env!.ROLE_ARN!, { vars, matrix: { engine } }, 'string');
      // GitHub stores variable names in upper case and looks them up ignoring case.
      const vars = { [`${variable}_PAYMENTS_PROD`]: 'arn:aws:iam::111111111111:role/payments', [variable]: 'arn:aws:iam::222222222222:role/shared' };
      expect(roleOf('Payments_prod', vars)).toBe('arn:aws:iam::111111111111:role/payments');
      expect(roleOf('Refunds_prod', vars)).toBe('arn:aws:iam::222222222222:role/shared');
      expect(roleOf('Refunds_prod', {})).toBe('');
      expect(step(job, 'aws-actions/configure-aws-credentials@').with!['role-to-assume']).toBe('${{ env.ROLE_ARN }}');
    }
    expect(perEngine(apply).environment).toBe('agentcore-policy');
    expect(perEngine(plan).environment).toBeUndefined();
  });

  it('without a role for an engine, warn and skip it; a fork plans offline, with no credentials', () => {
    for (const w of [plan, apply]) {
      const job = perEngine(w);
      const fork = (pr: string) => evaluate(job.env!.FORK ?? 'false', { github: { repository: 'acme/policies', event: { pull_request: { head: { repo: { full_name: pr } } } } } }, 'string');
      const runs = (s: Step, env: Record<string, string>) => s.if === undefined || evaluate(s.if, { env });
      for (const env of [
        { FORK: 'false', ROLE_ARN: 'arn:aws:iam::111111111111:role/payments' },
        { FORK: 'false', ROLE_ARN: '' },
        { FORK: w === plan ? 'true' : 'false', ROLE_ARN: '' },
      ]) {
        const warns = runs(job.steps.find((s) => s.run?.includes('::warning::'))!, env);
        const acts = runs(job.steps.find((s) => s.uses === ACTION)!, env);
        const credentials = runs(step(job, 'aws-actions/configure-aws-credentials@'), env);
        expect(acts).toBe(!warns);
        expect(credentials).toBe(env.FORK === 'false' && env.ROLE_ARN !== '');
      }
      if (w === plan) {
        expect(fork('acme/policies')).toBe('false');
        expect(fork('stranger/policies')).toBe('true');
      }
    }
  });

  it('serialize apply per engine without cancelling one halfway', () => {
    expect(perEngine(apply).concurrency).toEqual({ group: 'agentcore-policy-apply-${{ matrix.engine }}', 'cancel-in-progress': false });
  });

  it("use this repository's action at its major tag, and pin every other action to a full commit SHA with its version", () => {
    const major = `v${JSON.parse(read('package.json')).version.split('.')[0]}`;
    expect(ACTION).toBe(`agentcore-policy/agentcore-policy@${major}`);
    for (const name of WORKFLOWS) {
      for (const line of read(`.github/workflows/${name}`).split('\n').filter((l) => /^\s*(- )?uses:/.test(l))) {
        const reference = line.replace(/^\s*(- )?uses:\s*/, '');
        if (reference.startsWith(`${REPOSITORY}@`)) expect(reference).toBe(ACTION);
        else expect(reference, `${name}: ${line.trim()}`).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      }
    }
    // What the docs tell a user to write is what the workflows say.
    for (const doc of ['README.md', 'docs/action.md']) {
      const references = read(doc).match(/[\w<>.-]+\/agentcore-policy@[\w.]+/g) ?? [];
      expect(references.length, doc).toBeGreaterThan(0);
      for (const reference of references) expect([ACTION, `${REPOSITORY}@v1.2.3`], `${doc}: ${reference}`).toContain(reference);
    }
  });
});
