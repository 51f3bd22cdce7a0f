// The action's entry, bundled to action-dist/index.js: reads the inputs and the event, runs what the mode calls for
// through the same core as the CLI, then writes annotations, the log, the job summary, the comment and the
// outputs. Every @actions/core call is here; the work is in run.ts and publish.ts. Everything written passes
// `clean` last: `::add-mask::` covers the log only, not the summary, the comment or the plan file, so the values of
// the credentials in use (the github-token input, the AWS keys) are masked in each of them here.
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import { redact } from '../agentcore/errors.js';
import { maskSecretValues, rememberSecret } from '../agentcore/secrets.js';
import { pathsFrom, renderDiagnostics, withPaths } from '../render/diagnostics.js';
import { readEvent, type EventPayload } from './event.js';
import { createGitHubApi, type GitHubApi } from './github-api.js';
import { parseInputs } from './inputs.js';
import { decideMode } from './mode.js';
import { annotationsOf, exitCodeOf, summaryOf, type RunResult } from './outcome.js';
import { logReport } from './log.js';
import { commentReport, runUrl, summaryReport, writePlanFile, type CommentOptions } from './publish.js';
import { runMode } from './run.js';

/** The last pass over everything the action writes. */
const clean = (text: string) => maskSecretValues(text);

async function main(): Promise<void> {
  const inputs = parseInputs((name) => core.getInput(name));
  rememberSecret(inputs.githubToken);
  for (const secret of [inputs.githubToken, process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN]) if (secret) core.setSecret(secret);
  const event = readEvent(context.eventName, context.payload as EventPayload, context.ref, context.sha);
  const mode = decideMode(inputs.command, event);
  const root = resolve(inputs.workingDirectory);
  const log = (line: string) => core.info(clean(line));
  const result = await runMode(mode, { root, engines: inputs.engines, denyWarnings: inputs.denyWarnings, client: { env: process.env }, log });

  process.stdout.write(clean(renderDiagnostics(withPaths(annotationsOf(result), pathsFrom(process.cwd(), root)), 'github', true)));
  log(logReport(result));
  const detailsUrl = runUrl(process.env);
  const planFile = result.plan ? await writePlanFile(result.plan, process.env.RUNNER_TEMP ?? tmpdir(), clean) : undefined;
  await core.summary.addRaw(clean(summaryReport(result, detailsUrl, event))).write();
  const exitCode = exitCodeOf(result);
  const summary = clean(summaryOf(result));
  core.setOutput('has-changes', String(result.plan?.hasChanges ?? false));
  core.setOutput('summary', summary);
  core.setOutput('plan-file', planFile ?? '');
  core.setOutput('exitcode', String(exitCode));
  core.setOutput('engines', JSON.stringify(result.checks?.remoteEngines ?? []));

  if (inputs.comment) await comment(result, inputs.githubToken, { event, engines: inputs.engines, detailsUrl });
  if (exitCode === 1) core.setFailed(summary);
  else core.notice(summary);
}

async function comment(result: RunResult, token: string | undefined, options: Omit<CommentOptions, 'api'>): Promise<void> {
  if (!token) return core.warning('No github-token: the report was not posted as a comment.');
  const api = cleaning(createGitHubApi(token, context.repo, context.apiUrl));
  try {
    const posted = await commentReport(result, { ...options, api });
    if (posted) core.info(`Comment ${posted.action} on pull request #${posted.issue}.`);
  } catch (error) {
    // A fork's pull request gets a read-only token: the report stays in the job summary.
    if (options.event.kind === 'pull_request' && options.event.fork) return core.warning(clean(`Could not comment on the pull request from a fork: ${redact((error as Error).message)}`));
    throw error;
  }
}

/** The GitHub API with every comment body cleaned on its way out. */
function cleaning(api: GitHubApi): GitHubApi {
  return { ...api, createComment: (issue, body) => api.createComment(issue, clean(body)), updateComment: (id, body) => api.updateComment(id, clean(body)) };
}

main().catch((error: unknown) => {
  core.setFailed(clean(redact(error instanceof Error ? error.message : String(error))));
  if (process.env.AGENTCORE_POLICY_DEBUG && error instanceof Error) core.debug(clean(redact(error.stack ?? '')));
});
