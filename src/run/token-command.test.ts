import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { runTokenCommand } from './token-command.js';
import { PROCESS_TESTS } from '../../test/helpers/timeouts.js';

const PRINCIPAL = { type: 'OAuthUser' as const, id: 'user-123', tags: { username: 'refund-agent' } };
const node = (script: string) => `"${process.execPath}" -e ${JSON.stringify(script)}`;

function run(command: string, timeoutMs?: number) {
  const stderr: string[] = [];
  return runTokenCommand(command, PRINCIPAL, { cwd: tmpdir(), env: { PATH: process.env.PATH }, stderr: (t) => stderr.push(t), timeoutMs }).then((result) => ({ result, stderr: stderr.join('') }));
}

describe('runTokenCommand', PROCESS_TESTS, () => {
  it('gives the command the principal as JSON on stdin and takes the one token it prints, with or without "Bearer "', async () => {
    const echo = node("let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const p=JSON.parse(s);process.stdout.write('tok.'+Buffer.from(p.id+'/'+p.tags.username).toString('base64url')+'\\n')})");
    expect((await run(echo)).result).toEqual({ ok: true, authorization: `Bearer tok.${Buffer.from('user-123/refund-agent').toString('base64url')}` });
    expect((await run('echo "Bearer abc.def-ghi"')).result).toEqual({ ok: true, authorization: 'Bearer abc.def-ghi' });
    // A command that never reads its stdin is fine.
    expect((await run('echo abc')).result).toEqual({ ok: true, authorization: 'Bearer abc' });
  });

  it('passes the stderr on, and says what went wrong without quoting what it printed', async () => {
    const failed = await run('echo "token service down" >&2; echo half-a-token; exit 2');
    expect(failed.result).toEqual({ ok: false, message: 'the token command exited with code 2 for OAuthUser user-123' });
    expect(failed.stderr).toBe('token service down\n');
    for (const printed of ['echo', 'echo "two words"', 'printf "a\\nb\\n"']) {
      const result = (await run(printed)).result;
      expect(result, printed).toEqual({ ok: false, message: 'the token command printed no bearer token for OAuthUser user-123 (it must print the token alone, on one line)' });
    }
    expect((await run(node("process.stdout.write('x'.repeat(70000))"))).result).toEqual({
      ok: false,
      message: 'the token command printed more than 65536 bytes for OAuthUser user-123; it must print one token',
    });
    expect((await run(node('setTimeout(() => {}, 60000)'), 300)).result).toEqual({
      ok: false,
      message: 'the token command printed no token for OAuthUser user-123 within 0.3 s, and was stopped',
    });
  });
});
