// One apply at a time per engine. AgentCore has no lock and no conditional write, but a policy name is unique within
// an engine and CreatePolicy refuses a taken one: so an apply holds its engine by creating a policy of a reserved
// name before it reads the live state for its stale check, and deletes it when done. A second apply finds the name
// taken and stops before changing anything. Without this, two applies that both passed their stale check would
// interleave their steps and leave a mix that neither plan described (and, in between, access neither allowed).
// The lock decides nothing (LOG_ONLY, and its condition never holds), and plans never take it for a policy (they
// warn of it). A lock left by an apply that died on this machine is taken over; one held elsewhere is reported,
// with the `unlock` command that clears it, which deletes a lock only when given its id (forceUnlock).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  AgentCoreError,
  APPLY_LOCK_POLICY,
  createPolicy,
  deletePolicy,
  findApplyLock,
  waitForPolicyActive,
  waitForPolicyDeleted,
  type EngineConnection,
  type PolicyRef,
} from '../agentcore/index.js';
import type { Diagnostic, LivePolicy } from '../model.js';
import { describeHolder, holderWords, lockId, parseHolder, unlockCommand, type Holder } from '../plan/apply-lock.js';
import type { ApplyOperations, EngineRef } from './operations.js';

export const LOCK_STATEMENT = 'forbid (principal, action, resource) when { false };';

/** Where the lock is taken from: this machine and process, the applies it is running, and whether a process of
 * this machine still runs. */
export interface Here {
  host: string;
  pid: number;
  held: Set<string>;
  alive(pid: number): boolean;
}

export interface LockedEngine {
  policyEngineId: string;
  name: string;
  /** The engine file, for diagnostics. */
  file: string;
}

export interface EngineLock {
  /** Deletes the lock (once; later calls do nothing); a warning when that did not get through. */
  release(): Promise<Diagnostic | undefined>;
}

type Connection = Pick<EngineConnection, 'client' | 'wait'>;

/** A lock whose apply is over: taken on this machine by a process that no longer runs, or by this very process in
 * an apply that has ended (its release did not get through). */
export function abandoned(holder: Holder, here: Here): boolean {
  if (holder.host !== here.host) return false;
  return holder.pid === here.pid ? !here.held.has(holder.id) : !here.alive(holder.pid);
}

const HELD = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const thisProcess = (): Here => ({ host: hostname(), pid: process.pid, held: HELD, alive });

/** Takes the engine for this apply, or says who holds it. Throws AgentCoreError when the service cannot be asked. */
export async function lockEngine(connection: Connection, engine: LockedEngine, here: Here = thisProcess()): Promise<{ lock: EngineLock } | { diagnostic: Diagnostic }> {
  const holder: Holder = { host: here.host, pid: here.pid, id: randomUUID(), since: new Date().toISOString() };
  const ref = (policyId: string): PolicyRef => ({ policyEngineId: engine.policyEngineId, policyId });
  for (let attempt = 0; attempt < 3; attempt++) {
    const policyId = await create(connection, engine.policyEngineId, holder);
    if (policyId) {
      here.held.add(holder.id);
      let released: Promise<Diagnostic | undefined> | undefined;
      return { lock: { release: () => (released ??= release(connection, ref(policyId), engine, holder, () => here.held.delete(holder.id))) } };
    }
    const lock = await findApplyLock(connection.client, engine.policyEngineId);
    if (!lock) continue;
    const owner = parseHolder(lock.description);
    if (lock.status !== 'DELETING' && !(owner && abandoned(owner, here))) return { diagnostic: locked(engine, lock) };
    if (lock.status !== 'DELETING') await remove(connection, ref(lock.policyId));
    await waitForPolicyDeleted(connection.client, ref(lock.policyId), connection.wait);
  }
  const message = `engine ${engine.name}: could not take the apply lock (policy ${APPLY_LOCK_POLICY}): it kept changing hands, so nothing was applied. Run apply again.`;
  return { diagnostic: { severity: 'error', code: 'apply/engine-locked', message, file: engine.file } };
}

/** For a plan that creates its engine: takes the lock as soon as the engine exists, before any other step. `take`
 * throws AgentCoreError when another apply holds it, which stops the apply there. */
export function lockOnCreate(ops: ApplyOperations, take: (engine: EngineRef) => Promise<void>): ApplyOperations {
  return {
    ...ops,
    async start(step, engine) {
      const started = await ops.start(step, engine);
      if (step.type === 'create-engine' && started.engine) await take(started.engine);
      return started;
    },
  };
}

