// `test --gateway --token-command 'CMD'`: for a gateway in AWS, whose identity provider this tool does not stand in
// for, CMD (run by the shell, in the repository root) is given one principal of the test cases as JSON on stdin and
// prints a bearer token for it on stdout. What it prints is a secret: it is used as the Authorization header and
// nothing else, never shown, logged or quoted in a message. The command's stderr is the user's own and is passed on.
import { spawn } from 'node:child_process';
import type { TestPrincipal } from '../model.js';

export interface TokenCommandOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Where the command's stderr goes. */
  stderr: (text: string) => void;
  timeoutMs?: number;
}

export type TokenCommandResult = { ok: true; authorization: string } | { ok: false; message: string };

const TOKEN_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024;
/** RFC 6750's token68: what may follow `Bearer ` in an Authorization header. */
const TOKEN68 = /^[A-Za-z0-9._~+/-]+=*$/;

export function runTokenCommand(command: string, principal: TestPrincipal, options: TokenCommandOptions): Promise<TokenCommandResult> {
  const who = `${principal.type} ${principal.id}`;
  const timeoutMs = options.timeoutMs ?? TOKEN_TIMEOUT_MS;
  return new Promise((resolve) => {
    // In a process group of its own, so a command that takes too long is stopped with whatever it started.
    const child = spawn(command, { shell: true, cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: TokenCommandResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // it ended meanwhile
      }
      finish({ ok: false, message: `the token command printed no token for ${who} within ${timeoutMs / 1000} s, and was stopped` });
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_OUTPUT_BYTES) chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => options.stderr(chunk.toString('utf8')));
    child.on('error', (error) => finish({ ok: false, message: `the token command could not start (${(error as NodeJS.ErrnoException).code ?? error.message})` }));
    child.on('close', (code, signal) => {
      if (code !== 0) return finish({ ok: false, message: `the token command ${signal ? `was killed by ${signal}` : `exited with code ${code}`} for ${who}` });
      if (size > MAX_OUTPUT_BYTES) return finish({ ok: false, message: `the token command printed more than ${MAX_OUTPUT_BYTES} bytes for ${who}; it must print one token` });
      const token = Buffer.concat(chunks).toString('utf8').trim().replace(/^Bearer +/i, '');
      if (!TOKEN68.test(token)) return finish({ ok: false, message: `the token command printed no bearer token for ${who} (it must print the token alone, on one line)` });
      finish({ ok: true, authorization: `Bearer ${token}` });
    });
    // A command that does not read its stdin closes it early: that is no failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${JSON.stringify(principal)}\n`);
  });
}
