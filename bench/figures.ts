// The figures every bench returns, gathered by run.ts into the table the README's "## Figures" section holds: each
// figure with its floor, its ratio to the floor, its target, and the ratio the README's table had before this run,
// read from README.md itself, so a figure that got worse shows beside the one it replaces.
import { readFileSync } from 'node:fs';

export interface Figure {
  /** The figure's name, the same from run to run (it is how the previous ratio is found). */
  figure: string;
  ms: number;
  /** What the time is set against; absent for a figure without a floor (a throughput). */
  floor?: { ms: number; is: string };
  /** The most the ratio may be (or, for a speed-up, the least). */
  target?: number;
  /** `speedup`: the floor is a slower way of doing the same (the ratio is floor / time, written "13x faster"). */
  kind?: 'ratio' | 'speedup';
  /** Peak resident set, MiB. */
  rss?: number;
  /** Shown instead of the time (a throughput, calls counted). */
  value?: string;
}

export const ratioOf = (f: Figure): number | undefined =>
  f.floor === undefined ? undefined : f.kind === 'speedup' ? f.floor.ms / f.ms : f.ms / f.floor.ms;

/** The rows of the README's "## Figures" table, as cells, the header first. */
function readmeRows(readme: string): string[][] {
  const section = readme.split(/^## Figures\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  return section.split('\n').filter((line) => line.startsWith('|')).map(cells);
}

/** The figures of the README's table, in its order. */
export const readmeFigures = (readme: string): string[] => readmeRows(readme).slice(2).map((row) => row[0]!);

/** The ratios of the README's "## Figures" table, by figure. */
export function previousRatios(readme: string): Map<string, number> {
  const rows = readmeRows(readme);
  const ratioColumn = rows[0]?.indexOf('ratio') ?? -1;
  const ratios = new Map<string, number>();
  if (ratioColumn < 0) return ratios;
  for (const row of rows.slice(2)) {
    const ratio = Number.parseFloat(row[ratioColumn] ?? '');
    if (Number.isFinite(ratio)) ratios.set(row[0]!, ratio);
  }
  return ratios;
}

const cells = (line: string) => line.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());

/** What the README at `readmePath` has: its figures in order, and their ratios. */
export function readPrevious(readmePath: string): { order: string[]; ratios: Map<string, number> } {
  const readme = readFileSync(readmePath, 'utf8');
  return { order: readmeFigures(readme), ratios: previousRatios(readme) };
}

export const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1_000 ? `${Math.round(ms).toLocaleString('en')} ms` : `${ms.toFixed(0)} ms`);

function ratioText(f: Figure, ratio: number): string {
  return f.kind === 'speedup' ? `${ratio.toFixed(0)}x faster` : ratio.toFixed(2);
}

function verdict(f: Figure, ratio: number | undefined): string {
  if (f.target === undefined || ratio === undefined) return '';
  const met = f.kind === 'speedup' ? ratio >= f.target : ratio <= f.target;
  return `${f.kind === 'speedup' ? '≥' : '≤'} ${f.target}${f.kind === 'speedup' ? 'x' : ''} ${met ? 'met' : '**missed**'}`;
}

/** A previous ratio, and whether the new one is worse by more than the run-to-run noise (15%). */
function previousText(f: Figure, ratio: number | undefined, previous: number | undefined): string {
  if (previous === undefined) return 'new';
  if (ratio === undefined) return String(previous);
  const worse = f.kind === 'speedup' ? ratio < previous / 1.15 : ratio > previous * 1.15;
  return `${f.kind === 'speedup' ? `${previous}x faster` : previous.toFixed(2)}${worse ? ' (**worse**)' : ''}`;
}

/** The figures in the order of the README's table, those it does not have yet after them, in the order given. */
export function inReadmeOrder(figures: Figure[], previous: Map<string, number>, rowsBefore: string[] = [...previous.keys()]): Figure[] {
  const at = (f: Figure) => {
    const index = rowsBefore.indexOf(f.figure);
    return index < 0 ? rowsBefore.length : index;
  };
  return figures.map((f, i) => ({ f, i })).sort((a, b) => at(a.f) - at(b.f) || a.i - b.i).map(({ f }) => f);
}

/** The README table, one row per figure. */
export function figuresTable(figures: Figure[], previous: Map<string, number>): string {
  const lines = ['| figure | time | floor | ratio | target | previous ratio | peak RSS |', '|---|--:|--:|--:|---|--:|--:|'];
  for (const f of figures) {
    const ratio = ratioOf(f);
    const floor = f.floor ? `${seconds(f.floor.ms)} (${f.floor.is})` : '';
    const rss = f.rss === undefined ? '' : `${f.rss.toFixed(0)} MiB`;
    lines.push(`| ${f.figure} | ${f.value ?? seconds(f.ms)} | ${floor} | ${ratio === undefined ? '' : ratioText(f, ratio)} | ${verdict(f, ratio)} | ${ratio === undefined && !previous.has(f.figure) ? '' : previousText(f, ratio, previous.get(f.figure))} | ${rss} |`);
  }
  return lines.join('\n');
}
