import { describe, expect, it } from 'vitest';
import { figuresTable, inReadmeOrder, previousRatios, readmeFigures, type Figure } from '../../bench/figures.js';

const README = `# Tool

## Figures

Some words.

| figure | time | floor | ratio | peak RSS |
|---|--:|--:|--:|--:|
| \`validate\`, 5,000 policies | 1,735 ms | 1,272 ms | 1.36 | |
| \`apply\` of 200 new policies vs the loop | 1.93 s | loop: 25.2 s | 13x faster | |
| emulator: throughput | ~3,300 req/s | | | |

## Release

| figure | ratio |
|---|---|
| elsewhere | 9.99 |
`;

describe('the README figures table', () => {
  it("reads the previous ratios of the Figures section's table only, by figure", () => {
    const previous = previousRatios(README);
    expect([...previous]).toEqual([
      ['`validate`, 5,000 policies', 1.36],
      ['`apply` of 200 new policies vs the loop', 13],
    ]);
  });

  it('finds nothing in a README without the section', () => {
    expect(previousRatios('# Tool\n\n| figure | ratio |\n|---|---|\n| a | 1.5 |\n').size).toBe(0);
  });

  it('writes each ratio with its target, the previous ratio, and says which got worse or missed', () => {
    const figures: Figure[] = [
      { figure: '`validate`, 5,000 policies', ms: 2_000, floor: { ms: 1_000, is: 'cedar' }, target: 1.5 },
      { figure: '`apply` of 200 new policies vs the loop', ms: 2_000, floor: { ms: 26_000, is: 'the loop' }, kind: 'speedup' },
      { figure: 'cold start, `--help`', ms: 80, floor: { ms: 50, is: 'node' }, target: 2, rss: 47.2 },
      { figure: 'emulator: throughput', ms: 1, value: '3,000 req/s' },
    ];
    const rows = figuresTable(figures, previousRatios(README)).split('\n');
    expect(rows[0]).toBe('| figure | time | floor | ratio | target | previous ratio | peak RSS |');
    expect(rows[2]).toBe('| `validate`, 5,000 policies | 2,000 ms | 1,000 ms (cedar) | 2.00 | ≤ 1.5 **missed** | 1.36 (**worse**) |  |');
    expect(rows[3]).toBe("| `apply` of 200 new policies vs the loop | 2,000 ms | 26.0 s (the loop) | 13x faster |  | 13x faster |  |");
    expect(rows[4]).toBe('| cold start, `--help` | 80 ms | 50 ms (node) | 1.60 | ≤ 2 met | new | 47 MiB |');
    expect(rows[5]).toBe('| emulator: throughput | 3,000 req/s |  |  |  |  |  |');
  });
});

describe('the order of the figures', () => {
  it("follows the README's table, new figures after it in the order they came", () => {
    const figure = (name: string): Figure => ({ figure: name, ms: 1 });
    const ordered = inReadmeOrder([figure('new one'), figure('emulator: throughput'), figure('new two'), figure('`validate`, 5,000 policies')], previousRatios(README), readmeFigures(README));
    expect(ordered.map((f) => f.figure)).toEqual(['`validate`, 5,000 policies', 'emulator: throughput', 'new one', 'new two']);
  });
});
