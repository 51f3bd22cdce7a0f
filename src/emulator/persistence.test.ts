import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../regular-file.js';
import { createSaver, loadState, MAX_STATE_BYTES, MAX_STATE_DEPTH, SaveError } from './persistence.js';
import { emptyState, type State } from './store.js';

const dir = () => mkdtempSync(join(tmpdir(), 'emulator-state-'));
const SECRET = 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const fileHolding = (text: string) => {
  const file = join(dir(), 'state.json');
  writeFileSync(file, text);
  return file;
};
const record = { id: 'e1', seq: 1, arn: 'arn', name: 'E', createdAt: 0, updatedAt: 0, life: { kind: 'create', startedAt: 0, readyAt: 0 }, attrs: {} };
const stateWith = (regions: unknown) => JSON.stringify({ version: 1, seq: 1, regions });
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
/** A promise and the function that settles it. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('loadState', () => {
  it('round-trips a state through an atomic write, creating the folder and leaving no temp file', async () => {
    const file = join(dir(), 'nested', 'state.json');
    const state: State = { ...emptyState(), seq: 7 };
    await writeFileAtomically(file, JSON.stringify(state));
    expect(loadState(file)).toEqual({ ok: true, state: { version: 1, seq: 7, regions: {} } });
    expect(readdirSync(join(file, '..'))).toEqual(['state.json']);
  });

  it('treats a missing file as no state', () => {
    expect(loadState(join(dir(), 'none.json'))).toEqual({ ok: true });
  });

  it('says what is wrong with a state that does not parse, quoting none of it', () => {
    const cases: [string, string][] = [
      [`${SECRET} {"half":`, 'it is not JSON'],
      [JSON.stringify(SECRET), 'it is not an emulator state file (version 1)'],
      [JSON.stringify([SECRET]), 'it is not an emulator state file (version 1)'],
      [JSON.stringify({ version: 2, seq: 0, regions: {}, key: SECRET }), 'it is not an emulator state file (version 1)'],
      [JSON.stringify({ version: 1, regions: {} }), 'it is not an emulator state file (version 1)'],
      [stateWith({ 'us-east-1': SECRET }), 'a region in it does not hold'],
      [stateWith({ 'us-east-1': { engines: { e1: SECRET } } }), 'a region in it does not hold'],
      [stateWith({ 'us-east-1': { engines: { e1: { ...record, life: undefined } } } }), 'a region in it does not hold'],
      [stateWith({ 'us-east-1': { policies: { e1: record } } }), 'a region in it does not hold'],
      [stateWith({ 'us-east-1': { tokens: { t: { id: 'e1' } } } }), 'a region in it does not hold'],
      [stateWith({ deep: JSON.parse(`${'['.repeat(MAX_STATE_DEPTH)}${']'.repeat(MAX_STATE_DEPTH)}`) }), `it nests deeper than ${MAX_STATE_DEPTH} levels`],
    ];
    for (const [text, problem] of cases) {
      const file = fileHolding(text);
      const loaded = loadState(file);
      expect(loaded, text.slice(0, 60)).toMatchObject({ ok: false, code: 'StateCorrupt', file });
      const { message } = loaded as { message: string };
      expect(message).toContain(problem);
      expect(message).toMatch(/; delete it to start afresh$/);
      expect(message).not.toMatch(/aws_secret|wJalr|EXAMPLEKEY/);
    }
  });

  it('takes a state the emulator wrote, its regions and maps as written, generations optional', () => {
    const file = fileHolding(stateWith({ 'us-east-1': { engines: { e1: record }, policies: { e1: { p1: record } }, gateways: {}, targets: {}, tokens: { t: { hash: 'h', id: 'e1' } } } }));
    expect(loadState(file)).toMatchObject({ ok: true, state: { seq: 1 } });
  });

  it('refuses a symbolic link, whatever it points at, without reading it', () => {
    const folder = dir();
    writeFileSync(join(folder, 'credentials'), SECRET);
    writeFileSync(join(folder, 'good.json'), JSON.stringify(emptyState()));
    for (const [name, target] of [['to-secret', 'credentials'], ['to-state', 'good.json'], ['to-zero', '/dev/zero'], ['dangling', 'nowhere']] as const) {
      symlinkSync(target, join(folder, name));
      const loaded = loadState(join(folder, name));
      expect(loaded, name).toMatchObject({ ok: false, code: 'StateUnreadable', message: 'the emulator state file is a symbolic link, which is never followed; it must be a regular file' });
    }
  });

  it('refuses devices, FIFOs and folders without blocking, and files over MAX_STATE_BYTES without reading them', () => {
    const folder = dir();
    execFileSync('mkfifo', [join(folder, 'fifo')]);
    mkdirSync(join(folder, 'folder'));
    for (const path of ['/dev/zero', '/dev/random', join(folder, 'fifo'), join(folder, 'folder')]) {
      expect(loadState(path), path).toMatchObject({ ok: false, code: 'StateUnreadable', message: 'the emulator state file is not a regular file' });
    }
    const huge = join(folder, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_STATE_BYTES + 1);
    expect(loadState(huge)).toMatchObject({ ok: false, code: 'StateUnreadable', message: `the emulator state file is ${MAX_STATE_BYTES + 1} bytes; state files over ${MAX_STATE_BYTES} bytes are refused` });
  });
});

describe('createSaver', () => {
  it('answers a commit once the state as it was is in the file', async () => {
    const file = join(dir(), 'state.json');
    const state = emptyState();
    const saver = createSaver(file, () => state);
    state.seq = 3;
    await saver.commit();
    expect(JSON.parse(readFileSync(file, 'utf8')).seq).toBe(3);
  });

  it('groups the commits made while a write is under way into the next write', async () => {
    const file = join(dir(), 'state.json');
    const state = emptyState();
    const written: number[] = [];
    let held = gate();
    const saver = createSaver(file, () => state, {
      write: async (path, text) => {
        await held.opened;
        written.push((JSON.parse(text) as State).seq);
        await writeFileAtomically(path, text);
      },
    });
    state.seq = 1;
    const first = saver.commit();
    const later: Promise<void>[] = [];
    for (let seq = 2; seq <= 100; seq++) {
      state.seq = seq;
      later.push(saver.commit());
    }
    const firstHeld = held;
    held = { opened: Promise.resolve(), open: () => undefined };
    firstHeld.open();
    await Promise.all([first, ...later]);
    expect(written).toEqual([1, 100]);
    expect(JSON.parse(readFileSync(file, 'utf8')).seq).toBe(100);
  });

  it('fails the commits of a failed write, reports it once, and saves again when the disk does', async () => {
    const file = join(dir(), 'state.json');
    const state = emptyState();
    const reports: string[] = [];
    let failures = 3;
    const saver = createSaver(file, () => state, {
      report: (message) => reports.push(message),
      write: async (path, text) => {
        if (failures-- > 0) throw errno('ENOSPC');
        await writeFileAtomically(path, text);
      },
    });
    for (let seq = 1; seq <= 3; seq++) {
      state.seq = seq;
      const failed = await saver.commit().catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(SaveError);
      expect((failed as Error).message).toBe('could not save its state (ENOSPC); the change may not survive a restart');
    }
    expect(reports).toEqual([`The emulator cannot save its state to ${file} (ENOSPC); it answers changes with InternalServerException until it can.`]);
    state.seq = 4;
    await saver.commit();
    await saver.commit();
    expect(reports.slice(1)).toEqual([`The emulator saves its state to ${file} again.`]);
    expect(JSON.parse(readFileSync(file, 'utf8')).seq).toBe(4);
  });

  it('fails a commit whose state cannot be serialised instead of throwing, and leaves the file as it was', async () => {
    const file = join(dir(), 'state.json');
    const state = emptyState();
    const saver = createSaver(file, () => state, { report: () => undefined });
    await saver.commit();
    let bomb: unknown = [];
    for (let i = 0; i < 100_000; i++) bomb = [bomb];
    (state as unknown as Record<string, unknown>).bomb = bomb;
    await expect(saver.commit()).rejects.toThrow(/could not save its state \(Maximum call stack size exceeded\)/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, seq: 0, regions: {} });
  });

  it('fails commits on a real failing folder, with no temp file left', async () => {
    const folder = dir();
    mkdirSync(join(folder, 'state'));
    const file = join(folder, 'state', 'state.json');
    const saver = createSaver(file, emptyState, { report: () => undefined });
    await saver.commit();
    // The state folder is replaced by a file under the running emulator.
    rmSync(join(folder, 'state'), { recursive: true });
    writeFileSync(join(folder, 'state'), '');
    await expect(saver.commit()).rejects.toThrow(/could not save its state \((ENOTDIR|EEXIST)\)/);
    expect(readdirSync(folder)).toEqual(['state']);
  });

  it('waits on close for the write under way, and refuses every commit after it', async () => {
    const file = join(dir(), 'state.json');
    const state = emptyState();
    const held = gate();
    const saver = createSaver(file, () => state, { write: async (path, text) => (await held.opened, writeFileAtomically(path, text)) });
    state.seq = 1;
    const committed = saver.commit();
    const closed = saver.close();
    state.seq = 2;
    await expect(saver.commit()).rejects.toBeInstanceOf(SaveError);
    held.open();
    await Promise.all([committed, closed]);
    expect(JSON.parse(readFileSync(file, 'utf8')).seq).toBe(1);
  });
});
