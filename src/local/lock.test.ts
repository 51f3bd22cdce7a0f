import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentCoreError } from '../agentcore/errors.js';
import { acquireLock } from './lock.js';
import { PROCESS_TESTS } from '../../test/helpers/timeouts.js';

const folder = () => mkdtempSync(join(tmpdir(), 'local-lock-'));
const lockIn = (dir: string) => join(dir, 'local-engine.lock');
const holding = (dir: string, holder: object) => writeFileSync(lockIn(dir), JSON.stringify(holder));

const children: ChildProcess[] = [];
/** A live process that is not this one, to hold a lock. */
function otherProcess(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}
const ended = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

describe('acquireLock', PROCESS_TESTS, () => {
  it('holds this process, host and start time while taken, and removes the lock on release', async () => {
    const dir = folder();
    const release = await acquireLock(dir);
    const holder = JSON.parse(readFileSync(lockIn(dir), 'utf8')) as Record<string, unknown>;
    expect(holder).toEqual({ pid: process.pid, host: hostname(), since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    await release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('waits for a live holder, saying once for whom, then refuses with what to do', async () => {
    const dir = folder();
    const child = otherProcess();
    holding(dir, { pid: child.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' });
    const told: string[] = [];
    const error = await acquireLock(dir, { waitMs: 400, notify: (line) => told.push(line) }).catch((e: unknown) => e);
    expect(told).toEqual([`waiting for agentcore-policy pid ${child.pid}, which is using the local engine of this repository`]);
    expect(error).toBeInstanceOf(AgentCoreError);
    expect((error as AgentCoreError).code).toBe('LocalEngineBusy');
    expect((error as AgentCoreError).message).toBe(
      `agentcore-policy pid ${child.pid} has been using the local engine of this repository since 2026-01-01T00:00:00.000Z, and still was after 0.4 s of waiting: ` +
        'run this command again once it has finished (if no such process is running, delete .agentcore-policy/local-engine.lock)',
    );
    expect(JSON.parse(readFileSync(lockIn(dir), 'utf8')).pid).toBe(child.pid);
  });

  it('gets the lock as soon as the holder lets go, or dies', async () => {
    for (const letGo of ['release', 'die'] as const) {
      const dir = folder();
      const child = otherProcess();
      holding(dir, { pid: child.pid, host: hostname(), since: new Date().toISOString() });
      const told: string[] = [];
      const taking = acquireLock(dir, { waitMs: 60_000, notify: (line) => told.push(line) });
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (letGo === 'release') rmSync(lockIn(dir));
      else {
        child.kill('SIGKILL');
        await ended(child);
      }
      const release = await taking;
      expect(told, letGo).toHaveLength(1);
      expect(JSON.parse(readFileSync(lockIn(dir), 'utf8')).pid, letGo).toBe(process.pid);
      await release();
    }
  });

  it('takes over a lock whose holder is gone, or that is not a lock this tool wrote, without waiting', async () => {
    const child = otherProcess();
    child.kill('SIGKILL');
    await ended(child);
    const stale = [
      { pid: child.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' },
      // The same pid as this process, from before a restart (containers reuse pids): this process would know.
      { pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' },
      { pid: 0, host: hostname(), since: 'x' },
      { pid: -1, host: hostname(), since: 'x' },
      { pid: 1.5, host: hostname(), since: 'x' },
      { pid: String(process.ppid), host: hostname(), since: 'x' },
      'not json at all',
      '',
    ];
    for (const holder of stale) {
      const dir = folder();
      writeFileSync(lockIn(dir), typeof holder === 'string' ? holder : JSON.stringify(holder));
      const told: string[] = [];
      const release = await acquireLock(dir, { waitMs: 0, notify: (line) => told.push(line) });
      expect(told, JSON.stringify(holder)).toEqual([]);
      expect(JSON.parse(readFileSync(lockIn(dir), 'utf8')).pid).toBe(process.pid);
      await release();
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('waits for a holder on another host, whose process it cannot see, naming the host', async () => {
    const dir = folder();
    holding(dir, { pid: 4242, host: 'build-7.example', since: '2026-01-01T00:00:00.000Z' });
    const told: string[] = [];
    const error = await acquireLock(dir, { waitMs: 150, notify: (line) => told.push(line) }).catch((e: unknown) => e);
    expect(told).toEqual(['waiting for agentcore-policy pid 4242 on build-7.example, which is using the local engine of this repository']);
    expect((error as AgentCoreError).message).toMatch(/^agentcore-policy pid 4242 on build-7\.example has been using/);
  });

  it('leaves a lock it does not hold on release', async () => {
    const dir = folder();
    const release = await acquireLock(dir);
    const other = { pid: 4242, host: 'build-7.example', since: 'later' };
    holding(dir, other);
    await release();
    expect(JSON.parse(readFileSync(lockIn(dir), 'utf8'))).toEqual(other);
    rmSync(lockIn(dir));
    await release();
    expect(existsSync(lockIn(dir))).toBe(false);
  });
});
