// Where decision records are kept: `<state folder>/decisions/<gatewayId>.jsonl`, one JSON line each, appended to a
// 0600 file opened without following symlinks (a state folder comes with a cloned repository), or in memory for
// an in-memory emulator; and the readers that give them back, whole or line by line (replay reads them).
import { closeSync, constants, createReadStream, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { GATEWAY_ID_PATTERN } from '../../arn.js';
import type { DecisionRecord } from './records.js';

export interface DecisionLog {
  append(gatewayId: string, record: DecisionRecord): void;
  read(gatewayId: string): DecisionRecord[];
  /** Records that could not be written (a full disk): counted rather than failing the call they describe. */
  failures(): number;
  close(): void;
}

const GATEWAY_ID = new RegExp(`^${GATEWAY_ID_PATTERN}$`);
/** What an in-memory emulator keeps per gateway: the latest records, so a long session stays bounded. */
const MEMORY_RECORDS = 10_000;

export function decisionsFile(stateFile: string, gatewayId: string): string {
  if (!GATEWAY_ID.test(gatewayId)) throw new Error(`not a gateway id: ${gatewayId}`);
  return join(dirname(stateFile), 'decisions', `${gatewayId}.jsonl`);
}

export function memoryDecisionLog(): DecisionLog {
  const records = new Map<string, DecisionRecord[]>();
  return {
    append(gatewayId, record) {
      const list = records.get(gatewayId) ?? [];
      list.push(record);
      if (list.length > MEMORY_RECORDS) list.splice(0, list.length - MEMORY_RECORDS);
      records.set(gatewayId, list);
    },
    read: (gatewayId) => [...(records.get(gatewayId) ?? [])],
    failures: () => 0,
    close() {},
  };
}

/** Appends to the files of the emulator whose state is `stateFile`. */
export function fileDecisionLog(stateFile: string): DecisionLog {
  const open = new Map<string, number>();
  let failures = 0;
  let closed = false;
  return {
    append(gatewayId, record) {
      // A call still being served by a closed emulator must not reopen files a new one now owns.
      if (closed) return;
      try {
        let fd = open.get(gatewayId);
        if (fd === undefined) {
          const file = decisionsFile(stateFile, gatewayId);
          mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
          fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
          open.set(gatewayId, fd);
        }
        writeSync(fd, `${JSON.stringify(record)}\n`);
      } catch {
        failures++;
      }
    },
    read(gatewayId) {
      const result = readDecisionRecords({ stateFile, gatewayId });
      return result.ok ? result.records : [];
    },
    close() {
      closed = true;
      for (const fd of open.values()) closeSync(fd);
      open.clear();
    },
    failures: () => failures,
  };
}

export type DecisionRecordsResult =
  | { ok: true; records: DecisionRecord[]; problems: { line: number; message: string }[] }
  | { ok: false; code: 'DecisionsUnreadable'; message: string; file: string };

/** The decision records of one gateway of the emulator whose state is `stateFile`, oldest first; none when it has
 * decided nothing yet. Lines that are not JSON objects (a record cut short by a crash) are reported by number. */
export function readDecisionRecords(options: { stateFile: string; gatewayId: string }): DecisionRecordsResult {
  const opened = openRecords(options);
  if (!opened.ok) return opened;
  let text = '';
  if (opened.fd !== undefined) {
    try {
      text = readFileSync(opened.fd, 'utf8');
    } catch (error) {
      return unreadable(error, opened.file);
    } finally {
      closeSync(opened.fd);
    }
  }
  const records: DecisionRecord[] = [];
  const problems: { line: number; message: string }[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const value = recordOf(line);
    if (value) records.push(value);
    else problems.push({ line: index + 1, message: 'not a decision record (a JSON object on one line)' });
  });
  return { ok: true, records, problems };
}

export type DecisionLine = { ok: true; record: DecisionRecord } | { ok: false; line: number };

/** The same records one line at a time, for files too long to hold at once (a week of traffic): each record, or
 * the number of a line that is not one. */
export function streamDecisionRecords(options: { stateFile: string; gatewayId: string }): { ok: true; lines: AsyncIterable<DecisionLine> } | Extract<DecisionRecordsResult, { ok: false }> {
  const opened = openRecords(options);
  if (!opened.ok) return opened;
  const { fd } = opened;
  async function* lines(): AsyncGenerator<DecisionLine> {
    if (fd === undefined) return;
    const reader = createInterface({ input: createReadStream('', { fd, encoding: 'utf8' }), crlfDelay: Infinity });
    let number = 0;
    try {
      for await (const line of reader) {
        number++;
        if (line.trim() === '') continue;
        const record = recordOf(line);
        yield record ? { ok: true, record } : { ok: false, line: number };
      }
    } finally {
      reader.close();
    }
  }
  return { ok: true, lines: lines() };
}

/** The open file (its descriptor undefined when there is none yet), never through a symlink, and only a regular file. */
function openRecords(options: { stateFile: string; gatewayId: string }): { ok: true; fd?: number; file: string } | Extract<DecisionRecordsResult, { ok: false }> {
  const file = decisionsFile(options.stateFile, options.gatewayId);
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    return { ok: true, fd, file };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, file };
    return unreadable(error, file);
  }
}

function unreadable(error: unknown, file: string): Extract<DecisionRecordsResult, { ok: false }> {
  const code = (error as NodeJS.ErrnoException).code;
  return { ok: false, code: 'DecisionsUnreadable', message: `cannot read the decision records (${code ?? (error as Error).message})`, file };
}

function recordOf(line: string): DecisionRecord | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as DecisionRecord) : undefined;
  } catch {
    return undefined;
  }
}
