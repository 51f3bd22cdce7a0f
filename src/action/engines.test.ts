import { describe, expect, it } from 'vitest';
import { forEngines, mergeDiagnostics } from './engines.js';
import { diagnostic } from '../../test/builders/action.js';

describe('forEngines', () => {
  it('runs once for every engine when none is selected, else once per name in order', async () => {
    expect(await forEngines([], async (engine) => engine)).toEqual([undefined]);
    expect(await forEngines(['B', 'A'], async (engine) => engine)).toEqual(['B', 'A']);
  });
});

describe('mergeDiagnostics', () => {
  it('keeps a finding reported by several engine runs once, sorted by file and line', () => {
    const shared = diagnostic('warning', 'lint/no-permit', 'same everywhere', 7);
    const early = diagnostic('error', 'cedar/syntax', 'bad', 2);
    const other = { ...diagnostic('error', 'cedar/syntax', 'bad', 2), file: 'engines/a.yaml' };
    expect(mergeDiagnostics([[shared, early], [{ ...shared }, other]])).toEqual([other, early, shared]);
  });
});
