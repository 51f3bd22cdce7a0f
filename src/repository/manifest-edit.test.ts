import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { appendEntries, setEnabled, setEnforcementMode, unifiedDiff } from './manifest-edit.js';

const EMERGENCY = readFileSync(join(import.meta.dirname, '../../policies/emergency/policies.yaml'), 'utf8');
const changedLines = (diff: string[]) => diff.filter((l) => /^[-+][^-+]/.test(l));

describe('setEnabled', () => {
  it('changes exactly the one line of that entry, keeping comments and layout', () => {
    const edited = setEnabled(EMERGENCY, 'DisableTransferFunds', true, 'engaged: incident 42');
    if (!edited.ok) throw new Error(edited.message);
    const diff = unifiedDiff('policies/emergency/policies.yaml', EMERGENCY, edited.text);
    expect(changedLines(diff)).toEqual(['-    enabled: false', '+    enabled: true # engaged: incident 42']);
    expect(diff.slice(0, 2)).toEqual(['--- policies/emergency/policies.yaml', '+++ policies/emergency/policies.yaml']);
    expect(edited.text.startsWith('# Incident response, kept ready but off')).toBe(true);
  });

  it('adds the key when the entry has none, and clears an old comment', () => {
    const text = 'policies:\n  - name: A # first\n    file: a.cedar\n    version: 1.0.0\n    description: d\n';
    const on = setEnabled(text, 'A', false);
    expect(on).toEqual({ ok: true, text: `${text}    enabled: false\n` });
    const back = setEnabled((on as { text: string }).text.replace('enabled: false', 'enabled: false # why'), 'A', true);
    expect((back as { text: string }).text).toContain('    enabled: true\n');
    expect(setEnabled(text, 'B', true)).toEqual({ ok: false, message: 'no entry named B in this manifest' });
  });
});

describe('setEnabled leaves every other line as written', () => {
  const text = '# top\npolicies:\n  - name: A\n    file: a.cedar\n    engines: [X, Y]\n    tags: {a: b}\n    enabled: false # old reason\n  - name: B # bee\n    file: b.cedar\n    description: |\n      two\n      lines\n    # about B\n\nother: 1\n';

  it('replaces the value and its comment, and nothing else', () => {
    const edited = setEnabled(text, 'A', true, 'disengaged: ok\nnow');
    expect(edited).toEqual({ ok: true, text: text.replace('enabled: false # old reason', 'enabled: true # disengaged: ok now') });
    expect(setEnabled(text, 'A', false)).toEqual({ ok: true, text: text.replace('enabled: false # old reason', 'enabled: false') });
  });

  it('adds the key under the last line of an entry, before the comments after it, at the entry\'s indentation', () => {
    expect(setEnabled(text, 'B', true, 'why')).toEqual({ ok: true, text: text.replace('      lines\n', '      lines\n    enabled: true # why\n') });
    const flat = 'policies:\n- name: A\n  file: a.cedar';
    expect(setEnabled(flat, 'A', true)).toEqual({ ok: true, text: `${flat}\n  enabled: true\n` });
  });

  it('edits an entry written in flow style through the document', () => {
    const edited = setEnabled('policies:\n  - {name: A, file: a.cedar, enabled: false}\n', 'A', true, 'x');
    if (!edited.ok) throw new Error(edited.message);
    expect(parse(edited.text)).toEqual({ policies: [{ name: 'A', file: 'a.cedar', enabled: true }] });
    expect(edited.text).toContain('# x');
  });
});

describe('appendEntries', () => {
  const entry = { name: 'Imported', file: 'imported.cedar', version: '1.0.0', description: 'Made by hand: allow #1 refunds', engines: ['CustomerService_local'] };

  it('appends after the existing entries and keeps every comment', () => {
    const edited = appendEntries(EMERGENCY, [entry]);
    if (!edited.ok) throw new Error(edited.message);
    expect(edited.text.startsWith(EMERGENCY)).toBe(true);
    expect(edited.text.slice(EMERGENCY.length)).toBe(
      '  - name: Imported\n    file: imported.cedar\n    version: 1.0.0\n    description: "Made by hand: allow #1 refunds"\n    engines: [CustomerService_local]\n',
    );
    expect((parse(edited.text) as { policies: unknown[] }).policies).toHaveLength(4);
  });

  it('writes the entries at the indentation of the existing ones, and leaves every other line as written', () => {
    const flat = 'policies:\n- name: A # first\n  file: a.cedar\n  engines: [X, Y]\n# after the list\nother: {a: b}';
    const edited = appendEntries(flat, [entry]);
    if (!edited.ok) throw new Error(edited.message);
    expect(edited.text).toBe(
      'policies:\n- name: A # first\n  file: a.cedar\n  engines: [X, Y]\n' +
        '- name: Imported\n  file: imported.cedar\n  version: 1.0.0\n  description: "Made by hand: allow #1 refunds"\n  engines: [CustomerService_local]\n' +
        '# after the list\nother: {a: b}',
    );
    const deep = 'policies:\n    - name: A\n      file: a.cedar\n';
    expect((appendEntries(deep, [{ ...entry, engines: ['P', 'Q'] }]) as { text: string }).text).toBe(
      `${deep}    - name: Imported\n      file: imported.cedar\n      version: 1.0.0\n      description: "Made by hand: allow #1 refunds"\n      engines: [P, Q]\n`,
    );
  });

  it('writes a new manifest, or fills an empty one', () => {
    for (const start of [undefined, 'policies: []\n']) {
      const edited = appendEntries(start, [entry, { ...entry, name: 'Second', file: 'second.cedar', enforcementMode: 'LOG_ONLY' }]);
      if (!edited.ok) throw new Error(edited.message);
      expect(parse(edited.text)).toEqual({ policies: [entry, { ...entry, name: 'Second', file: 'second.cedar', enforcementMode: 'LOG_ONLY' }] });
      expect(edited.text.startsWith('policies:\n  - name: Imported\n')).toBe(true);
    }
    expect(appendEntries('other: 1\n', [entry])).toEqual({ ok: false, message: 'the manifest has no `policies:` list' });
  });
});

describe('setEnforcementMode', () => {
  const text = '# canaries\npolicies:\n  - name: Cap # watch it first\n    file: cap.cedar\n    enforcementMode: LOG_ONLY # canary since Monday\n    engines: [A, B]\n  - {name: Flow, file: f.cedar, enforcementMode: LOG_ONLY}\n';

  it('promotes a canary on its own line, with the comment given, every other line as written', () => {
    const edited = setEnforcementMode(text, 'Cap', 'ACTIVE', 'promoted: 400 decisions, 0 flips');
    expect(edited).toEqual({ ok: true, text: text.replace('enforcementMode: LOG_ONLY # canary since Monday', 'enforcementMode: ACTIVE # promoted: 400 decisions, 0 flips') });
  });

  it('edits a flow entry through the document', () => {
    const edited = setEnforcementMode(text, 'Flow', 'ACTIVE');
    expect(edited.ok && parse(edited.text).policies[1]).toEqual({ name: 'Flow', file: 'f.cedar', enforcementMode: 'ACTIVE' });
    expect(edited.ok && edited.text.split('\n').slice(0, 6)).toEqual(text.split('\n').slice(0, 6));
  });
});
