// `pull`: reads each declared gateway live (its targets with their tool schemas, schemas in S3 too for an engine on
// AWS) and rewrites the engine file's `targets` from it, only where they differ (repository/targets-edit.ts), so a
// policy is validated against the tools the gateway really has. With `check`, nothing is written: the stale files and
// their diffs are the result. A target whose tools cannot be read is left as written, with a warning naming it.
import { join } from 'node:path';
import { readGateway, s3SchemaReader, type ClientOptions, type EngineConnection } from '../agentcore/index.js';
import { openEngine } from '../local/connect.js';
import type { Diagnostic, EngineSpec, LiveGateway } from '../model.js';
import { writeFileAtomically } from '../regular-file.js';
import { loadRepository } from '../repository/load.js';
import { unifiedDiff } from '../repository/manifest-edit.js';
import { selectEngines } from '../repository/membership.js';
import { sourceReader } from '../repository/source-file.js';
import { rewriteTargets, type PulledGateway } from '../repository/targets-edit.js';
import { fillPlain } from '../repository/variables.js';
import { unknownEngine } from '../validation/validate.js';
import { liveError } from './plan.js';

export interface PullRunOptions {
  root: string;
  /** The engines to pull, by name; all when empty or absent. */
  engines?: readonly string[];
  /** Write nothing; report the files that are stale. */
  check?: boolean;
  client?: ClientOptions;
}

export interface PulledFile {
  engine: string;
  /** The engine file, relative to the root. */
  file: string;
  /** The unified diff of the rewrite; empty when the file is as live. */
  diff: string[];
  written: boolean;
}

export interface PullRun {
  /** No error (with `check`: and no file stale). */
  ok: boolean;
  files: PulledFile[];
  /** Errors (an engine or gateway that could not be read) and warnings (targets left as written). */
  diagnostics: Diagnostic[];
}

export async function runPull(options: PullRunOptions): Promise<PullRun> {
  const { repository, diagnostics: loading } = await loadRepository(options.root);
  const engineErrors = loading.filter((d) => d.severity === 'error' && d.file?.startsWith('engines/'));
  if (engineErrors.length > 0) return { ok: false, files: [], diagnostics: engineErrors };
  const { engines, unknown } = selectEngines(repository, options.engines);
  if (unknown.length > 0) {
    const known = repository.engines.map((e) => e.name);
    return { ok: false, files: [], diagnostics: unknown.map((name) => ({ severity: 'error', code: 'repository/unknown-engine', message: unknownEngine(name, known) })) };
  }
  const results = await Promise.all(engines.map((engine) => pullEngine(engine, options)));
  const files = results.flatMap((r) => r.file ?? []);
  const diagnostics = results.flatMap((r) => r.diagnostics);
  const stale = options.check === true && files.some((f) => f.diff.length > 0);
  return { ok: !diagnostics.some((d) => d.severity === 'error') && !stale, files, diagnostics };
}

/** The live gateways of one engine file, as the file orders them. */
export async function readLiveGateways(engine: EngineSpec, root: string, client?: ClientOptions): Promise<LiveGateway[]> {
  const connection = await openEngine(engine, root, client);
  try {
    return await readGatewaysWithTools(connection, engine, engine.gateways.map((g) => g.arn), client);
  } finally {
    await connection.close();
  }
}

/** The gateways `arns` with their targets and tools, schemas kept in S3 read too for an engine on AWS. */
export async function readGatewaysWithTools(connection: EngineConnection, engine: EngineSpec, arns: readonly string[], client?: ClientOptions): Promise<LiveGateway[]> {
  const s3 = s3SchemaReader(engine, client);
  try {
    return await Promise.all(arns.map((arn) => readGateway(connection.client, arn, engine, s3)));
  } finally {
    s3?.close();
  }
}

async function pullEngine(engine: EngineSpec, options: PullRunOptions): Promise<{ file?: PulledFile; diagnostics: Diagnostic[] }> {
  let live: LiveGateway[];
  try {
    live = await readLiveGateways(engine, options.root, options.client);
  } catch (error) {
    return { diagnostics: [liveError(engine, error)] };
  }
  const diagnostics = live.flatMap((gateway) => unknownTools(engine, gateway));
  const source = sourceReader(options.root)(engine.file);
  if (!source.ok) return { diagnostics: [...diagnostics, source.diagnostic] };
  const pulled: PulledGateway[] = live.map((gateway, index) => ({ index, targets: gateway.targets }));
  const edit = rewriteTargets(source.text, pulled, (value) => fillPlain(value, engine.variables).text);
  if (!edit.ok) {
    const message = `${engine.file} was not rewritten: ${edit.message}`;
    return { diagnostics: [...diagnostics, { severity: 'error', code: 'pull/not-rewritten', message, file: engine.file, engine: engine.name }] };
  }
  const diff = edit.text === source.text ? [] : unifiedDiff(engine.file, source.text, edit.text);
  const write = diff.length > 0 && options.check !== true;
  if (write) await writeFileAtomically(join(options.root, engine.file), edit.text);
  if (diff.length > 0 && options.check) {
    const message = `${engine.file} does not match the live gateways of ${engine.name}; run agentcore-policy pull --engine ${engine.name} to rewrite it`;
    diagnostics.push({ severity: 'error', code: 'pull/stale', message, file: engine.file, engine: engine.name });
  }
  return { file: { engine: engine.name, file: engine.file, diff, written: write }, diagnostics };
}

/** A warning for each target of `gateway` whose tools cannot be read, saying what became of it in the file. */
export function unknownTools(engine: EngineSpec, gateway: LiveGateway): Diagnostic[] {
  return gateway.targets.flatMap((target): Diagnostic[] => {
    if (target.toolsUnknown === undefined) return [];
    const declared = engine.gateways.find((g) => g.arn === gateway.arn)?.targets.some((t) => t.name === target.name);
    const kept = declared ? `left as written in ${engine.file}` : `not written to ${engine.file}`;
    const message = `gateway ${gateway.name}, target ${target.name}: its tools cannot be read (${target.toolsUnknown}); ${kept}`;
    return [{ severity: 'warning', code: 'pull/tools-unknown', message, file: engine.file, engine: engine.name }];
  });
}

