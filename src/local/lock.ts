// One process at a time on a repository's local engine: two commands that each load the state file, change it and
// write it back would otherwise lose one another's writes. A process holds <folder>/local-engine.lock while it has
// the local engine open. The lock is made whole or not at all (written to a temp file, then hard-linked into place,
// which fails when a lock exists) and holds the holder's pid, host and start time. A lock whose process is dead
// (on this host), or that holds nothing readable, is taken over; any other makes the next process wait, saying
// for whom, and give up after a bounded time with an error that says what to do, unless what the caller can do
// instead (join the holder when it serves the local engine: served.ts) turns up while it waits.
import { randomBytes } from 'node:crypto';
import { link, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AgentCoreError } from '../agentcore/index.js';
import { readRegularFile } from '../regular-file.js';
import { LOCK_FILE, STATE_FOLDER } from './state-folder.js';

/** How long a command waits for another one using the same local engine; local commands take seconds. */
export const LOCK_WAIT_MS = 60_000;
const POLL_MS = 100;

export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took the lock (ISO 8601). */
  since: string;
}

export interface LockOptions {
  waitMs?: number;
  /** Told once per holder it waits for; stderr by default. */
  notify?: (line: string) => void;
}

/** Takes the lock of `folder`, waiting while another live process holds it; resolves to its release. */
export async function acquireLock(folder: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const taken = await acquireLockOr<never>(folder, async () => undefined, options);
  return 'release' in taken ? taken.release : taken.instead;
}

/** As acquireLock, but while a live process holds the lock, `instead(holder)` is asked before each wait: the
 * first value it gives ends the wait, without the lock. */
export async function acquireLockOr<T>(
  folder: string,
  instead: (holder: LockHolder) => Promise<T | undefined>,
  options: LockOptions = {},
): Promise<{ release: () => Promise<void> } | { instead: T }> {
  const file = join(folder, LOCK_FILE);
  const notify = options.notify ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const mine = `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() } satisfies LockHolder)}\n`;
  const deadline = Date.now() + (options.waitMs ?? LOCK_WAIT_MS);
  let told: string | undefined;
  for (;;) {
    if (await create(file, mine)) return { release: () => release(file, mine) };
    const seen = readRegularFile(file, { maxBytes: 4096, followLinks: false });
    if (!seen.ok && seen.problem === 'missing') continue;
    const text = seen.ok ? seen.bytes.toString('utf8') : undefined;
    const holder = text === undefined ? undefined : holderIn(text);
    if (holder === undefined || isStale(holder)) {
      await takeOver(file, text);
      continue;
    }
    const other = await instead(holder);
    if (other !== undefined) return { instead: other };
    if (Date.now() >= deadline) throw busy(holder, options.waitMs ?? LOCK_WAIT_MS);
    if (told !== text) notify(`waiting for agentcore-policy pid ${holder.pid}${elsewhere(holder)}, which is using the local engine of this repository`);
    told = text;
    await sleep(POLL_MS);
  }
}

/** Puts `content` at `file` whole, unless a lock is there: false then. */
async function create(file: string, content: string): Promise<boolean> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, content, { flag: 'wx' });
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/** The live process holding the lock of `folder` on this host, if one does. */
export function liveHolder(folder: string): LockHolder | undefined {
  const seen = readRegularFile(join(folder, LOCK_FILE), { maxBytes: 4096, followLinks: false });
  const holder = seen.ok ? holderIn(seen.bytes.toString('utf8')) : undefined;
  return holder && holder.host === hostname() && !isStale(holder) ? holder : undefined;
}

function holderIn(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    // pid 0 and negative pids name process groups to process.kill: never a holder.
    if (Number.isSafeInteger(value.pid) && value.pid! > 0 && typeof value.host === 'string' && typeof value.since === 'string') return value as LockHolder;
  } catch {
    // not a lock this tool wrote
  }
  return undefined;
}

/** A holder is gone when it ran on this host and no longer runs. A lock with this process's own pid is stale too:
 * this process would know it held it (a previous process got the same pid, common in containers). */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

/** Moves the stale lock aside and deletes it, unless another process replaced it with a live one meanwhile: that
 * one is put back. */
async function takeOver(file: string, seen: string | undefined): Promise<void> {
  const aside = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readRegularFile(aside, { maxBytes: 4096, followLinks: false });
  const same = seen === undefined ? !moved.ok || holderIn(moved.bytes.toString('utf8')) === undefined : moved.ok && moved.bytes.toString('utf8') === seen;
  if (!same) await link(aside, file).catch(() => undefined);
  await unlink(aside);
}

async function release(file: string, mine: string): Promise<void> {
  const held = readRegularFile(file, { maxBytes: 4096, followLinks: false });
  if (held.ok && held.bytes.toString('utf8') === mine) await unlink(file).catch(() => undefined);
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
const elsewhere = (holder: LockHolder) => (holder.host === hostname() ? '' : ` on ${holder.host}`);

function busy(holder: LockHolder, waitMs: number): AgentCoreError {
  return new AgentCoreError(
    'LocalEngineBusy',
    `agentcore-policy pid ${holder.pid}${elsewhere(holder)} has been using the local engine of this repository since ${holder.since}, ` +
      `and still was after ${seconds(waitMs)} of waiting: run this command again once it has finished ` +
      `(if no such process is running, delete ${STATE_FOLDER}/${LOCK_FILE})`,
  );
}
