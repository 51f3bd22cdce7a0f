// Runs the bundled action the way the GitHub runner does: `node index.js` in the workspace, inputs as INPUT_*
// variables, the event as a JSON file, and the step's output and summary files, with nothing else inherited from
// this machine's environment (no AWS profile, no token).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectExit } from '../helpers/process.js';

/** Fake secrets: none of them may appear in anything the action writes or sends. */
export const SECRETS = {
  token: 'ghs_e2eFakeTokenThatMustNeverBePrinted0001',
  accessKeyId: 'AKIAE2EFAKEKEYID0001',
  secretAccessKey: 'e2e/fake+secret+access+key+never+printed0001',
  sessionToken: 'e2eFakeSessionTokenNeverPrinted0001',
};

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The folder of the run's own files (event, outputs, summary, RUNNER_TEMP). */
  folder: string;
}

export interface RunSpec {
  bundle: string;
  workspace: string;
  inputs: Record<string, string>;
  event: { name: string; payload: object; ref: string; sha: string };
  apiUrl: string;
}

export async function runBundledAction(spec: RunSpec): Promise<ActionRun> {
  const folder = await mkdtemp(join(tmpdir(), 'action-run-'));
  const files = { event: join(folder, 'event.json'), output: join(folder, 'output.txt'), summary: join(folder, 'summary.md') };
  await writeFile(files.event, JSON.stringify(spec.event.payload));
  await Promise.all([writeFile(files.output, ''), writeFile(files.summary, '')]);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: folder,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: spec.event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REF: spec.event.ref,
    GITHUB_SHA: spec.event.sha,
    GITHUB_REPOSITORY: 'acme/policies',
    GITHUB_API_URL: spec.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: spec.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: folder,
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: SECRETS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SECRETS.secretAccessKey,
    AWS_SESSION_TOKEN: SECRETS.sessionToken,
    'INPUT_GITHUB-TOKEN': SECRETS.token,
  };
  for (const [name, value] of Object.entries(spec.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(process.execPath, [spec.bundle], { cwd: spec.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const { code, stdout, stderr } = await collectExit(child);
  return { code: code ?? -1, stdout, stderr, outputs: parseOutputs(await readFile(files.output, 'utf8')), summary: await readFile(files.summary, 'utf8'), folder };
}

/** GITHUB_OUTPUT as @actions/core writes it: `name<<DELIMITER`, the value's lines, `DELIMITER`. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i]!.match(/^([^<]+)<<(.+)$/);
    if (!open) continue;
    const end = lines.indexOf(open[2]!, i + 1);
    outputs[open[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}
