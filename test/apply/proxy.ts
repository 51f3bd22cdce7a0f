// An HTTP proxy between apply and the emulator, to act between API calls: run a check before each request is
// forwarded and after its answer arrives (the probe test), or cut the line after N mutating calls, after the
// service has acted but before the client hears back (a crash mid-apply).
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Proxy {
  url: string;
  /** Mutating requests (POST, PUT, PATCH, DELETE) forwarded so far. */
  mutations(): number;
  /** From now on, the `n`-th mutating request reaches the service but its answer is lost, and every later request is refused. */
  cutAfter(n: number): void;
  heal(): void;
  close(): Promise<void>;
}

export interface ProxyHooks {
  /** Awaited before a request is forwarded and again after its answer arrived. */
  between?: (moment: { method: string; path: string; when: 'before' | 'after' }) => Promise<void>;
}

export async function startProxy(target: string, hooks: ProxyHooks = {}): Promise<Proxy> {
  let mutations = 0;
  let cutAt = Infinity;
  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const mutating = method !== 'GET';
    if (mutations >= cutAt) return void req.socket.destroy();
    if (mutating) mutations++;
    const moment = { method, path: req.url ?? '/' };
    await hooks.between?.({ ...moment, when: 'before' });
    // A service that is down or cuts the call off: the client's connection drops, as it would across a real network.
    const answer = await forward(target, req, body).catch(() => undefined);
    if (!answer) return void req.socket.destroy();
    await hooks.between?.({ ...moment, when: 'after' });
    if (mutations >= cutAt) return void req.socket.destroy();
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mutations: () => mutations,
    cutAfter: (n) => void (cutAt = mutations + n),
    heal: () => void (cutAt = Infinity),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function forward(target: string, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}
