// The HTTP edge of the emulator: refuses cross-site requests (one check for both planes), hands data-plane paths
// (gateways' MCP endpoints, the local issuer's documents) to the data plane, and for the control plane reads a
// request, routes it, applies injected faults, checks the input contract, runs the handler against the store and
// writes the JSON answer or the encoded error. Handlers are synchronous, so requests never interleave inside one;
// a change is answered once it is saved (a 500 when it cannot be). An owner that runs the emulator for others (a
// repository's served local engine) may answer HELLO_PATH, so a client can tell it is really that server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkInput } from './contract.js';
import { crossSiteRefusal } from './cross-site.js';
import { ApiError, encodeError, validationError } from './errors.js';
import type { Faults } from './faults.js';
import { dataPlaneRoute } from './gateway/addresses.js';
import type { DataPlane } from './gateway/handler.js';
import { readBody, sendJson } from './http.js';
import type { Context } from './operation.js';
import { OPERATIONS } from './ops/index.js';
import { createRouter } from './routes.js';
import type { Store } from './store.js';
import { bodyInput, requestInput, signingRegion } from './wire.js';

const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Where the owner's `hello` answers (a POST of `{}`): not an AgentCore path, so no SDK request ever reaches it. */
export const HELLO_PATH = '/.well-known/agentcore-policy/hello';

export interface EmulatorStats {
  /** Requests received, including those answered with an injected fault. */
  requests: number;
  byOperation: Record<string, number>;
  /** Requests answered with an injected throttle or internal error: each one a retry for a retrying client. */
  injected: number;
}

export interface ServerDeps {
  store: Store;
  faults: Faults;
  transitionDelayMs: number;
  region: string;
  accountId: string;
  stats: EmulatorStats;
  /** Called after every successful mutating request: the answer waits until the change is saved, and is a 500 when
   * it cannot be (the promise rejects). */
  changed: () => Promise<void> | undefined;
  /** The address the server listens on, and its URL once it does. */
  boundHost: string;
  url: () => string;
  /** The data plane, loaded on first use. */
  dataPlane: () => Promise<DataPlane>;
  /** What HELLO_PATH answers; without it, the path is an unknown operation like any other. */
  hello?: () => Promise<unknown>;
}

const route = createRouter(OPERATIONS);

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const encoded = encodeError(new ApiError('InternalServerException', `The local engine failed: ${(error as Error).message}`));
      sendJson(res, encoded.status, encoded.body, encoded.headers);
    });
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const refusal = crossSiteRefusal(req.headers, deps.boundHost);
  if (refusal) {
    const encoded = encodeError(new ApiError(refusal.status === 403 ? 'AccessDeniedException' : 'UnsupportedMediaTypeException', refusal.message));
    // The body is never read: closing the connection drops it.
    return sendJson(res, encoded.status, encoded.body, { ...encoded.headers, connection: 'close' });
  }
  const url = new URL(req.url ?? '/', 'http://emulator');
  const route = dataPlaneRoute(url.pathname);
  if (route) return (await deps.dataPlane())(req, res, route);
  if (url.pathname === HELLO_PATH && req.method === 'POST' && deps.hello) {
    await readBody(req, MAX_BODY_BYTES);
    return sendJson(res, 200, await deps.hello());
  }
  const answer = await serve(deps, req, url);
  sendJson(res, answer.status, answer.body, answer.headers);
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

async function serve(deps: ServerDeps, req: IncomingMessage, url: URL): Promise<Answer> {
  const text = await readBody(req, MAX_BODY_BYTES);
  const match = route(req.method ?? 'GET', url.pathname);
  if (!match) return encodeError(new ApiError('UnknownOperationException', `No operation serves ${req.method} ${url.pathname}.`));
  const { operation } = match;
  deps.stats.requests++;
  deps.stats.byOperation[operation.name] = (deps.stats.byOperation[operation.name] ?? 0) + 1;

  const latency = deps.faults.latency();
  if (latency > 0) await sleep(latency);
  const injected = deps.faults.error(operation.name);
  if (injected) {
    deps.stats.injected++;
    return encodeError(injected);
  }
  if (text === undefined) return encodeError(validationError('The request body is too large.', 'FieldValidationFailed'));

  const body = bodyInput(text);
  if (body instanceof ApiError) return encodeError(body);
  const input = requestInput(operation, body, match.labels, url.searchParams);
  const invalid = checkInput(input, operation.rules);
  if (invalid) return encodeError(invalid);

  const region = signingRegion(req.headers.authorization) ?? deps.region;
  const ctx: Context = {
    store: deps.store,
    part: deps.store.partition(region),
    scope: { region, accountId: deps.accountId },
    now: Date.now(),
    transitionDelayMs: deps.transitionDelayMs,
    faults: deps.faults,
    baseUrl: deps.url(),
  };
  const result = operation.handle(ctx, input);
  if (result instanceof ApiError) return encodeError(result);
  if (operation.method !== 'GET') {
    deps.store.revision++;
    await deps.changed();
  }
  return { status: operation.status, body: result };
}
