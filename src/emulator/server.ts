// The HTTP edge of the emulator: reads a request, routes it, applies injected faults, checks the input contract,
// runs the handler against the store and writes the JSON answer or the encoded error. Handlers are synchronous, so
// requests never interleave inside one; a change is answered once it is saved (a 500 when it cannot be).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkInput } from './contract.js';
import { ApiError, encodeError, validationError } from './errors.js';
import type { Faults } from './faults.js';
import type { Context } from './operation.js';
import { OPERATIONS } from './ops/index.js';
import { createRouter } from './routes.js';
import type { Store } from './store.js';
import { bodyInput, requestInput, signingRegion } from './wire.js';

const MAX_BODY_BYTES = 6 * 1024 * 1024;

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
}

const route = createRouter(OPERATIONS);

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serve(deps, req)
      .then((answer) => send(res, answer.status, answer.body, answer.headers))
      .catch((error: unknown) => {
        const encoded = encodeError(new ApiError('InternalServerException', `The local engine failed: ${(error as Error).message}`));
        send(res, encoded.status, encoded.body, encoded.headers);
      });
  };
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

async function serve(deps: ServerDeps, req: IncomingMessage): Promise<Answer> {
  const text = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://emulator');
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
  };
  const result = operation.handle(ctx, input);
  if (result instanceof ApiError) return encodeError(result);
  if (operation.method !== 'GET') await deps.changed();
  return { status: operation.status, body: result };
}

/** The body as text, or undefined when it exceeds the limit. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(payload);
}
