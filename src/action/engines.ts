// The `engines` input over the core's one-engine option: the CLI's `--engine` runs once per selected engine (or
// once for all), and what each run reports is gathered as if one run had covered them all.
import type { Diagnostic } from '../model.js';
import { sortDiagnostics } from '../validation/validate.js';

/** Runs `run` once per engine name, in order; once with no name when the selection is empty (every engine). */
export async function forEngines<T>(engines: string[], run: (engine: string | undefined) => Promise<T>): Promise<T[]> {
  if (engines.length === 0) return [await run(undefined)];
  const results: T[] = [];
  for (const engine of engines) results.push(await run(engine));
  return results;
}

/** Repository-wide findings come back from every engine's run: each is kept once, in the usual order. */
export function mergeDiagnostics(lists: Diagnostic[][]): Diagnostic[] {
  const seen = new Map<string, Diagnostic>();
  for (const d of lists.flat()) seen.set(JSON.stringify([d.severity, d.code, d.file, d.line, d.column, d.message]), d);
  return sortDiagnostics([...seen.values()]);
}
