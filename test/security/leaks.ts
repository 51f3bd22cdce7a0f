// Looking for the fake secrets (test/action/runner.ts) in what a run left behind: text, files, and requests on the
// wire, where exactly one header per secret is allowed to carry it (the place it belongs).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SECRETS } from '../action/runner.js';
import type { WireRequest } from './tap.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Names of the secrets in `text`, as written or URL-encoded. */
export function secretsIn(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value) || text.includes(encodeURIComponent(value)))
    .map(([name]) => name);
}

/** Every file under `root`, hidden ones included, as text. */
export async function filesUnder(root: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(files.map(async (path) => ({ path, text: await readFile(path, 'latin1') })));
}

/** A SigV4 authorization header: the access key id only as the first part of the credential scope. */
export const SIGV4_HEADER = new RegExp(
  `^authorization: AWS4-HMAC-SHA256 Credential=${escape(SECRETS.accessKeyId)}/\\d{8}/[a-z0-9-]+/[a-z0-9-]+/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
  'i',
);
/** Where a session token goes on a signed request. */
export const SESSION_TOKEN_HEADER = new RegExp(`^x-amz-security-token: ${escape(SECRETS.sessionToken)}$`, 'i');
/** How Octokit sends the GitHub token. */
export const GITHUB_TOKEN_HEADER = new RegExp(`^authorization: (token|bearer) ${escape(SECRETS.token)}$`, 'i');

export interface WireFindings {
  /** How many requests carried each allowed header. */
  allowed: number[];
  /** `<request line>: <secret names>` for every request with a secret anywhere else. */
  leaks: string[];
}

/** Checks each request with the allowed header lines taken out: nothing else may hold a secret. */
export function wireFindings(requests: WireRequest[], allowedHeaders: RegExp[]): WireFindings {
  const allowed = allowedHeaders.map(() => 0);
  const leaks: string[] = [];
  for (const { head, body } of requests) {
    const rest = [head[0] ?? '', body];
    for (const line of head.slice(1)) {
      const which = allowedHeaders.findIndex((pattern) => pattern.test(line));
      if (which >= 0) allowed[which]!++;
      else rest.push(line);
    }
    const found = secretsIn(rest.join('\n'));
    if (found.length > 0) leaks.push(`${head[0]}: ${found.join(', ')}`);
  }
  return { allowed, leaks };
}
