import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSaver, loadState, writeStateAtomically } from './persistence.js';
import { emptyState } from './store.js';

const dir = () => mkdtempSync(join(tmpdir(), 'emulator-state-'));

describe('state file', () => {
  it('round-trips a state through an atomic write, leaving no temp file', () => {
    const file = join(dir(), 'nested', 'state.json');
    const state = { ...emptyState(), seq: 7 };
    writeStateAtomically(file, state);
    expect(loadState(file)).toEqual({ ok: true, state });
    expect(readdirSync(join(file, '..'))).toEqual(['state.json']);
  });
  it('treats a missing file as no state and a corrupt one as an error', () => {
    const folder = dir();
    expect(loadState(join(folder, 'none.json'))).toEqual({ ok: true });
    writeFileSync(join(folder, 'bad.json'), '{"half":');
    expect(loadState(join(folder, 'bad.json'))).toMatchObject({ ok: false, code: 'StateCorrupt' });
    writeFileSync(join(folder, 'other.json'), '{"version":2}');
    expect(loadState(join(folder, 'other.json'))).toMatchObject({ ok: false, code: 'StateCorrupt' });
  });
  it('coalesces changes and writes the latest state on flush', () => {
    const file = join(dir(), 'state.json');
    const state = emptyState();
    const saver = createSaver(file, () => state, 10_000);
    saver.changed();
    state.seq = 3;
    saver.changed();
    saver.flush();
    expect(JSON.parse(readFileSync(file, 'utf8')).seq).toBe(3);
  });
  it('writes what is pending on close, and nothing after it', () => {
    const file = join(dir(), 'state.json');
    const state = emptyState();
    const saver = createSaver(file, () => state, 10_000);
    state.seq = 1;
    saver.changed();
    saver.close();
    state.seq = 2;
    saver.changed();
    saver.flush();
    expect(JSON.parse(readFileSync(file, 'utf8')).seq).toBe(1);
  });
  it('writes nothing on flush when nothing changed', () => {
    const file = join(dir(), 'state.json');
    createSaver(file, emptyState).flush();
    expect(loadState(file)).toEqual({ ok: true });
  });
});
