// The few GitHub REST calls the action makes, behind a small interface so the comment logic reads as plain code.
// Octokit (from @actions/github) does the HTTP, the paging and the token.
import { getOctokit } from '@actions/github';

export interface Repo {
  owner: string;
  repo: string;
}

export interface IssueComment {
  id: number;
  body: string;
}

export interface PullRequestRef {
  number: number;
  baseRef: string;
  mergedAt?: string;
  mergeCommitSha?: string;
}

export interface GitHubApi {
  /** Every comment of an issue or pull request, all pages. */
  listComments(issue: number): Promise<IssueComment[]>;
  createComment(issue: number, body: string): Promise<IssueComment>;
  updateComment(id: number, body: string): Promise<IssueComment>;
  /** The pull requests a commit belongs to (for a merge commit, the one it merged). */
  pullsForCommit(sha: string): Promise<PullRequestRef[]>;
  /** The commit a branch points at now. */
  branchHead(branch: string): Promise<string>;
}

export function createGitHubApi(token: string, repo: Repo, baseUrl: string): GitHubApi {
  const octokit = getOctokit(token, { baseUrl });
  const comment = (data: { id: number; body?: string }): IssueComment => ({ id: data.id, body: data.body ?? '' });
  return {
    async listComments(issue) {
      const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 });
      return all.map(comment);
    },
    createComment: async (issue, body) => comment((await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body })).data),
    updateComment: async (id, body) => comment((await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body })).data),
    async pullsForCommit(sha) {
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 });
      return data.map((pull) => ({
        number: pull.number,
        baseRef: pull.base.ref,
        ...(pull.merged_at ? { mergedAt: pull.merged_at } : {}),
        ...(pull.merge_commit_sha ? { mergeCommitSha: pull.merge_commit_sha } : {}),
      }));
    },
    branchHead: async (branch) => (await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` })).data.object.sha,
  };
}
