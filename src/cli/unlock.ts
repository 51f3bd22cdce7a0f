// `agentcore-policy unlock --engine E LOCK_ID [--dir D] [--profile P]`: deletes the apply lock a killed apply left
// on engine E, only when LOCK_ID is the id the refusal (or the plan's warning) printed. Exit 0 when the lock was
// deleted, 1 when no lock is held, the id is another lock's, or the engine cannot be reached.
import { holderWords, lockId } from '../plan/apply-lock.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { oneLine, visible } from '../render/sanitize.js';
import { runUnlock } from '../run/unlock.js';
import { ENGINE_OPTION, engineNames, parse, UsageError } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';

export async function unlockCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(args, { dir: { type: 'string' }, ...ENGINE_OPTION, profile: { type: 'string' } }, true);
  const engines = engineNames(values.engine);
  if (engines.length !== 1) throw new UsageError('--engine is required, once: say which engine the lock is on');
  if (positionals.length !== 1 || positionals[0]!.trim() === '') {
    throw new UsageError('give the lock id the refusal printed, and nothing else: agentcore-policy unlock --engine ENGINE LOCK_ID');
  }
  const engine = engines[0]!;
  const repository = repositoryRoot(io.cwd, values.dir);
  const run = await runUnlock({ root: repository.root, engine, lockId: positionals[0]!, client: { profile: values.profile, env: io.env } });
  if (!run.ok) {
    io.stderr(visible(renderDiagnostics(repository.shown(run.diagnostics), 'text', false)));
    io.stderr('Nothing was unlocked.\n');
    return EXIT.error;
  }
  io.stdout(`${oneLine(`Unlocked engine ${engine}: deleted its apply lock ${lockId(run.lock)} (${holderWords(run.lock)}). Applies to this engine can run again.`, 1000)}\n`);
  return EXIT.ok;
}
