// The HTTP side of the local data plane: each gateway's MCP endpoint (Streamable HTTP, stateless: POST with a JSON
// answer; GET and DELETE are 405, which MCP clients read as "no server-sent stream"), and the local issuer's
// discovery document and key set. Order of checks on a POST: size (413 past 1 MiB), gateway (404), authentication
// (401 with a challenge: nothing of the body is looked at before it), then the JSON-RPC body. Loaded by the
// emulator on the first data-plane request only, so control-plane runs never pay for jose, ajv or the MCP SDK.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { readBody, sendJson } from '../http.js';
import type { Store } from '../store.js';
import type { DataPlaneRoute } from './addresses.js';
import { authenticate } from './authenticate.js';
import type { DecisionLog } from './decision-log.js';
import type { LocalIssuer } from './issuer.js';
import { answerRpc } from './jsonrpc.js';
import { mcpMethods } from './mcp.js';
import { Snapshots } from './snapshot.js';

export const MAX_MCP_BODY_BYTES = 1024 * 1024;

export interface DataPlaneDeps {
  store: Store;
  issuer: LocalIssuer;
  records: DecisionLog;
  /** How long a local target may take to answer. */
  targetTimeoutMs: number;
  /** The emulator's URL (known once it listens). */
  url: () => string;
}

export type DataPlane = (req: IncomingMessage, res: ServerResponse, route: DataPlaneRoute) => Promise<void>;

const rpcError = (message: string, code = -32000) => ({ jsonrpc: '2.0', id: null, error: { code, message } });

export function createDataPlane(deps: DataPlaneDeps): DataPlane {
  const snapshots = new Snapshots(deps.store);
  return async (req, res, route) => {
    if (route.kind !== 'mcp') return wellKnown(deps, req, res, route.kind);
    if (req.method !== 'POST') {
      return sendJson(res, 405, rpcError('Method not allowed: this gateway takes JSON-RPC over POST (no server-sent stream)'), { allow: 'POST' });
    }
    if (!acceptsJson(req.headers.accept)) return sendJson(res, 406, rpcError('Not Acceptable: the client must accept application/json'));
    const version = req.headers['mcp-protocol-version'];
    if (typeof version === 'string' && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      return sendJson(res, 400, rpcError(`Bad Request: unsupported protocol version ${version} (supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`));
    }
    const text = await readBody(req, MAX_MCP_BODY_BYTES);
    if (text === undefined) return sendJson(res, 413, rpcError(`Payload Too Large: a request body may hold at most ${MAX_MCP_BODY_BYTES} bytes`));
    const snapshot = snapshots.get(route.gatewayId, Date.now());
    if (!snapshot || snapshot.unavailable) {
      const why = snapshot ? `is ${snapshot.unavailable}` : 'was not found';
      return sendJson(res, 404, rpcError(`Gateway ${route.gatewayId} ${why}.`));
    }
    const auth = await authenticate(req.headers.authorization, snapshot.gateway, deps.issuer);
    if (!auth.ok) return sendJson(res, 401, rpcError(auth.message), { 'www-authenticate': auth.challenge });
    const requestId = randomUUID();
    const methods = mcpMethods({ requestId, snapshot, principal: auth.principal, records: deps.records, targetTimeoutMs: deps.targetTimeoutMs });
    const answer = await answerRpc(text, methods);
    sendJson(res, answer.status, answer.body, { 'x-amzn-requestid': requestId });
  };
}

async function wellKnown(deps: DataPlaneDeps, req: IncomingMessage, res: ServerResponse, kind: 'discovery' | 'jwks'): Promise<void> {
  if (req.method !== 'GET') return sendJson(res, 405, { message: 'Method not allowed' }, { allow: 'GET' });
  if (kind === 'discovery') return sendJson(res, 200, deps.issuer.discoveryDocument(deps.url()));
  const jwks = await deps.issuer.jwks();
  if (!jwks.ok) return sendJson(res, 500, { message: jwks.message });
  sendJson(res, 200, jwks.jwks);
}

/** MCP clients send `application/json, text/event-stream`; a missing Accept (curl) or a wildcard is fine too. */
function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined) return true;
  return accept.split(',').some((part) => ['application/json', 'application/*', '*/*'].includes(part.split(';')[0]!.trim().toLowerCase()));
}
