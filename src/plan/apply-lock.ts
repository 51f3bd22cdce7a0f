// Who holds an engine's apply lock, as written into the lock policy's description (src/apply/lock.ts takes and
// releases the lock) and read back: by apply to refuse a second apply, by plan to warn that one is in progress, and
// by `unlock` to check it was given the id of the lock it is to delete. The lock decides nothing and is no policy
// of any plan; a plan only says it is there.
import type { Diagnostic, LivePolicy } from '../model.js';

export interface Holder {
  host: string;
  pid: number;
  /** This apply, among the applies of its process; what `unlock` is given. */
  id: string;
  since: string;
}

export function describeHolder(holder: Holder): string {
  const { host, pid, id, since } = holder;
  return `agentcore-policy apply in progress: host=${host} pid=${pid} id=${id} since=${since} (deleted when that apply ends; if it was killed, run agentcore-policy unlock)`;
}

// Anyone who can write policies can write a lock's description; the id is printed inside a command for a person to
// copy, so it is read only when made of letters, digits and dashes (a UUID), never shell syntax.
const HOLDER = /host=(\S+) pid=(\d+) id=([A-Za-z0-9-]{1,64}) since=(\S+) /;

export function parseHolder(description: string | undefined): Holder | undefined {
  const match = HOLDER.exec(description ?? '');
  return match ? { host: match[1]!, pid: Number(match[2]), id: match[3]!, since: match[4]! } : undefined;
}

/** The id a refusal prints and `unlock` must be given: the holder's, or the lock policy's own when its
 * description does not name a holder. */
export function lockId(lock: Pick<LivePolicy, 'policyId' | 'description'>): string {
  return parseHolder(lock.description)?.id ?? lock.policyId;
}

/** The command that clears this lock, ready to copy: engine names are letters, digits and underscores. */
export function unlockCommand(engine: string, lock: Pick<LivePolicy, 'policyId' | 'description'>): string {
  const id = lockId(lock);
  return `agentcore-policy unlock --engine ${engine} ${/^[A-Za-z0-9_-]+$/.test(id) ? id : `'${id.replace(/'/g, `'\\''`)}'`}`;
}

/** `from ci-7, process 4242, since 2026-…`, or that the holder is unknown. */
export function holderWords(lock: Pick<LivePolicy, 'description'>): string {
  const holder = parseHolder(lock.description);
  return holder ? `from ${holder.host}, process ${holder.pid}, since ${holder.since}` : 'holder unknown';
}

/** The plan's warning that an apply holds the engine: the next apply will be refused until it ends. */
export function lockWarning(engine: string, file: string, lock: Pick<LivePolicy, 'policyId' | 'description'>): Diagnostic {
  const message =
    `an apply holds this engine's lock (${holderWords(lock)}; lock id ${lockId(lock)}): applying now is refused until it ends. ` +
    `If no apply is running (it was killed), clear the lock with: ${unlockCommand(engine, lock)}`;
  return { severity: 'warning', code: 'plan/engine-locked', message, file, engine };
}
