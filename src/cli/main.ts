// The `agentcore-policy` command line: dispatches to one command, maps failures to exit codes, and is the only
// place (with the action) that turns an unexpected exception into a message.
import { readFileSync } from 'node:fs';
import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { GROUPS } from '../model.js';
import { DEFAULT_IMPORT_GROUPS } from '../plan/import.js';
import { UsageError } from './args.js';
import { fmtCommand } from './fmt.js';
import { EXIT, type CommandIO } from './io.js';
import { testCommand } from './test.js';
import { validateCommand } from './validate.js';

type Command = (args: string[], io: CommandIO) => Promise<number>;

interface CommandEntry {
  run: () => Promise<Command>;
  summary: string;
  usage: string;
  /** More for `--help`: what an option does when it is left out. */
  details?: string;
}

// Commands other than the offline ones load lazily, so `validate` never pays for the AWS SDK's start-up.
const COMMANDS: Record<string, CommandEntry> = {
  validate: {
    run: async () => validateCommand,
    summary: 'check manifests, engine files and Cedar policies',
    usage: 'validate [--dir D] [--engine NAME,...] [--format text|json|github] [--deny-warnings]',
  },
  fmt: { run: async () => fmtCommand, summary: "format .cedar files with Cedar's formatter (--check to verify)", usage: 'fmt [--dir D] [--check]' },
  test: {
    run: async () => testCommand,
    summary: 'evaluate the authorization test cases locally',
    usage: 'test [--dir D] [--engine NAME,...] [--format text|json]',
  },
  plan: {
    run: async () => (await import('./plan.js')).planCommand,
    summary: 'show what apply would change in the live engines',
    usage: 'plan [--dir D] [--engine NAME,...] [--out plan.json] [--format text|markdown|json] [--detailed-exitcode] [--profile P]',
  },
  apply: {
    run: async () => (await import('./apply.js')).applyCommand,
    summary: 'apply a plan to the live engines (never widening access in between)',
    usage: 'apply [PLAN_FILE] [--dir D] [--engine NAME,...] [--auto-approve] [--format text|markdown|json] [--parallelism N] [--profile P]',
  },
  unlock: {
    run: async () => (await import('./unlock.js')).unlockCommand,
    summary: 'clear the apply lock a killed apply left on an engine, given its id',
    usage: 'unlock --engine E LOCK_ID [--dir D] [--profile P]',
  },
  emergency: {
    run: async () => (await import('./emergency.js')).emergencyCommand,
    summary: 'engage or disengage an emergency policy live at once',
    usage: 'emergency engage|disengage NAME --engine E --reason TEXT [--write] [--dir D] [--format text|json] [--profile P]',
  },
  import: {
    run: async () => (await import('./import.js')).importCommand,
    summary: 'write files for live policies the repository does not have yet',
    usage: `import --engine E [--group ${GROUPS.join('|')}] [--dir D] [--profile P]`,
    details:
      'Without --group, a policy carrying the managed-by marker goes back to the group the marker records, and any other ' +
      `to the first of ${DEFAULT_IMPORT_GROUPS.join(', ')} that the engine deploys.`,
  },
  pull: {
    run: async () => (await import('./pull.js')).pullCommand,
    summary: "rewrite the engine files' gateway tools from the live gateways (--check to verify)",
    usage: 'pull [--dir D] [--engine NAME,...] [--check] [--profile P]',
  },
  generate: {
    run: async () => (await import('./generate.js')).generateCommand,
    summary: 'turn a sentence into Cedar with AgentCore, and --write it as files to review',
    usage: 'generate "TEXT" --engine E --gateway ARN|{{variable}} --name NAME [--group G] [--write] [--force] [--dir D] [--profile P]',
  },
  emulator: {
    run: async () => (await import('./emulator.js')).runEmulatorCommand,
    summary: 'run the local AgentCore control plane',
    usage: 'emulator [--port N] [--state FILE] [--seed ENGINE_FILE]... [--delay MS] [--region R]',
  },
};

export const USAGE = `Usage: agentcore-policy <command> [options]
       agentcore-policy --version

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)
  .join('\n')}

Run inside a policy repository (the nearest folder up holding engines/ is its root) or pass --dir.
`;

/** The package's version, read when asked: from src/cli/ and from dist/cli/ alike, package.json is two folders up. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function processIO(): CommandIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
    confirm: stdin.isTTY
      ? async (question) => {
          const rl = createInterface({ input: stdin, output: stdout });
          try {
            return (await rl.question(`${question} `)).trim().toLowerCase() === 'yes';
          } finally {
            rl.close();
          }
        }
      : undefined,
  };
}

export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-V') {
    io.stdout(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`agentcore-policy: unknown command "${name}"\n\n${USAGE}`);
    return EXIT.error;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`Usage: agentcore-policy ${command.usage}\n\n${command.summary}.${command.details ? ` ${command.details}` : ''}\n`);
    return EXIT.ok;
  }
  try {
    return await (await command.run())(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`agentcore-policy ${name}: ${error.message}\nUsage: agentcore-policy ${command.usage}\n`);
      return EXIT.error;
    }
    io.stderr(`agentcore-policy ${name}: internal error: ${(error as Error).message}\nPlease report this with the command you ran.\n`);
    if (io.env.AGENTCORE_POLICY_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return EXIT.error;
  }
}
