// A stand-in for AgentCore that refuses every request, in the emulator's own restJson1 error encoding, with a message
// that echoes the request's credential material back: the SigV4 authorization header and the canonical-request form
// of the session token, as AWS's signature-mismatch messages quote the canonical request. What the tool prints of
// such a message must be redacted.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, encodeError, type ErrorName } from '../../src/emulator/errors.js';

export interface EchoingService {
  port: number;
  /** The error the next requests get. */
  error: ErrorName;
  /** Signatures of the requests received, to look for in what the tool printed. */
  signatures: string[];
  close(): Promise<void>;
}

export function echoedMessage(method: string, path: string, headers: IncomingHttpHeaders): string {
  const canonical = [method, path, '', `host:${headers.host}`, `x-amz-date:${headers['x-amz-date']}`, `x-amz-security-token:${headers['x-amz-security-token']}`];
  return `The request signature we calculated does not match the signature you provided. The Canonical String for this request should have been '${canonical.join('\n')}'. Authorization: ${headers.authorization}`;
}

export async function startEchoingService(): Promise<EchoingService> {
  const state = { error: 'AccessDeniedException' as ErrorName, signatures: [] as string[] };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const signature = /Signature=([0-9a-f]+)/.exec(req.headers.authorization ?? '')?.[1];
      if (signature) state.signatures.push(signature);
      const { status, headers, body } = encodeError(new ApiError(state.error, echoedMessage(req.method ?? 'GET', req.url ?? '/', req.headers)));
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
