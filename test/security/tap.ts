// A wiretap on loopback: a TCP relay in front of a local HTTP server that keeps every byte clients send, so a test
// reads the requests exactly as they went over the wire (request line, every header, every body), whatever client
// library made them. The server's answers pass through untouched.
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface WireRequest {
  /** The request line and headers, as sent, one per line. */
  head: string[];
  body: string;
}

export interface Tap {
  port: number;
  /** Every request clients sent so far, connection by connection, in order. */
  requests(): WireRequest[];
  close(): Promise<void>;
}

/** Relays 127.0.0.1:<port> to `target` (an http://127.0.0.1:N URL). */
export async function startTap(target: string): Promise<Tap> {
  const { hostname, port } = new URL(target);
  const streams: Buffer[][] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const sent: Buffer[] = [];
    streams.push(sent);
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => [client, upstream].forEach((s) => s.destroy()));
    }
    client.on('data', (chunk: Buffer) => sent.push(chunk));
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests: () => streams.flatMap((chunks) => parseRequests(Buffer.concat(chunks))),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Splits one connection's bytes into HTTP/1.1 requests (bodies by content-length or chunked). */
export function parseRequests(bytes: Buffer): WireRequest[] {
  const requests: WireRequest[] = [];
  let at = 0;
  while (at < bytes.length) {
    const end = bytes.indexOf('\r\n\r\n', at);
    if (end < 0) throw new Error(`an unfinished request head on the wire: ${bytes.subarray(at, at + 200).toString('latin1')}`);
    const head = bytes.subarray(at, end).toString('latin1').split('\r\n');
    const header = (name: string) => head.find((line) => line.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
    at = end + 4;
    let body: Buffer;
    if (header('transfer-encoding')?.toLowerCase() === 'chunked') {
      const chunks: Buffer[] = [];
      for (;;) {
        const lineEnd = bytes.indexOf('\r\n', at);
        const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
        at = lineEnd + 2;
        if (size === 0) break;
        chunks.push(bytes.subarray(at, at + size));
        at += size + 2;
      }
      at = bytes.indexOf('\r\n', at) + 2;
      body = Buffer.concat(chunks);
    } else {
      const length = Number(header('content-length') ?? 0);
      body = bytes.subarray(at, at + length);
      at += length;
    }
    requests.push({ head, body: body.toString('utf8') });
  }
  return requests;
}
