import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockAgentCoreControlClient, GetGatewayCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args.js';
import type { CommandIO } from './io.js';
import { runEmulatorCommand } from './emulator.js';
import { MAX_STATE_BYTES } from '../emulator/index.js';
import { MAX_FILE_BYTES } from '../repository/source-file.js';

const ENGINE = `name: Local
region: us-west-2
endpoint: local
groups: [authorization]
gateways:
  - arn: arn:aws:bedrock-agentcore:us-west-2:210987654321:gateway/refund-gateway-a1b2c3d4e5
    mode: ENFORCE
    targets:
      - name: RefundTarget
        tools:
          - name: process_refund
            inputSchema: { type: object, properties: { amount: { type: integer } } }
`;

function capture(cwd: string): CommandIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd, isTTY: false };
}

function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'emulator-cmd-'));
  mkdirSync(join(root, 'engines'));
  writeFileSync(join(root, 'engines', 'local.yaml'), ENGINE);
  return root;
}

describe('runEmulatorCommand', () => {
  it('serves the seeded gateways until stopped, printing its URL', async () => {
    const root = repository();
    const io = capture(root);
    let stop!: () => void;
    const run = runEmulatorCommand(['--port', '0', '--seed', 'engines/local.yaml', '--state', 'state.json'], io, new Promise<void>((r) => (stop = r)));
    const url = await new Promise<string>((resolve) => {
      const poll = () => {
        const match = /listening on (\S+)/.exec(io.out.join(''));
        if (match) resolve(match[1]!);
        else setTimeout(poll, 5);
      };
      poll();
    });
    const client = new BedrockAgentCoreControlClient({ region: 'us-west-2', endpoint: url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    const gateway = await client.send(new GetGatewayCommand({ gatewayIdentifier: 'refund-gateway-a1b2c3d4e5' }));
    expect(gateway.gatewayArn).toBe('arn:aws:bedrock-agentcore:us-west-2:210987654321:gateway/refund-gateway-a1b2c3d4e5');
    client.destroy();
    stop();
    expect(await run).toBe(0);
    expect(io.out.join('')).toContain(join(root, 'state.json'));
    expect(io.out.join('')).toContain('Seeded gateways: 1');
    expect(io.out.join('')).toContain(`  MCP: ${url}/gateways/refund-gateway-a1b2c3d4e5/mcp`);
  });

  it('reports an unreadable engine file as diagnostics and exits 1 without starting', async () => {
    const io = capture(repository());
    expect(await runEmulatorCommand(['--seed', 'engines/missing.yaml'], io, Promise.resolve())).toBe(1);
    expect(io.err.join('')).toMatch(/engines\/missing\.yaml.*does not exist/);
    expect(io.out).toEqual([]);
  });

  it('reports a corrupt state file and exits 1', async () => {
    const root = repository();
    writeFileSync(join(root, 'state.json'), '{"half":');
    const io = capture(root);
    expect(await runEmulatorCommand(['--state', 'state.json'], io, Promise.resolve())).toBe(1);
    expect(io.err.join('')).toMatch(/^error StateCorrupt: .*state\.json/);
  });

  it('refuses a state path that is not a regular file, without reading it', async () => {
    const root = repository();
    execFileSync('mkfifo', [join(root, 'fifo')]);
    writeFileSync(join(root, 'huge.json'), '');
    truncateSync(join(root, 'huge.json'), MAX_STATE_BYTES + 1);
    symlinkSync(join(root, 'engines', 'local.yaml'), join(root, 'link.json'));
    const cases = [
      ['/dev/zero', '/dev/zero: the emulator state file is not a regular file'],
      ['fifo', `${join(root, 'fifo')}: the emulator state file is not a regular file`],
      ['engines', `${join(root, 'engines')}: the emulator state file is not a regular file`],
      ['huge.json', `the emulator state file is ${MAX_STATE_BYTES + 1} bytes; state files over ${MAX_STATE_BYTES} bytes are refused`],
      ['link.json', 'the emulator state file is a symbolic link, which is never followed; it must be a regular file'],
    ];
    for (const [state, message] of cases) {
      const io = capture(root);
      expect(await runEmulatorCommand(['--state', state!], io, Promise.resolve()), state).toBe(1);
      expect(io.err.join('')).toMatch(/^error StateUnreadable: the emulator could not start: /);
      expect(io.err.join('')).toContain(message);
      expect(io.out).toEqual([]);
    }
  });

  it('seeds from an engine file anywhere the user names, relative or absolute', async () => {
    const root = repository();
    const elsewhere = mkdtempSync(join(tmpdir(), 'elsewhere-'));
    writeFileSync(join(elsewhere, 'engine.yaml'), ENGINE);
    mkdirSync(join(root, 'sub'));
    for (const [cwd, seed] of [[join(root, 'sub'), '../engines/local.yaml'], [root, join(elsewhere, 'engine.yaml')], [elsewhere, 'engine.yaml']] as const) {
      const io = capture(cwd);
      expect(await runEmulatorCommand(['--port', '0', '--seed', seed], io, Promise.resolve()), seed).toBe(0);
      expect(io.err).toEqual([]);
      expect(io.out.join('')).toContain('Seeded gateways: 1');
    }
  });

  it('refuses a seed file that is not a regular file or is too large, naming it as given', async () => {
    const root = repository();
    execFileSync('mkfifo', [join(root, 'fifo.yaml')]);
    writeFileSync(join(root, 'big.yaml'), `# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
    const cases = [
      ['/dev/zero', '/dev/zero is not a regular file'],
      ['fifo.yaml', 'fifo.yaml is not a regular file'],
      ['engines', 'engines is not a regular file'],
      ['big.yaml', `big.yaml is ${MAX_FILE_BYTES + 3} bytes; files over ${MAX_FILE_BYTES} bytes are refused`],
      ['../nowhere.yaml', '../nowhere.yaml does not exist'],
    ];
    for (const [seed, message] of cases) {
      const io = capture(root);
      expect(await runEmulatorCommand(['--seed', seed!], io, Promise.resolve()), seed).toBe(1);
      expect(io.err.join('')).toContain(message);
      expect(io.out).toEqual([]);
    }
  });

  it("serves a repository's local engine when run in it with neither --state nor --seed, and names the engines of each gateway", async () => {
    const root = repository();
    mkdirSync(join(root, 'policies'));
    const io = capture(join(root, 'engines'));
    let stop!: () => void;
    const run = runEmulatorCommand(['--port', '0'], io, new Promise<void>((r) => (stop = r)));
    while (!io.out.join('').includes('Press Ctrl+C')) await new Promise((r) => setTimeout(r, 10));
    const url = /on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(io.out.join(''))![1]!;
    stop();
    expect(await run).toBe(0);
    expect(io.out.join('')).toBe(
      `Serving the local engine of this repository on ${url}\nState: ../.agentcore-policy/local-engine.json\nGateways: 1\n` +
        `  MCP: ${url}/gateways/refund-gateway-a1b2c3d4e5/mcp [Local]\n` +
        'Commands run in this repository meanwhile (plan, apply, test --gateway...) use it; tokens: agentcore-policy token --engine ENGINE --claim NAME=VALUE\n' +
        'Press Ctrl+C to stop.\nStopped.\n',
    );
  });

  it('says why a repository has no local engine to serve, and what is a standalone option', async () => {
    const root = repository();
    writeFileSync(join(root, 'engines', 'local.yaml'), ENGINE.replace('endpoint: local\n', ''));
    const io = capture(root);
    expect(await runEmulatorCommand([], io, Promise.resolve())).toBe(1);
    expect(io.err.join('')).toBe('error LocalEngineFailed: the local engine could not be served: no engine file of this repository has endpoint: local, so it has no local engine to serve\n');
    await expect(runEmulatorCommand(['--delay', '5'], capture(root), Promise.resolve())).rejects.toThrow(/--delay and --region are for a standalone emulator/);
    await expect(runEmulatorCommand(['--dir', mkdtempSync(join(tmpdir(), 'not-a-repository-'))], capture(root), Promise.resolve())).rejects.toThrow(/holds no engines\/ folder/);
  });

  it('refuses a port that is not a port', async () => {
    await expect(runEmulatorCommand(['--port', 'http'], capture(repository()), Promise.resolve())).rejects.toBeInstanceOf(UsageError);
  });

});
