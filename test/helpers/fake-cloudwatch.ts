// A tiny CloudWatch Logs on loopback that answers FilterLogEvents as AWS does (the awsJson1_1 protocol: POST /
// with `X-Amz-Target: Logs_20140328.FilterLogEvents` and a JSON body, JSON out, errors as `__type`), so a test can
// point the SDK's own client at it (an endpoint, or AWS_ENDPOINT_URL_CLOUDWATCH_LOGS) and see what it asked for.
// It pages (`nextToken`), honours startTime and endTime, and applies JSON filter patterns made of
// `($.a.b = "X")` tests joined by `||`, which is what the decision source sends.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LogEvent {
  timestamp: number;
  message: string;
}

export interface FilterCall {
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

export interface FakeCloudWatch {
  url: string;
  calls: FilterCall[];
  close(): Promise<void>;
}

export interface FakeCloudWatchOptions {
  /** Events by log group name; a group not listed does not exist. */
  groups: Record<string, LogEvent[]>;
  /** Events per page; AWS's is up to 10,000. */
  pageSize?: number;
  /** Log groups the caller may not read. */
  denied?: string[];
}

export async function startFakeCloudWatch(options: FakeCloudWatchOptions): Promise<FakeCloudWatch> {
  const calls: FilterCall[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      calls.push({ body, headers: request.headers });
      const answer = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${calls.length}` });
        response.end(JSON.stringify(value));
      };
      if (request.headers['x-amz-target'] !== 'Logs_20140328.FilterLogEvents') return answer(400, { __type: 'UnknownOperationException' });
      const group = String(body.logGroupName);
      if (options.denied?.includes(group)) {
        return answer(400, { __type: 'AccessDeniedException', message: `User: arn:aws:sts::111111111111:assumed-role/ci is not authorized to perform: logs:FilterLogEvents on resource: ${group}` });
      }
      const events = options.groups[group];
      if (!events) return answer(400, { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
      const matches = matcher(typeof body.filterPattern === 'string' ? body.filterPattern : undefined);
      const selected = events
        .map((event, index) => ({ ...event, eventId: String(index), logStreamName: 'gateway', ingestionTime: event.timestamp }))
        .filter((e) => (typeof body.startTime !== 'number' || e.timestamp >= body.startTime) && (typeof body.endTime !== 'number' || e.timestamp <= body.endTime))
        .filter((e) => matches(e.message));
      const from = typeof body.nextToken === 'string' ? Number(body.nextToken) : 0;
      const size = options.pageSize ?? 10_000;
      const page = selected.slice(from, from + size);
      const more = from + size < selected.length;
      answer(200, { events: page, searchedLogStreams: [], ...(more && { nextToken: String(from + size) }) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** `{ ($.a.b = "X") || ($.a.b = "Y") }`; anything else this fake does not know matches every event. */
function matcher(pattern: string | undefined): (message: string) => boolean {
  const tests = [...(pattern ?? '').matchAll(/\$\.([\w.]+)\s*=\s*"([^"]*)"/g)].map(([, path, value]) => ({ path: path!.split('.'), value }));
  if (tests.length === 0) return () => true;
  return (message) => {
    let value: unknown;
    try {
      value = JSON.parse(message);
    } catch {
      return false;
    }
    return tests.some((t) => t.path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value) === t.value);
  };
}
