// Where a run's report goes besides the log: the saved plan, and the sticky comment on the pull request it
// concerns (the one under review, or for apply the one whose merge is being applied).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderPlanJson } from '../render/plan-json.js';
import type { RunContext } from '../render/plan-markdown.js';
import type { Plan } from '../plan/types.js';
import { COMMENT_HEADROOM, COMMENT_LIMIT, markerFor, pickMergedPull, upsertComment } from './comment.js';
import type { EventContext } from './event.js';
import type { GitHubApi } from './github-api.js';
import type { RunResult } from './outcome.js';
import { renderReport } from './report.js';

/** The job summary takes up to 1 MiB; characters past ASCII take more than one byte, so stay well under. */
export const SUMMARY_LIMIT = 900_000;
/** A comment lists fewer diagnostics and failed cases than the summary: the plan needs the room. */
const COMMENT_LIST_LIMIT = 10;
const SUMMARY_LIST_LIMIT = 1_000;

/** The run's page, where the job summary is shown. */
export function runUrl(env: Record<string, string | undefined>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

/** Writes the plan as JSON, through `clean` (the action's last pass over what it writes). */
export async function writePlanFile(plan: Plan, folder: string, clean: (text: string) => string = (text) => text): Promise<string> {
  await mkdir(folder, { recursive: true });
  const file = join(folder, 'agentcore-policy-plan.json');
  await writeFile(file, clean(renderPlanJson(plan)));
  return file;
}

/** The job summary: the same document as the comment, with longer lists. */
export function summaryReport(result: RunResult, detailsUrl: string | undefined, event?: EventContext): string {
  return renderReport(result, {
    maxLength: SUMMARY_LIMIT,
    listLimit: SUMMARY_LIST_LIMIT,
    ...(detailsUrl ? { detailsUrl } : {}),
    ...(event && { run: runContext(event, detailsUrl) }),
    ...(result.elapsedMs !== undefined && { elapsedMs: result.elapsedMs }),
  });
}

export interface CommentOptions {
  api: GitHubApi;
  event: EventContext;
  engines: string[];
  detailsUrl?: string;
}

/** Posts or updates the report on the pull request the run concerns; undefined when there is none. */
export async function commentReport(result: RunResult, options: CommentOptions): Promise<{ issue: number; action: 'created' | 'updated' } | undefined> {
  const kind = result.mode === 'apply' ? 'apply' : 'plan';
  const issue = await pullOf(result, options);
  if (issue === undefined) return undefined;
  const marker = markerFor(kind, options.engines);
  const body = renderReport(result, {
    maxLength: COMMENT_LIMIT - COMMENT_HEADROOM - marker.length - 1,
    listLimit: COMMENT_LIST_LIMIT,
    ...(options.detailsUrl ? { detailsUrl: options.detailsUrl } : {}),
    run: runContext(options.event, options.detailsUrl),
    ...(result.elapsedMs !== undefined && { elapsedMs: result.elapsedMs }),
  });
  const { action } = await upsertComment(options.api, issue, marker, body);
  return { issue, action };
}

async function pullOf(result: RunResult, { api, event }: CommentOptions): Promise<number | undefined> {
  if (event.kind === 'pull_request') return result.mode === 'plan' || result.mode === 'offline' ? event.number : undefined;
  if (result.mode !== 'apply' || !event.defaultBranch) return undefined;
  return pickMergedPull(await api.pullsForCommit(event.sha), event.sha, event.defaultBranch);
}

/** The commit planned or applied, the run's page, and the branch a pull request's merge applies on. */
export function runContext(event: EventContext, url: string | undefined): RunContext {
  const sha = event.kind === 'pull_request' ? event.headSha : event.sha;
  const branch = event.kind === 'pull_request' ? event.baseRef : undefined;
  return { ...(sha && { sha }), ...(url && { url }), ...(branch && { mergeBranch: branch }) };
}
