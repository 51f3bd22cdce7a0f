// `agentcore-policy emulator [--port N] [--state FILE] [--seed FILE...] [--delay MS] [--region R] [--dir D]`: runs
// the local AgentCore engine in the foreground until SIGINT/SIGTERM, and prints the MCP endpoint each seeded gateway
// serves. In a policy repository, with neither --state nor --seed, it serves that repository's local engine (its
// state file and `endpoint: local` engines, src/local/serve.ts), which the repository's commands then use; otherwise
// it runs a standalone emulator seeded with the given engine files.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, UsageError } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import type { GatewaySpec } from '../model.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { readEngineFile } from '../repository/engine-file.js';
import { parseGatewayArn } from '../arn.js';
import { EmulatorError, localGatewayUrl, startEmulator, type Emulator } from '../emulator/index.js';
import { accountOf } from '../emulator/seed.js';
import { AgentCoreError } from '../agentcore/index.js';
import { serveRepository } from '../local/serve.js';
import { STATE_FOLDER, STATE_FILE } from '../local/state-folder.js';
import { repositoryRoot } from './root.js';

function signalled(): Promise<void> {
  return new Promise((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
}

function integer(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`${flag} must be a whole number from 0 to ${max} (got "${value}")`);
  return n;
}

/** `stop` ends the run; by default the first SIGINT or SIGTERM. */
export async function runEmulatorCommand(args: string[], io: CommandIO, stop: Promise<unknown> = signalled()): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      port: { type: 'string' },
      state: { type: 'string' },
      seed: { type: 'string', multiple: true },
      delay: { type: 'string' },
      region: { type: 'string' },
      dir: { type: 'string' },
    },
    true,
  );
  const port = integer(values.port, '--port', 65535);
  const standalone = values.state !== undefined || values.seed !== undefined || positionals.length > 0;
  const repository = standalone ? undefined : repositoryRoot(io.cwd, values.dir);
  if (repository && existsSync(join(repository.root, 'engines'))) {
    if (values.delay !== undefined || values.region !== undefined) throw new UsageError('--delay and --region are for a standalone emulator (with --state or --seed); a repository\'s local engine takes its engine files\' settings');
    return serveCommand(repository, port, io, stop);
  }
  if (values.dir !== undefined) throw new UsageError(`${values.dir} holds no engines/ folder: it is not a policy repository`);
  const transitionDelayMs = integer(values.delay, '--delay', 3_600_000);
  const gateways: GatewaySpec[] = [];
  for (const file of [...(values.seed ?? []), ...positionals]) {
    const result = readEngineFile(file, io.cwd);
    if (!result.ok) {
      io.stderr(renderDiagnostics(result.diagnostics, 'text', false));
      return EXIT.error;
    }
    for (const gateway of result.engine.gateways) gateways.push(gateway);
  }
  const stateFile = values.state === undefined ? undefined : resolve(io.cwd, values.state);
  let emulator: Emulator;
  try {
    emulator = await startEmulator({ port, stateFile, transitionDelayMs, region: values.region, accountId: accountOf(gateways) });
  } catch (error) {
    // A corrupt state file, or a port already taken: say which, not "internal error".
    const code = error instanceof EmulatorError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'StartFailed');
    io.stderr(`error ${code}: the emulator could not start: ${(error as Error).message}\n`);
    return EXIT.error;
  }
  const problems = emulator.seedGateways(gateways);
  for (const problem of problems) io.stderr(`error ${problem.code}: ${problem.message}\n`);
  const failed = new Set(problems.map((p) => p.arn));
  const seeded = gateways.filter((g) => !failed.has(g.arn)).flatMap((g) => parseGatewayArn(g.arn) ?? []);
  io.stdout(
    [
      `Local AgentCore engine listening on ${emulator.url}`,
      `State: ${stateFile ?? 'in memory (lost on exit)'}`,
      `Seeded gateways: ${seeded.length}`,
      ...seeded.map((g) => `  MCP: ${localGatewayUrl(emulator.url, g.gatewayId)}`),
      `Point a client at it: AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL=${emulator.url} (any credentials work)`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await stop;
  await emulator.close();
  io.stdout('Stopped.\n');
  return problems.length > 0 ? EXIT.error : EXIT.ok;
}

/** Serves the repository's local engine until `stop`. */
async function serveCommand(repository: ReturnType<typeof repositoryRoot>, port: number | undefined, io: CommandIO, stop: Promise<unknown>): Promise<number> {
  let served: Awaited<ReturnType<typeof serveRepository>>;
  try {
    served = await serveRepository(repository.root, { port, notify: (line) => io.stderr(`${line}\n`) });
  } catch (error) {
    const code = error instanceof AgentCoreError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'StartFailed');
    io.stderr(`error ${code}: the local engine could not be served: ${(error as Error).message}\n`);
    return EXIT.error;
  }
  for (const problem of served.problems) io.stderr(`error: ${repository.path(problem.file)}: ${problem.message}\n`);
  io.stdout(
    [
      `Serving the local engine of this repository on ${served.url}`,
      `State: ${repository.path(`${STATE_FOLDER}/${STATE_FILE}`)}`,
      `Gateways: ${served.gateways.length}`,
      ...served.gateways.map((g) => `  MCP: ${g.url} [${g.engine}]`),
      'Commands run in this repository meanwhile (plan, apply, test --gateway...) use it; tokens: agentcore-policy token --engine ENGINE --claim NAME=VALUE',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await stop;
  await served.close();
  io.stdout('Stopped.\n');
  return served.problems.length > 0 ? EXIT.error : EXIT.ok;
}
