// Where an engine's recorded decisions come from, as one small interface so the local engine's decision files
// and AWS's CloudWatch Logs are one code path: a source gives, per gateway, the raw records from a moment on,
// oldest first; `readDecisions` reads them (record.ts), counts and skips what cannot be read, stops at a limit,
// and hands each request to the caller as it comes, so a week of traffic is never held in memory at once.
import type { DecisionWindow, GatewaySpec, RecordedRequest } from '../model.js';
import { readRecord } from './record.js';

/** A raw record: parsed JSON (with the time the source gives it, if any), a line that is not JSON, or the end of
 * a gateway's records because they could not be read at all (a file that cannot be opened, a log group missing). */
export type RawRecord = { value: unknown; at?: number } | { unreadable: true } | { failed: string };

export interface DecisionSource {
  /** What it reads, in words: `the local engine's decision records`, `CloudWatch Logs`. */
  readonly name: string;
  /** The gateway's records from `since` (epoch ms) on, oldest first. */
  records(gateway: GatewaySpec, since: number): AsyncIterable<RawRecord>;
}

export interface ReadOptions {
  since: number;
  /** Requests read at most, over all the gateways. */
  limit: number;
}

/** Reads each gateway's records in turn and gives every recorded request from `since` on to `take`. */
export async function readDecisions(source: DecisionSource, gateways: GatewaySpec[], options: ReadOptions, take: (request: RecordedRequest) => void): Promise<DecisionWindow> {
  const window: DecisionWindow = { source: source.name, since: new Date(options.since).toISOString(), unreadable: 0, truncated: false, problems: [] };
  let read = 0;
  for (const gateway of gateways) {
    for await (const raw of source.records(gateway, options.since)) {
      if ('failed' in raw) {
        window.problems.push(raw.failed);
        break;
      }
      if ('unreadable' in raw) {
        window.unreadable++;
        continue;
      }
      const reading = readRecord(raw.value, raw.at);
      if (reading.kind === 'unreadable') window.unreadable++;
      if (reading.kind !== 'request' || reading.request.at < options.since) continue;
      if (read === options.limit) {
        window.truncated = true;
        break;
      }
      read++;
      take(reading.request);
    }
    if (window.truncated) break;
  }
  return window;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30m`, `24h`, `7d` in milliseconds; undefined for anything else. */
export function parseSpan(text: string): number | undefined {
  const match = /^([1-9][0-9]{0,5})([mhd])$/.exec(text.trim());
  return match ? Number(match[1]) * UNITS[match[2]!]! : undefined;
}
