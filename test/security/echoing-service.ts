// A stand-in for AgentCore that refuses every request, in the emulator's own restJson1 error encoding, with a message
// that echoes the request's credential material back: the SigV4 authorization header and the canonical-request form
// of the session token, as AWS's signature-mismatch messages quote the canonical request; or, in `raw` mode, the
// bare values of the session token and of the secret key (given to it, as no request carries one), with no name
// beside them to give them away. What the tool prints of such a message must be redacted.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, encodeError, type ErrorName } from '../../src/emulator/errors.js';

export interface EchoingService {
  port: number;
  /** The error the next requests get. */
  error: ErrorName;
  /** What the message echoes: the canonical request and authorization header, or the bare secret values. */
  echo: 'canonical' | 'raw';
  /** Signatures of the requests received, to look for in what the tool printed. */
  signatures: string[];
  close(): Promise<void>;
}

export function echoedMessage(method: string, path: string, headers: IncomingHttpHeaders): string {
  const canonical = [method, path, '', `host:${headers.host}`, `x-amz-date:${headers['x-amz-date']}`, `x-amz-security-token:${headers['x-amz-security-token']}`];
  return `The request signature we calculated does not match the signature you provided. The Canonical String for this request should have been '${canonical.join('\n')}'. Authorization: ${headers.authorization}`;
}

/** The session token the request carried and the secret key, with nothing around them that names them. */
export function rawEcho(headers: IncomingHttpHeaders, secretAccessKey: string): string {
  return `Access is denied to ${headers['x-amz-security-token']} (${secretAccessKey}) until further notice.`;
}

/** `secretAccessKey`: what `raw` mode echoes as the secret key. */
export async function startEchoingService(secretAccessKey: string): Promise<EchoingService> {
  const state = { error: 'AccessDeniedException' as ErrorName, echo: 'canonical' as EchoingService['echo'], signatures: [] as string[] };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const signature = /Signature=([0-9a-f]+)/.exec(req.headers.authorization ?? '')?.[1];
      if (signature) state.signatures.push(signature);
      const message = state.echo === 'raw' ? rawEcho(req.headers, secretAccessKey) : echoedMessage(req.method ?? 'GET', req.url ?? '/', req.headers);
      const { status, headers, body } = encodeError(new ApiError(state.error, message));
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
