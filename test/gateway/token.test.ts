// `agentcore-policy token`: the token alone on stdout, from the issuer whose key sits beside the local engine's
// state (written after the folder's .gitignore, since the key is private), for local engines only; nothing of a
// token in any message.
import { lstatSync, readdirSync, readFileSync, statSync, symlinkSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeRepos } from '../helpers/repo.js';

afterAll(removeRepos);

const ENGINE = 'CustomerService_local';
const payload = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('agentcore-policy token', () => {
  it('prints only the token: the claims given as strings, --sub as the principal, the local issuer and audience', async () => {
    const root = await makeRepo();
    const result = await runCli(['token', '--engine', ENGINE, '--claim', 'username=refund-agent', '--claim', 'scope=payment:process refund:write', '--sub', 'user-123', '--expires', '30m'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = payload(result.stdout.trim());
    expect(claims).toMatchObject({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, sub: 'user-123', username: 'refund-agent', scope: 'payment:process refund:write' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(1800);
    const folder = join(root, '.agentcore-policy');
    expect(readFileSync(join(folder, '.gitignore'), 'utf8')).toBe('*\n');
    expect(statSync(join(folder, 'local-issuer-key.json')).mode & 0o777).toBe(0o600);
    // Default: the principal local-user, for an hour; seconds are a span too.
    const plain = payload((await runCli(['token', '--engine', ENGINE, '--expires', '90'], { cwd: root })).stdout.trim());
    expect(plain.sub).toBe('local-user');
    expect((plain.exp as number) - (plain.iat as number)).toBe(90);
    const hour = payload((await runCli(['token', '--engine', ENGINE], { cwd: root })).stdout.trim());
    expect((hour.exp as number) - (hour.iat as number)).toBe(3600);
  });

  it('refuses an engine in AWS, saying where its tokens come from', async () => {
    const root = await makeRepo();
    const result = await runCli(['token', '--engine', 'CustomerService_prod', '--claim', 'username=refund-agent'], { cwd: root });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'engines/production.yaml: error token/not-local: only an engine with endpoint: local has the local issuer; the gateways of an engine in AWS trust their own identity provider ' +
        '(the discoveryUrl of their CUSTOM_JWT authorizer, such as an Amazon Cognito user pool): get the token from it [engine CustomerService_prod]\nNo token.\n',
    });
    expect(readdirSync(root)).not.toContain('.agentcore-policy');
  });

  it('refuses an unknown engine, claims the issuer sets, a bad expiry or --claim, printing no token', async () => {
    const root = await makeRepo();
    const unknown = await runCli(['token', '--engine', 'CustomerService_locl'], { cwd: root });
    expect(unknown.stderr).toContain('error repository/unknown-engine: no engine named CustomerService_locl in engines/ (engines: CustomerService_local, CustomerService_prod); did you mean "CustomerService_local"?');
    const reserved = await runCli(['token', '--engine', ENGINE, '--claim', 'iss=https://evil.example'], { cwd: root });
    expect(reserved.stderr).toBe(
      'engines/local.yaml: error token/not-minted: the claim iss is set by the issuer; pass it as its own option [engine CustomerService_local]\nNo token.\n',
    );
    const expiry = await runCli(['token', '--engine', ENGINE, '--expires', 'soon'], { cwd: root });
    expect(expiry.stderr).toContain('error token/not-minted: cannot read the expiry "soon": give seconds or a span such as 1h or 30m');
    for (const args of [['--claim', 'username'], ['--claim', '=x'], ['--claim', 'a=1', '--claim', 'a=2'], []]) {
      const bad = await runCli(['token', ...(args.length > 0 ? ['--engine', ENGINE] : []), ...args], { cwd: root });
      expect(bad.code, args.join(' ')).toBe(1);
      expect(bad.stderr, args.join(' ')).toMatch(/^agentcore-policy token: (--claim takes NAME=VALUE|--claim a is given twice|--engine is required)/);
    }
    for (const result of [unknown, reserved, expiry]) expect(result.stdout).toBe('');
  });

  it('refuses a state folder a cloned repository made a link, writing no key where it points', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    const root = await makeRepo({ '.agentcore-policy': { symlink: outside } });
    const result = await runCli(['token', '--engine', ENGINE], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error aws/LocalEngineFailed: .agentcore-policy/ is a symbolic link; the local engine never follows links');
    expect(readdirSync(outside)).toEqual([]);
    expect(lstatSync(join(root, '.agentcore-policy')).isSymbolicLink()).toBe(true);
  });
});
