// The `agentcore-policy` command line: dispatches to one command, maps failures to exit codes, and is the only
// place (with the action) that turns an unexpected exception into a message.
import { readFileSync } from 'node:fs';
import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { maskSecretValues } from '../agentcore/secrets.js';
import { GROUPS } from '../model.js';
import { DEFAULT_IMPORT_GROUPS } from '../plan/import.js';
import { UsageError } from './args.js';
import { EXIT, type CommandIO } from './io.js';

type Command = (args: string[], io: CommandIO) => Promise<number>;

interface CommandEntry {
  run: () => Promise<Command>;
  summary: string;
  usage: string;
  /** More for `--help`: what an option does when it is left out. */
  details?: string;
}

// Every command loads its module when it runs, so a command loads only what it uses: `--help` loads no command at
// all, and the offline ones (validate, test, fmt) never the AWS SDK (test/architecture/offline.test.ts checks it).
const COMMANDS: Record<string, CommandEntry> = {
  init: {
    run: async () => (await import('./init.js')).initCommand,
    summary: 'scaffold a policy repository in an empty folder (--from-live: from a live engine)',
    usage: 'init [--dir D] [--engine-name N] [--region R] [--endpoint URL|local] | init --from-live --engine-name N --region R [--endpoint URL|local] [--dir D] [--profile P]',
    details:
      'Without --from-live: a commented engine file for the embedded local engine (CustomerService_local, us-west-2) with AWS\'s refund example and its test cases. ' +
      'With --from-live: the engine, the gateways attached to it with their tools (as pull reads them) and its policies (as import writes them down). ' +
      'Never overwrites a file: when one is in the way, nothing is written.',
  },
  validate: {
    run: async () => (await import('./validate.js')).validateCommand,
    summary: 'check manifests, engine files and Cedar policies',
    usage: 'validate [--dir D] [--engine NAME,...] [--format text|json|github] [--deny-warnings]',
  },
  fmt: { run: async () => (await import('./fmt.js')).fmtCommand, summary: "format .cedar files with Cedar's formatter (--check to verify)", usage: 'fmt [--dir D] [--check]' },
  test: {
    run: async () => (await import('./test.js')).testCommand,
    summary: 'evaluate the authorization test cases locally (--gateway: through the live gateways)',
    usage: "test [--dir D] [--engine NAME,...] [--format text|json] [--gateway [--token-command 'CMD'] [--profile P]]",
    details:
      'With --gateway, every case is sent as a real tools/call through its engine\'s gateway, which decides with the live policies; ' +
      'the report adds the cases where the gateway and the offline evaluation disagree. A local engine gets tokens from the local issuer; ' +
      'for an engine in AWS, CMD runs once per distinct principal, with the principal as JSON on stdin, and prints its bearer token.',
  },
  plan: {
    run: async () => (await import('./plan.js')).planCommand,
    summary: 'show what apply would change in the live engines',
    usage: 'plan [--dir D] [--engine NAME,...] [--out plan.json] [--format text|markdown|json] [--detailed-exitcode] [--replay [--since 7d] [--max-requests N]] [--profile P]',
    details: '--replay decides the recorded requests of the last --since (default 7d) again with the new policies and counts those that would flip (docs/replay.md).',
  },
  diff: {
    run: async () => (await import('./diff.js')).diffCommand,
    summary: 'show what the working tree does to access compared with a git ref, offline',
    usage: 'diff --base REF [--dir D] [--engine NAME,...] [--format text|markdown|json] [--detailed-exitcode]',
    details:
      "Compares each engine's policies at REF (e.g. origin/main) with the working tree's, tool by tool, with example requests; " +
      'no AWS, no emulator. --detailed-exitcode exits 2 when some tool\'s access changes.',
  },
  apply: {
    run: async () => (await import('./apply.js')).applyCommand,
    summary: 'apply a plan to the live engines (never widening access in between)',
    usage: 'apply [PLAN_FILE] [--dir D] [--engine NAME,...] [--auto-approve] [--format text|markdown|json] [--parallelism N] [--profile P]',
  },
  decisions: {
    run: async () => (await import('./decisions.js')).decisionsCommand,
    summary: "show what the gateways decided, and what each LOG_ONLY policy would have done",
    usage: 'decisions [--dir D] [--engine NAME,...] [--since 24h] [--max-requests N] [--format text|json] [--profile P]',
    details:
      'Reads the local engine\'s decision records, or the gateways\' application logs in CloudWatch Logs for an engine in AWS ' +
      '(docs/replay.md). --since takes 30m, 24h, 7d (default 24h).',
  },
  promote: {
    run: async () => (await import('./promote.js')).promoteCommand,
    summary: 'switch a LOG_ONLY policy to ACTIVE in its manifest, once recorded decisions back it',
    usage: 'promote NAME [--dir D] [--engine NAME,...] [--since 7d] [--min-decisions N] [--max-flips N] [--force] [--max-requests N] [--profile P]',
    details:
      'Refuses with fewer than --min-decisions recorded decisions on the policy\'s tools (default 100) or more than --max-flips ' +
      'decisions it would have flipped (default 0), unless --force; prints the evidence as markdown for the pull request.',
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
  token: {
    run: async () => (await import('./token.js')).tokenCommand,
    summary: "print a bearer token from a local engine's issuer, for calling its gateways",
    usage: 'token --engine E [--claim NAME=VALUE]... [--sub ID] [--expires 1h] [--dir D]',
    details: 'Every --claim is a string claim, which the gateway makes a tag of the principal; --sub (default local-user) is the principal id.',
  },
  emulator: {
    run: async () => (await import('./emulator.js')).runEmulatorCommand,
    summary: "serve this repository's local engine (or run a standalone emulator with --state/--seed)",
    usage: 'emulator [--port N] [--dir D] | emulator [--port N] [--state FILE] [--seed ENGINE_FILE]... [--delay MS] [--region R]',
    details:
      "In a policy repository, without --state or --seed, it serves the repository's local engine and its gateways' MCP endpoints until stopped, " +
      'and the commands run in the repository meanwhile use it.',
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

/** The process's own streams. Everything printed has the values of the credentials in use masked last: one echoed
 * by a service in a way the layers below did not foresee is masked on its way out. (Only values: a pattern for
 * credential-shaped text belongs on error messages, not on policy text a user prints.) */
export function processIO(): CommandIO {
  return {
    stdout: (text) => process.stdout.write(maskSecretValues(text)),
    stderr: (text) => process.stderr.write(maskSecretValues(text)),
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
