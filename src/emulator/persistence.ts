// Keeps the emulator's state in a JSON file so a new emulator on the same file sees the same resources. Writes
// are atomic (temp file + rename: a reader or a crash never sees half a file) and coalesced: a burst of requests
// costs one write, at most `delayMs` after the last change, and close() flushes what is pending.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { State } from './store.js';

export type LoadResult = { ok: true; state?: State } | { ok: false; code: string; message: string; file: string };

/** The state in `file`; no state when the file does not exist yet. */
export function loadState(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true };
    return { ok: false, code: 'StateUnreadable', message: `cannot read the emulator state: ${(error as Error).message}`, file };
  }
  try {
    const state = JSON.parse(text) as State;
    if (state.version !== 1 || typeof state.regions !== 'object') throw new Error('not an emulator state file (version 1)');
    return { ok: true, state };
  } catch (error) {
    return { ok: false, code: 'StateCorrupt', message: `the emulator state is not valid: ${(error as Error).message}; delete it to start afresh`, file };
  }
}

export function writeStateAtomically(file: string, state: State): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

export interface Saver {
  /** Notes a change; the state is written soon. */
  changed(): void;
  /** Writes now if anything changed since the last write. */
  flush(): void;
  /** Flushes, then ignores every later change: a request still being served by a closed emulator must not write
   * its state over the file a new emulator now owns. */
  close(): void;
}

export function createSaver(file: string, state: () => State, delayMs = 20): Saver {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    writeStateAtomically(file, state());
  };
  return {
    changed() {
      // unref: a pending write must never keep a process alive; close() flushes it.
      if (!closed) timer ??= setTimeout(flush, delayMs).unref();
    },
    flush,
    close() {
      flush();
      closed = true;
    },
  };
}
