// `init`: a new policy repository in a folder, the files of repository/scaffold.ts, written only when none of them
// exists yet (nothing is ever overwritten, and on a refusal nothing is written). The template holds AWS's refund
// example. From a live engine, the engine file holds the engine and the gateways attached to it with their tools,
// read as `pull` reads them, and its policies are written down by the import flow, so the plan that follows shows
// no change for what agentcore-policy manages.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readLiveState, type ClientOptions, type EngineConnection } from '../agentcore/index.js';
import { openEngine } from '../local/connect.js';
import { GROUPS, type Diagnostic, type EngineSpec, type GatewaySpec, type LiveGateway } from '../model.js';
import type { Imported, ImportPlan } from '../plan/import.js';
import { refundExample } from '../repository/scaffold-example.js';
import { parseEngineFile } from '../repository/engine-file.js';
import { engineFileText, gatewayVariables, type EngineDraft } from '../repository/scaffold-engine.js';
import { scaffold, type ScaffoldInput } from '../repository/scaffold.js';
import { importPlan } from './import.js';
import { liveError } from './plan.js';
import { readGatewaysWithTools, unknownTools } from './pull.js';

export interface InitRunOptions {
  root: string;
  engineName: string;
  region: string;
  /** `local`, a URL, or absent for AWS. */
  endpoint?: string;
  /** Read the engine, its gateways and its policies from live instead of writing the template. */
  fromLive: boolean;
  client?: ClientOptions;
}

export interface InitRun {
  ok: boolean;
  /** The files written, relative to the root. */
  written: string[];
  /** Errors (a file in the way, an engine that cannot be read) and warnings (targets whose tools are unknown). */
  diagnostics: Diagnostic[];
  /** From live: the engine's id, how many gateways it has, the policies written down and those left out. */
  live?: { policyEngineId: string; gateways: number; imported: Imported[]; skipped: ImportPlan['skipped'] };
}

/** The workflows this package ships (.github/workflows of its root, from src/run/ and dist/run/ alike). */
const WORKFLOWS = ['policy-plan.yml', 'policy-apply.yml'];

export async function runInit(options: InitRunOptions): Promise<InitRun> {
  const workflows = Object.fromEntries(await Promise.all(WORKFLOWS.map(async (name) => [name, await readFile(new URL(`../../.github/workflows/${name}`, import.meta.url), 'utf8')])));
  const draft: EngineDraft = { name: options.engineName, region: options.region, ...(options.endpoint !== undefined && { endpoint: options.endpoint }), gateways: [] };
  const refused = draftProblems(draft);
  if (refused.length > 0) return { ok: false, written: [], diagnostics: refused };
  let input: ScaffoldInput;
  let live: InitRun['live'];
  const warnings: Diagnostic[] = [];
  if (options.fromLive) {
    const read = await readLiveEngine(draft, options);
    if (!read.ok) return { ok: false, written: [], diagnostics: read.diagnostics };
    input = { engine: read.draft, from: `the live engine ${read.draft.name} (${read.live.policyEngineId})`, policies: read.live.imported, workflows };
    live = read.live;
    warnings.push(...read.warnings);
  } else {
    const example = refundExample(options.region);
    input = { engine: { ...draft, gateways: [example.gateway] }, policies: [example.policy], extra: [example.tests], workflows };
  }
  const files = scaffold(input);
  const taken = files.filter((file) => existsSync(join(options.root, file.path)));
  if (taken.length > 0) {
    const where = (path: string) => `${path} already exists; init never overwrites a file, so nothing was written (init a new folder, or move it away)`;
    return { ok: false, written: [], diagnostics: taken.map((file) => ({ severity: 'error', code: 'init/file-exists', message: where(file.path), file: file.path })) };
  }
  for (const file of files) {
    await mkdir(dirname(join(options.root, file.path)), { recursive: true });
    // `wx`: fail rather than overwrite, even if the file appeared since it was checked.
    await writeFile(join(options.root, file.path), file.text, { flag: 'wx' });
  }
  return { ok: true, written: files.map((f) => f.path), diagnostics: warnings, ...(live && { live }) };
}

const OPTION_OF: Record<string, string> = { name: '--engine-name', region: '--region', endpoint: '--endpoint' };

/** A name, region or endpoint the engine file's schema refuses, in the schema's words, before anything is read. */
function draftProblems(draft: EngineDraft): Diagnostic[] {
  const checked = parseEngineFile(`engines/${draft.name}.yaml`, engineFileText(draft, 'the options'));
  if (checked.ok) return [];
  const flag = (message: string) => message.replace(/^(name|region|endpoint) /, (_, key: string) => `${OPTION_OF[key]} `);
  return checked.diagnostics.map(({ file: _unwritten, line: _line, column: _column, ...d }) => ({ ...d, message: `the engine file init would write is not valid: ${flag(d.message)}` }));
}

type LiveRead = { ok: true; draft: EngineDraft; live: NonNullable<InitRun['live']>; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

async function readLiveEngine(draft: EngineDraft, options: InitRunOptions): Promise<LiveRead> {
  const spec: EngineSpec = { file: `engines/${draft.name}.yaml`, ...draft, groups: [...GROUPS], prune: false, variables: {} };
  let connection: EngineConnection | undefined;
  try {
    connection = await openEngine(spec, options.root, options.client);
    // No gateway is declared yet, so every gateway attached to the engine comes back as undeclared.
    const state = await readLiveState(connection.client, spec);
    if (!state.engine) {
      const message = `no engine named ${draft.name} in ${draft.region}${draft.endpoint ? ` at ${draft.endpoint}` : ''}: check --engine-name, --region and the credentials (or leave out --from-live for the template)`;
      return { ok: false, diagnostics: [{ severity: 'error', code: 'init/engine-missing', message }] };
    }
    const arns = (state.undeclaredGateways ?? []).map((g) => g.arn).sort();
    const gateways = await readGatewaysWithTools(connection, spec, arns, options.client);
    const description = state.engine.description ? { description: state.engine.description } : {};
    const filled: EngineDraft = { ...draft, ...description, gateways: gateways.map(asDeclared) };
    const engine: EngineSpec = { ...spec, ...filled, variables: gatewayVariables(arns) };
    const plan = importPlan(engine, state, { declared: { names: new Set(), files: [] }, exists: () => false });
    if (plan.errors.length > 0) return { ok: false, diagnostics: plan.errors };
    const live = { policyEngineId: state.engine.policyEngineId, gateways: gateways.length, imported: plan.imported, skipped: plan.skipped };
    return { ok: true, draft: filled, live, warnings: gateways.flatMap((g) => unknownTools(engine, g)) };
  } catch (error) {
    // The engine file it names is not written yet.
    const { file: _unwritten, ...diagnostic } = liveError(spec, error);
    return { ok: false, diagnostics: [diagnostic] };
  } finally {
    await connection?.close();
  }
}

/** A live gateway as its engine file declares it: its mode on this engine, and the targets whose tools were read. */
function asDeclared(gateway: LiveGateway): GatewaySpec {
  const targets = gateway.targets.filter((t) => t.toolsUnknown === undefined).map(({ toolsUnknown: _, ...target }) => target);
  return { arn: gateway.arn, mode: gateway.policyEngine?.mode ?? 'ENFORCE', authorizerType: gateway.authorizerType ?? 'CUSTOM_JWT', targets };
}
