// The sticky comment: one comment per pull request and purpose, found again by the hidden marker on its first line
// and edited in place, so a pull request never collects a comment per push. Also finds the pull request a merge
// commit came from, where apply reports its result.
import type { GitHubApi, PullRequestRef } from './github-api.js';

/** GitHub refuses a comment body over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;
/** Kept free under the limit: GitHub may count some characters differently from JavaScript's string length. */
export const COMMENT_HEADROOM = 1_536;

/** `<!-- agentcore-policy:plan -->`, naming the engines when a run covers only some, so per-engine jobs keep
 * a comment each. Names are reduced to engine-name characters: nothing may close the HTML comment. */
export function markerFor(kind: 'plan' | 'apply', engines: string[]): string {
  const scope = engines.length > 0 ? ` engines=${engines.map((e) => e.replace(/[^A-Za-z0-9_]/g, '_')).join(',')}` : '';
  return `<!-- agentcore-policy:${kind}${scope} -->`;
}

export async function upsertComment(
  api: GitHubApi,
  issue: number,
  marker: string,
  body: string,
): Promise<{ action: 'created' | 'updated'; id: number }> {
  const text = `${marker}\n${body}`;
  const existing = (await api.listComments(issue)).find((c) => c.body.split('\n', 1)[0]!.trimEnd() === marker);
  if (existing) return { action: 'updated', id: (await api.updateComment(existing.id, text)).id };
  return { action: 'created', id: (await api.createComment(issue, text)).id };
}

/** The pull request merged into `branch` by commit `sha`: the one whose merge commit it is, else any merged one. */
export function pickMergedPull(pulls: PullRequestRef[], sha: string, branch: string): number | undefined {
  const merged = pulls.filter((p) => p.mergedAt !== undefined && p.baseRef === branch);
  return (merged.find((p) => p.mergeCommitSha === sha) ?? merged[0])?.number;
}
