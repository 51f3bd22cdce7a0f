// `unlock`: clears the apply lock a killed apply left on an engine (Terraform's force-unlock), reaching the engine
// as every other command does (its engine file, the local engine or AWS). The lock is deleted only when given the
// id its refusal printed (apply/lock.ts forceUnlock), so nobody removes a lock they did not mean to.
import { findEngineByName, type ClientOptions, type EngineConnection } from '../agentcore/index.js';
import { forceUnlock } from '../apply/lock.js';
import { openEngine } from '../local/connect.js';
import type { Diagnostic, LivePolicy } from '../model.js';
import { loadRepository } from '../repository/load.js';
import { namedEngine } from '../validation/validate.js';
import { liveError } from './plan.js';

export interface UnlockRunOptions {
  root: string;
  engine: string;
  /** The id `apply/engine-locked` (or the plan's `plan/engine-locked` warning) printed. */
  lockId: string;
  client?: ClientOptions;
}

/** The lock deleted, or why none was. */
export type UnlockRun = { ok: true; lock: LivePolicy } | { ok: false; diagnostics: Diagnostic[] };

export async function runUnlock(options: UnlockRunOptions): Promise<UnlockRun> {
  const named = namedEngine(await loadRepository(options.root), options.engine);
  if ('diagnostics' in named) return { ok: false, diagnostics: named.diagnostics };
  const spec = named.engine;
  let connection: EngineConnection | undefined;
  try {
    connection = await openEngine(spec, options.root, options.client);
    const engine = await findEngineByName(connection.client, spec.name);
    if (!engine) {
      const message = 'the engine does not exist live, so no apply holds it: there is nothing to unlock';
      return { ok: false, diagnostics: [{ severity: 'error', code: 'unlock/engine-missing', message, file: spec.file, engine: spec.name }] };
    }
    const outcome = await forceUnlock(connection, { policyEngineId: engine.policyEngineId, name: spec.name, file: spec.file }, options.lockId);
    return 'unlocked' in outcome ? { ok: true, lock: outcome.unlocked } : { ok: false, diagnostics: [outcome.diagnostic] };
  } catch (error) {
    return { ok: false, diagnostics: [liveError(spec, error)] };
  } finally {
    await connection?.close();
  }
}
