// The emulator's one edge check against cross-site requests, for the control plane and the data plane alike: it
// has no authentication of its own, so a web page the developer visits must not be able to write to it or call
// tools through a local gateway. Browsers always name the page in an `Origin` header on writes (and in
// `Sec-Fetch-Site`); the AWS SDK and MCP clients for Node send neither. A page can still send a "simple" request
// with no preflight, but only as text/plain, form or multipart data, so bodies must be JSON. A DNS name rebound to
// 127.0.0.1 still arrives with its own name as `Host`, so only loopback names (and the address the emulator was
// told to bind to) are served.
import type { IncomingHttpHeaders } from 'node:http';
import { isLoopbackHost } from './loopback.js';

export interface Refusal {
  status: 403 | 415;
  message: string;
}

/** Why the request is refused, or undefined when it may be served. `boundHost` is the address listened on. */
export function crossSiteRefusal(headers: IncomingHttpHeaders, boundHost: string): Refusal | undefined {
  if (!isLoopbackHost(headers.host, [boundHost.includes(':') ? `[${boundHost}]` : boundHost])) {
    return { status: 403, message: 'The local engine answers only requests addressed to a loopback host (127.0.0.1, localhost or [::1]).' };
  }
  if (headers.origin !== undefined) return { status: 403, message: 'The local engine refuses requests from web pages (the request has an Origin header).' };
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'none') return { status: 403, message: `The local engine refuses requests from web pages (Sec-Fetch-Site: ${site}).` };
  const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
  if (hasBody && mediaType(headers['content-type']) !== 'application/json') {
    return { status: 415, message: 'The local engine accepts request bodies only as application/json.' };
  }
  return undefined;
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}
