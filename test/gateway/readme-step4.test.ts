// The README's Step 4 on localhost, run as written on a fresh copy of the example repository: each
// `npx agentcore-policy` line is the CLI as its own process (`&` in the background, `VAR=$(...)` captured), each
// `curl` is the same POST with the same headers and body through node's fetch, and what each prints must read as
// the README shows it (a `...` line stands for any lines). The one change: port 4590 becomes a free port, so the
// test never meets a server of the developer's. The README's `test --gateway` example is then run against the
// server the same way.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../security/processes.js';
import { collectExit, type Exit } from '../helpers/process.js';
import { makeRepo, PROJECT_ROOT, removeRepos } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

const README = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill('SIGINT');
  await removeRepos();
});

interface Step {
  command: string;
  output: string[];
}

/** The `$ ` commands of the README's code block that starts with `first`, continuation lines joined, each with the
 * lines it prints. */
function session(first: string): Step[] {
  const start = README.indexOf(`\n$ ${first}\n`);
  if (start < 0) throw new Error(`the README has no session starting with ${first}`);
  const block = README.slice(start + 1, README.indexOf('\n```', start));
  const steps: Step[] = [];
  const lines = block.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (!line.startsWith('$ ')) {
      steps.at(-1)!.output.push(line);
      continue;
    }
    while (line.endsWith('\\')) line = `${line.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
    steps.push({ command: line.slice(2), output: [] });
  }
  return steps;
}

/** Whether `lines` read as `pattern`, where a pattern line `...` stands for any number of lines. */
function matches(pattern: string[], lines: string[]): boolean {
  const [first, ...rest] = pattern;
  if (first === undefined) return lines.length === 0;
  if (first === '...') return lines.some((_, i) => matches(rest, lines.slice(i))) || matches(rest, []);
  return lines[0] === first && matches(rest, lines.slice(1));
}

/** A shell's words: '...' literal, "..." with $VAR expanded, bare words with $VAR expanded. */
function words(command: string, vars: Record<string, string>): string[] {
  const expand = (text: string) => text.replace(/\$(\w+)/g, (_, name: string) => vars[name] ?? '');
  const found: string[] = [];
  for (const match of command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    found.push(match[1] ?? expand(match[2] ?? match[3]!));
  }
  return found;
}

/** curl -s URL -H 'name: value'... -d BODY, as fetch. */
async function curl(args: string[]): Promise<string> {
  const headers: Record<string, string> = {};
  let url = '';
  let body: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-s') continue;
    if (arg === '-H') {
      const header = args[++i]!;
      headers[header.slice(0, header.indexOf(':')).trim()] = header.slice(header.indexOf(':') + 1).trim();
    } else if (arg === '-d') body = args[++i]!;
    else url = arg;
  }
  const response = await fetch(url, { method: body === undefined ? 'GET' : 'POST', headers, body });
  return response.text();
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the child has printed `text` on stdout. */
function printed(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(text)) resolve();
    });
  });
}

const ENV = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };

async function agentcorePolicy(args: string[], cwd: string): Promise<Exit> {
  const child = spawnCli(args, cwd, ENV);
  child.stdin.end();
  return collectExit(child);
}

describe("the README's Step 4", PROCESS_TESTS, () => {
  it('serves, applies, mints a token and gets 450 allowed and 750 denied, printing what the README shows', async () => {
    const root = await makeRepo();
    const port = String(await freePort());
    const vars: Record<string, string> = {};
    let server: { child: ChildProcess; exit: Promise<Exit>; up: Promise<void> } | undefined;
    for (const { command, output } of session('npx agentcore-policy emulator --port 4590 &')) {
      const line = command.replaceAll('4590', port);
      const shown = output.map((text) => text.replaceAll('4590', port));
      const assignment = /^(\w+)=\$\((.*)\)$/.exec(line);
      if (line.startsWith('npx agentcore-policy ') && line.endsWith(' &')) {
        const child = spawnCli(words(line.slice('npx agentcore-policy '.length, -2), vars), root, ENV);
        child.stdin.end();
        children.push(child);
        server = { child, exit: collectExit(child), up: printed(child, 'Press Ctrl+C to stop.\n') };
      } else if (assignment) {
        const run = await agentcorePolicy(words(assignment[2]!.replace(/^npx agentcore-policy /, ''), vars), root);
        expect(run.code, run.stderr).toBe(0);
        expect(shown, line).toEqual([]);
        vars[assignment[1]!] = run.stdout.trim();
      } else if (line.startsWith('npx agentcore-policy ')) {
        const run = await agentcorePolicy(words(line.slice('npx agentcore-policy '.length), vars), root);
        expect(run.code, `${line}\n${run.stderr}`).toBe(0);
        expect(matches(shown, run.stdout.replace(/\n$/, '').split('\n')), `${line} printed:\n${run.stdout}`).toBe(true);
      } else if (line.startsWith('curl ')) {
        await server!.up;
        const answer = await curl(words(line.slice('curl '.length), vars));
        expect(answer, line).toBe(shown.join('\n'));
      } else {
        throw new Error(`the test does not know how to run: ${line}`);
      }
    }
    expect(vars.TOKEN).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    // The README's test --gateway example, while the server runs: the command joins it.
    const testCommand = 'npx agentcore-policy test --gateway --engine CustomerService_local';
    const [testStep] = session(testCommand);
    const tested = await agentcorePolicy(words(testCommand.slice('npx agentcore-policy '.length), vars), root);
    expect(tested.stderr).toMatch(/^using the local engine that agentcore-policy pid \d+ serves at http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(matches(testStep!.output, tested.stdout.replace(/\n$/, '').split('\n')), tested.stdout).toBe(true);

    server!.child.kill('SIGINT');
    const stopped = await server!.exit;
    const banner = session('npx agentcore-policy emulator --port 4590 &')[0]!.output.map((text) => text.replaceAll('4590', port));
    expect(matches([...banner, 'Stopped.'], stopped.stdout.replace(/\n$/, '').split('\n')), stopped.stdout).toBe(true);
    expect(stopped.code).toBe(0);
    // Nothing printed a token but the token command.
    for (const exit of [stopped, tested]) expect(exit.stdout + exit.stderr).not.toContain(vars.TOKEN!.split('.')[2]);
  });
});
