import { describe, expect, it } from 'vitest';
import type { AccessDiff, ActionAccess, EngineAccessDiff } from '../model.js';
import { baseWords, diffSummary, engineStatusWords, policyChangeWords } from './diff-words.js';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const base = { ref: 'origin/main', commit: COMMIT };
const tool = (verdict: ActionAccess['verdict'], action = 'T___a'): ActionAccess => ({ gateway: 'gw', action, verdict, newlyAllowed: [], newlyDenied: [] });
const engine = (parts: Partial<EngineAccessDiff> = {}): EngineAccessDiff => ({ engine: 'E', file: 'engines/e.yaml', status: 'kept', access: [], policies: [], ...parts });
const diff = (engines: EngineAccessDiff[]): AccessDiff => ({ base, engines, changesAccess: false, widensAccess: false, warnings: [] });

describe('diff words', () => {
  it('names the base by its ref and short commit, or by the commit alone when the ref is one', () => {
    expect(baseWords(base)).toBe('origin/main (0123456)');
    expect(baseWords({ ref: '0123456789', commit: COMMIT })).toBe('0123456');
    expect(baseWords({ ref: 'deadbeef', commit: COMMIT })).toBe('deadbeef (0123456)');
  });

  it('says what happened to a policy', () => {
    expect(policyChangeWords({ name: 'P', change: 'edited', fields: ['statement', 'enforcementMode'] })).toBe('edited: statement, enforcement mode');
    expect(policyChangeWords({ name: 'P', change: 'text-only' })).toBe('text only (comments or layout)');
    expect(policyChangeWords({ name: 'P', change: 'removed' })).toBe('removed');
  });

  it('says what an engine on one side only means', () => {
    expect(engineStatusWords(engine({ status: 'new' }), base)).toBe('not at origin/main (0123456): every permit is new access');
    expect(engineStatusWords(engine({ status: 'removed' }), base)).toMatch(/^only at origin\/main \(0123456\): this tool never deletes an engine/);
    expect(engineStatusWords(engine(), base)).toBeUndefined();
  });

  it('sums up access across engines and counts the policies changed by name', () => {
    const widened = engine({ access: [tool('widens'), tool('narrows', 'T___b')], policies: [{ name: 'P', change: 'edited', fields: ['statement'] }] });
    const again = engine({ access: [tool('both')], policies: [{ name: 'P', change: 'edited', fields: ['statement'] }] });
    expect(diffSummary(diff([widened, again]))).toBe('Widens access on 2 tools, narrows on 1 · 1 policy changed');
    expect(diffSummary(diff([engine({ access: [tool('unknown')] })]))).toBe('access unknown on 1 tool · no policy changes');
    expect(diffSummary(diff([engine({ policies: [{ name: 'P', change: 'text-only' }, { name: 'Q', change: 'added' }] })]))).toBe('No tool changes access · 2 policies changed');
  });
});
