// The engines a name in a manifest or a test may refer to, when some engine files have errors: a name is not
// reported as unknown when the file that declares it is at fault.
import type { EngineSpec } from '../model.js';
import type { BrokenEngineFile } from '../repository/load.js';
import { closest } from '../repository/suggest.js';

/** Beside the engines that loaded, what a name may refer to: engines whose file has errors but says their name and
 * groups, and the files that did not say even that. */
export interface EngineNames {
  /** Engines whose files have errors, not among the engines checked. */
  damaged: NamedEngine[];
  /** Engine files of which not even the name could be read. */
  unnamed: string[];
}

export type NamedEngine = Pick<EngineSpec, 'file' | 'name' | 'groups'>;

/** `checked`: the engines checked in full, which may include damaged ones whose content is intact. */
export function engineNames(broken: readonly BrokenEngineFile[], checked: readonly EngineSpec[]): EngineNames {
  const files = new Set(checked.map((engine) => engine.file));
  const damaged = broken.flatMap((b) => (b.damaged && !files.has(b.file) ? [b.damaged] : []));
  return { damaged, unnamed: broken.filter((b) => !b.damaged).map((b) => b.file) };
}

/** `engine X, which no engine file declares; did you mean "Y"?`, saying which engine files did not load when the
 * name may be in one of them: the fault may be that file's, not the name's. */
export function undeclaredEngine(name: string, names: EngineNames, candidates: readonly string[]): string {
  const hint = closest(name, candidates);
  const unread = names.unnamed.length === 0 ? '' : ` that loaded (${names.unnamed.join(', ')} did not load)`;
  return `engine ${name}, which no engine file${unread} declares${hint ? `; did you mean "${hint}"?` : ''}`;
}
