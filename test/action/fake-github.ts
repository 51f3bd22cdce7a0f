// A recording stand-in for the few GitHub REST endpoints the action calls (issue comments with paging, pull
// requests of a commit), served over HTTP on loopback so the real Octokit client talks to it as to api.github.com.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/repos/o/r/issues/1/comments?per_page=100`. */
  url: string;
  authorization?: string;
  body: string;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface FakePull {
  number: number;
  base: { ref: string };
  merged_at: string | null;
  merge_commit_sha: string | null;
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  /** Comments by issue number. */
  comments: Map<number, FakeComment[]>;
  /** Pull requests by commit sha, for GET /repos/{o}/{r}/commits/{sha}/pulls. */
  pullsByCommit: Map<string, FakePull[]>;
  /** When true, every write answers 403 as GitHub does for a fork's read-only token. */
  readOnly: boolean;
  close(): Promise<void>;
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  let nextId = 1000;
  const state: Omit<FakeGitHub, 'url' | 'close'> = { requests: [], comments: new Map(), pullsByCommit: new Map(), readOnly: false };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    state.requests.push({ method: req.method ?? '', url: req.url ?? '', body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = (pattern: RegExp) => url.pathname.match(pattern);
    if (req.method !== 'GET' && state.readOnly) return send(res, 403, { message: 'Resource not accessible by integration' });
    let m: RegExpMatchArray | null;
    if ((m = route(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/))) {
      const issue = Number(m[1]);
      const list = state.comments.get(issue) ?? [];
      if (req.method === 'POST') {
        const comment = { id: nextId++, body: (JSON.parse(body) as { body: string }).body, user: { login: 'github-actions[bot]', type: 'Bot' } };
        state.comments.set(issue, [...list, comment]);
        return send(res, 201, comment);
      }
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(list.length / perPage));
      if (page < last) {
        const next = new URL(url.pathname, `http://${req.headers.host}`);
        next.searchParams.set('per_page', String(perPage));
        next.searchParams.set('page', String(page + 1));
        res.setHeader('link', `<${next}>; rel="next"`);
      }
      return send(res, 200, list.slice((page - 1) * perPage, page * perPage));
    }
    if ((m = route(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/)) && req.method === 'PATCH') {
      const comment = [...state.comments.values()].flat().find((c) => c.id === Number(m![1]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      comment.body = (JSON.parse(body) as { body: string }).body;
      return send(res, 200, comment);
    }
    if ((m = route(/^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/pulls$/))) return send(res, 200, state.pullsByCommit.get(m[1]!) ?? []);
    return send(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, data: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(data));
}
