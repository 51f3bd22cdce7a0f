// `import`: adopts an existing engine without downtime. Reads the live policies the repository does not declare and
// writes their `.cedar` files and manifest entries (never overwriting a file). It never writes live state: until
// the files are merged and applied, an unmanaged policy stays unmanaged (without prune, an apply of another
// branch leaves it alone), and the next plan shows its adoption as an update of the description only.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { readLiveState, type ClientOptions, type EngineConnection } from '../agentcore/index.js';
import { openEngine } from '../local/connect.js';
import { planImport, type Imported, type ImportOptions, type ImportPlan } from '../plan/import.js';
import { appendEntries } from '../repository/manifest-edit.js';
import type { Diagnostic, EngineSpec, Group, LiveState } from '../model.js';
import { sourceOf } from '../repository/cedar-source.js';
import { normalizeStatement } from '../repository/desired.js';
import { loadRepository } from '../repository/load.js';
import { policiesOf } from '../repository/membership.js';
import { liveError } from './plan.js';

export interface ImportRunOptions {
  root: string;
  engine: string;
  group?: Group;
  client?: ClientOptions;
}

export interface ImportRun {
  ok: boolean;
  diagnostics: Diagnostic[];
  imported: Imported[];
  skipped: ImportPlan['skipped'];
  /** Manifests written, relative to the root. */
  manifests: string[];
}

export async function runImport(options: ImportRunOptions): Promise<ImportRun> {
  const empty = { imported: [], skipped: [], manifests: [] };
  const { repository, diagnostics } = await loadRepository(options.root);
  const broken = diagnostics.filter((d) => d.severity === 'error');
  if (broken.length > 0) return { ok: false, diagnostics: broken, ...empty };
  const engine = repository.engines.find((e) => e.name === options.engine);
  if (!engine) return { ok: false, diagnostics: [{ severity: 'error', code: 'repository/unknown-engine', message: `no engine named ${options.engine} in engines/` }], ...empty };

  let connection: EngineConnection | undefined;
  try {
    connection = await openEngine(engine, options.root, options.client);
    const live = await readLiveState(connection.client, engine);
    if (!live.engine) {
      return { ok: false, diagnostics: [{ severity: 'error', code: 'import/engine-missing', message: `engine ${engine.name} does not exist live: there is nothing to import`, file: engine.file }], ...empty };
    }
    const declared = { names: new Set(policiesOf(repository, engine).map((p) => p.name)), files: repository.policies.map((p) => p.file) };
    const plan = importPlan(engine, live, { declared, exists: (file) => existsSync(join(options.root, file)), ...(options.group && { group: options.group }) });
    if (plan.errors.length > 0) return { ok: false, diagnostics: plan.errors, ...empty, skipped: plan.skipped };
    await writeFiles(options.root, plan.imported);
    const manifests = await writeManifests(options.root, plan.imported);
    return { ok: true, diagnostics: [], imported: plan.imported, skipped: plan.skipped, manifests };
  } catch (error) {
    return { ok: false, diagnostics: [liveError(engine, error)], ...empty };
  } finally {
    await connection?.close();
  }
}

/** How the live policies the repository does not declare are written down for `engine` (its variables standing for
 * the ARNs they hold); init --from-live writes a new repository's policies the same way. */
export function importPlan(engine: EngineSpec, live: LiveState, options: Pick<ImportOptions, 'declared' | 'exists' | 'group'>): ImportPlan {
  return planImport(engine, live, { ...options, normalize: normalizeStatement, sourceOf: (statement, text) => sourceOf(statement, engine.variables, text) });
}

async function writeFiles(root: string, imported: Imported[]): Promise<void> {
  for (const policy of imported) {
    await mkdir(dirname(join(root, policy.file)), { recursive: true });
    // `wx`: fail rather than overwrite, even if the file appeared since it was checked.
    await writeFile(join(root, policy.file), policy.source, { flag: 'wx' });
  }
}

async function writeManifests(root: string, imported: Imported[]): Promise<string[]> {
  const manifests = [...new Set(imported.map((p) => posix.join(posix.dirname(p.file), 'policies.yaml')))];
  for (const manifest of manifests) {
    const path = join(root, manifest);
    const text = existsSync(path) ? await readFile(path, 'utf8') : undefined;
    const edited = appendEntries(text, imported.filter((p) => posix.dirname(p.file) === posix.dirname(manifest)).map((p) => p.entry));
    if (!edited.ok) throw new Error(`${manifest}: ${edited.message}`);
    await writeFile(path, edited.text);
  }
  return manifests;
}