/** The new lock's id, or undefined when the name is taken. */
async function create(connection: Connection, policyEngineId: string, holder: Holder): Promise<string | undefined> {
  try {
    const created = await createPolicy(connection.client, {
      policyEngineId,
      name: APPLY_LOCK_POLICY,
      statement: LOCK_STATEMENT,
      description: describeHolder(holder),
      enforcementMode: 'LOG_ONLY',
      validationMode: 'IGNORE_ALL_FINDINGS',
    });
    return created.policyId;
  } catch (error) {
    if (!(error instanceof AgentCoreError)) throw error;
    if (error.code === 'Conflict') return undefined;
    throw new AgentCoreError(error.code, `taking the apply lock: ${error.message}`, error.details);
  }
}

/** Deletes a lock; one still being created cannot be deleted until it settles. */
async function remove(connection: Connection, ref: PolicyRef): Promise<void> {
  try {
    await deletePolicy(connection.client, ref);
  } catch (error) {
    if (!(error instanceof AgentCoreError) || error.code !== 'Conflict') throw error;
    await waitForPolicyActive(connection.client, ref, connection.wait);
    await deletePolicy(connection.client, ref);
  }
}

/** Deletes the lock and waits until it is gone, so the next apply finds the engine as this one found it. */
async function release(connection: Connection, ref: PolicyRef, engine: LockedEngine, holder: Holder, forget: () => void): Promise<Diagnostic | undefined> {
  // Whatever happens next, this apply is over: a lock left behind is this process's to take over.
  forget();
  try {
    await remove(connection, ref);
    await waitForPolicyDeleted(connection.client, ref, connection.wait);
    return undefined;
  } catch (error) {
    if (!(error instanceof AgentCoreError)) throw error;
    if (error.code === 'PolicyNotFound') return undefined;
    const message =
      `engine ${engine.name}: the apply lock (policy ${APPLY_LOCK_POLICY}, ${ref.policyId}) could not be deleted: ${error.message} ` +
      `The next apply from this machine takes it over; from another machine, clear it first with: ${unlockCommand(engine.name, { policyId: ref.policyId, description: describeHolder(holder) })}`;
    return { severity: 'warning', code: 'apply/lock-not-released', message, file: engine.file };
  }
}

function locked(engine: LockedEngine, lock: LivePolicy): Diagnostic {
  const message =
    `engine ${engine.name}: another apply is applying to this engine (${holderWords(lock)}; lock id ${lockId(lock)}, policy ${APPLY_LOCK_POLICY} ${lock.policyId}), ` +
    'so this one changed nothing. Run apply again once that one has finished. If no apply is running (one was killed on another machine), ' +
    `clear the lock first with: ${unlockCommand(engine.name, lock)}`;
  return { severity: 'error', code: 'apply/engine-locked', message, file: engine.file };
}

/** What `unlock` found: the lock it deleted, or why it deleted nothing. */
export type UnlockOutcome = { unlocked: LivePolicy } | { diagnostic: Diagnostic };

/** Deletes the engine's apply lock, only when `id` is the one its refusal printed (lockId), so nobody removes a
 * lock they did not mean to, and waits until it is gone. Throws AgentCoreError when the service cannot be asked. */
export async function forceUnlock(connection: Connection, engine: LockedEngine, id: string): Promise<UnlockOutcome> {
  const lock = await findApplyLock(connection.client, engine.policyEngineId);
  const refuse = (code: 'unlock/not-locked' | 'unlock/wrong-id', message: string): UnlockOutcome => ({
    diagnostic: { severity: 'error', code, message, file: engine.file, engine: engine.name },
  });
  if (!lock) return refuse('unlock/not-locked', `no apply holds this engine (it has no ${APPLY_LOCK_POLICY} policy), so there is nothing to unlock`);
  if (lockId(lock) !== id) {
    return refuse(
      'unlock/wrong-id',
      `the engine's lock has id ${lockId(lock)} (${holderWords(lock)}), not ${id}, so nothing was deleted. ` +
        'A lock is cleared only by the id its refusal printed: check that the apply holding it is no longer running, then unlock with that id',
    );
  }
  const ref: PolicyRef = { policyEngineId: engine.policyEngineId, policyId: lock.policyId };
  try {
    if (lock.status !== 'DELETING') await remove(connection, ref);
    await waitForPolicyDeleted(connection.client, ref, connection.wait);
  } catch (error) {
    // Released by its own apply meanwhile: what was asked for is done.
    if (!(error instanceof AgentCoreError) || error.code !== 'PolicyNotFound') throw error;
  }
  return { unlocked: lock };
}
