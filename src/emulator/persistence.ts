// Keeps the emulator's state in a JSON file so a new emulator on the same file sees the same resources.
//
// Reading trusts nothing of the file (a cloned repository can hold anything at `.agentcore-policy/`): it must be a
// regular file, not a symbolic link (never followed), of at most MAX_STATE_BYTES; one that does not parse is
// reported by what is wrong with it, never by its content.
//
// Writing is durable and atomic (writeFileAtomically: a reader or a crash sees the old state or the new one, never
// half, never through a link, and a failed write leaves no temp file). Writes are group commits: a change waits for the next write, and every change made
// while one write is under way goes into the one after it, so a burst of requests costs a few writes. A write that
// fails fails the changes waiting for it (the server answers them 500), is reported once, and does not stop the
// emulator: the next change tries again.
import { readRegularFile, writeFileAtomically, type RegularFile } from '../regular-file.js';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './nesting.js';
import type { State } from './store.js';

/** State files larger than this are refused: a local engine's state is kilobytes, 10,000 policies a few MB. */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;
/** A state file nests its records a few levels below the request bodies they hold. */
export const MAX_STATE_DEPTH = 2 * MAX_BODY_DEPTH;

export type LoadResult = { ok: true; state?: State } | { ok: false; code: string; message: string; file: string };

/** The state in `file`; no state when the file does not exist yet. */
export function loadState(file: string): LoadResult {
  const read = readRegularFile(file, { maxBytes: MAX_STATE_BYTES, followLinks: false });
  if (!read.ok) {
    if (read.problem === 'missing') return { ok: true };
    return { ok: false, code: 'StateUnreadable', message: unreadable(read), file };
  }
  const state = parseState(read.bytes.toString('utf8'));
  if (typeof state === 'string') return { ok: false, code: 'StateCorrupt', message: `the emulator state is not valid: ${state}; delete it to start afresh`, file };
  return { ok: true, state };
}

function unreadable(read: RegularFile & { ok: false }): string {
  if (read.problem === 'symlink') return 'the emulator state file is a symbolic link, which is never followed; it must be a regular file';
  if (read.problem === 'not-a-file') return 'the emulator state file is not a regular file';
  if (read.problem === 'too-large') return `the emulator state file is ${read.size} bytes; state files over ${MAX_STATE_BYTES} bytes are refused`;
  return `cannot read the emulator state (${read.errno})`;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isRecord = (value: unknown) => isObject(value) && typeof value.id === 'string' && typeof value.seq === 'number' && isObject(value.life) && isObject(value.attrs);
const isMapOf = (value: unknown, item: (v: unknown) => boolean) => value === undefined || (isObject(value) && Object.values(value).every(item));
const isPartition = (part: unknown) =>
  isObject(part) &&
  isMapOf(part.engines, isRecord) &&
  isMapOf(part.gateways, isRecord) &&
  [part.policies, part.targets, part.generations].every((map) => isMapOf(map, (inner) => isMapOf(inner, isRecord) && inner !== undefined)) &&
  isMapOf(part.tokens, (t) => isObject(t) && typeof t.hash === 'string' && typeof t.id === 'string');

/** The state in `text`, or what is wrong with it in words that quote none of it. */
function parseState(text: string): State | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  if (!isObject(value) || value.version !== 1 || typeof value.seq !== 'number' || !isObject(value.regions)) return 'it is not an emulator state file (version 1)';
  if (nestsDeeperThan(value, MAX_STATE_DEPTH)) return `it nests deeper than ${MAX_STATE_DEPTH} levels`;
  if (!Object.values(value.regions).every(isPartition)) return 'a region in it does not hold engines, policies, gateways and targets as the emulator writes them';
  return value as unknown as State;
}

/** Why a commit failed; the server answers the request with InternalServerException. */
export class SaveError extends Error {
  override readonly name = 'SaveError';
}

export interface SaverOptions {
  /** Writes the state text to the file; writeFileAtomically unless a test plays a failing disk. */
  write?: (file: string, text: string) => Promise<void>;
  /** Told once when saving starts failing and once when it works again; stderr by default. */
  report?: (message: string) => void;
}

export interface Saver {
  /** Resolves once the state as it is now is in the file; rejects with a SaveError when the write holding it fails. */
  commit(): Promise<void>;
  /** Waits for the writes under way, then refuses every later commit: a request still being served by a closed
   * emulator must not write its state over the file a new emulator now owns. */
  close(): Promise<void>;
}

interface Waiter {
  resolve: () => void;
  reject: (error: SaveError) => void;
}

export function createSaver(file: string, state: () => State, options: SaverOptions = {}): Saver {
  const write = options.write ?? writeFileAtomically;
  const report = options.report ?? ((message: string) => void process.stderr.write(`${message}\n`));
  let waiting: Waiter[] = [];
  let writing: Promise<void> | undefined;
  let closed = false;
  let failing = false;

  const writeAll = async () => {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await write(file, JSON.stringify(state()));
        if (failing) report(`The emulator saves its state to ${file} again.`);
        failing = false;
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        if (!failing) report(`The emulator cannot save its state to ${file} (${why}); it answers changes with InternalServerException until it can.`);
        failing = true;
        for (const waiter of batch) waiter.reject(new SaveError(`could not save its state (${why}); the change may not survive a restart`));
      }
    }
    writing = undefined;
  };

  return {
    commit() {
      if (closed) return Promise.reject(new SaveError('the emulator is closed; the change may not survive a restart'));
      const committed = new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
      writing ??= writeAll();
      return committed;
    },
    async close() {
      closed = true;
      await writing;
    },
  };
}
