// `generate`: natural language to reviewed files. Checks the name first (as the service would), requires the
// engine to exist live with the gateway attached (the service generates from an engine's own gateways), starts the
// generation and waits for it, and lists every asset with its findings. With `write`, each acceptable asset becomes
// a `.cedar` file, a manifest entry and a test case to complete; then the repository is validated, so the author
// sees at once what the generated policy means for the rest.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { findEngineByName, generatePolicies, readGateway, type ClientOptions, type GeneratedAsset } from '../agentcore/index.js';
import { parseGatewayArn } from '../arn.js';
import { openEngine } from '../local/connect.js';
import type { Diagnostic, DiagnosticCode, EngineSpec, Group } from '../model.js';
import { checkPolicyName, planGenerationWrite, type GenerationWrite } from '../plan/generation.js';
import { sourceOf } from '../repository/cedar-source.js';
import { loadRepository } from '../repository/load.js';
import { appendEntries } from '../repository/manifest-edit.js';
import { fillPlain } from '../repository/variables.js';
import { namedEngine, validateRepository } from '../validation/validate.js';
import { liveError } from './plan.js';

export interface GenerateRunOptions {
  root: string;
  engine: string;
  /** A gateway ARN, or `{{variable}}` naming one in the engine file. */
  gateway: string;
  name: string;
  text: string;
  group?: Group;
  write: boolean;
  force: boolean;
  client?: ClientOptions;
  /** Told once the service has accepted the generation, before the wait. */
  onWait?: (generationId: string) => void;
}

export interface GenerateRun {
  ok: boolean;
  diagnostics: Diagnostic[];
  gatewayArn?: string;
  assets: GeneratedAsset[];
  /** With `write`: what was written (and left out), the manifest edited, and the validation of the result. */
  written?: GenerationWrite & { manifest: string; validation: Diagnostic[] };
}

/** Where generated policies go when --group is not given, in order of preference. */
const DEFAULT_GROUPS: Group[] = ['business_rules', 'authorization', 'authentication'];

export async function runGenerate(options: GenerateRunOptions): Promise<GenerateRun> {
  const refuse = (code: DiagnosticCode, message: string, file?: string): GenerateRun => ({ ok: false, assets: [], diagnostics: [{ severity: 'error', code, message, ...(file && { file }) }] });
  const badName = checkPolicyName(options.name);
  if (badName) return refuse('generate/invalid-name', badName.message);
  const loaded = await loadRepository(options.root);
  const named = namedEngine(loaded, options.engine);
  if ('diagnostics' in named) return { ok: false, assets: [], diagnostics: named.diagnostics };
  const { repository } = loaded;
  const { engine } = named;
  const gatewayArn = fillPlain(options.gateway, engine.variables);
  const declared = engine.gateways.map((g) => g.arn);
  if (gatewayArn.unknown.length > 0 || !parseGatewayArn(gatewayArn.text) || !declared.includes(gatewayArn.text)) {
    const known = [...Object.entries(engine.variables).filter(([, value]) => declared.includes(value)).map(([name]) => `{{${name}}}`), ...declared];
    return refuse('generate/unknown-gateway', `${options.gateway} is not a gateway of engine ${engine.name}; use one of ${known.join(', ')}`, engine.file);
  }
  const group = options.group ?? DEFAULT_GROUPS.find((g) => engine.groups.includes(g));
  if (!group || !engine.groups.includes(group)) {
    return refuse('generate/group-not-deployed', `engine ${engine.name} does not deploy the ${group ?? 'chosen'} group; pass --group with one of ${engine.groups.join(', ')}`, engine.file);
  }
  const generated = await generateLive(engine, gatewayArn.text, options);
  if (!generated.ok || !options.write) return generated;
  const written = await writeAssets(generated.assets, engine, gatewayArn.text, group, new Set(repository.policies.map((p) => p.name)), options);
  const failed = written.errors.length > 0 || written.policies.length === 0 || written.validation.some((d) => d.severity === 'error');
  const nothing: Diagnostic[] = written.policies.length === 0 && written.errors.length === 0 ? [{ severity: 'error', code: 'generate/nothing-written', message: 'no generated policy was written (see why above)' }] : [];
  return { ...generated, ok: !failed, diagnostics: [...written.errors, ...nothing], written };
}

async function generateLive(engine: EngineSpec, gatewayArn: string, options: GenerateRunOptions): Promise<GenerateRun> {
  const refuse = (code: DiagnosticCode, message: string): GenerateRun => ({ ok: false, assets: [], gatewayArn, diagnostics: [{ severity: 'error', code, message, file: engine.file }] });
  const connection = await openEngine(engine, options.root, options.client).catch((error: unknown) => liveError(engine, error));
  if (!('client' in connection)) return { ok: false, assets: [], gatewayArn, diagnostics: [connection] };
  try {
    const live = await findEngineByName(connection.client, engine.name);
    if (!live) return refuse('generate/engine-missing', `engine ${engine.name} does not exist live yet: run agentcore-policy apply first (the service generates only for an engine with its gateways attached)`);
    const gateway = await readGateway(connection.client, gatewayArn, engine);
    if (gateway.policyEngine?.arn !== live.arn) {
      return refuse('generate/not-attached', `gateway ${gateway.name} is not attached to engine ${engine.name} live: run agentcore-policy apply first (it attaches the gateways ${engine.file} names)`);
    }
    const outcome = await generatePolicies(connection.client, { policyEngineId: live.policyEngineId, gatewayArn, text: options.text, name: options.name }, connection.wait, options.onWait);
    if (!outcome.ok) return refuse('generate/failed', `the generation ended ${outcome.status}: ${outcome.reasons.join('; ') || 'the service gave no reason'}`);
    return { ok: true, assets: outcome.assets, gatewayArn, diagnostics: [] };
  } catch (error) {
    return { ok: false, assets: [], gatewayArn, diagnostics: [liveError(engine, error)] };
  } finally {
    await connection.close();
  }
}

async function writeAssets(
  assets: GeneratedAsset[],
  engine: EngineSpec,
  gatewayArn: string,
  group: Group,
  declaredNames: ReadonlySet<string>,
  options: GenerateRunOptions,
): Promise<NonNullable<GenerateRun['written']>> {
  const plan = planGenerationWrite(assets, {
    name: options.name,
    group,
    engine,
    gatewayArn,
    force: options.force,
    declaredNames,
    exists: (file) => existsSync(join(options.root, file)),
    sourceOf: (statement) => sourceOf(statement, engine.variables),
  });
  const manifest = `policies/${group}/policies.yaml`;
  if (plan.errors.length > 0 || plan.policies.length === 0) return { ...plan, manifest, validation: [] };
  const manifestPath = join(options.root, manifest);
  const edited = appendEntries(existsSync(manifestPath) ? await readFile(manifestPath, 'utf8') : undefined, plan.policies.map((p) => p.entry));
  if (!edited.ok) return { ...plan, manifest, errors: [{ severity: 'error', code: 'generate/exists', message: `${manifest}: ${edited.message}`, file: manifest }], validation: [] };
  await mkdir(dirname(manifestPath), { recursive: true });
  // `wx`: never overwrite, even a file that appeared since it was checked.
  for (const policy of plan.policies) await writeFile(join(options.root, policy.file), policy.source, { flag: 'wx' });
  if (plan.testFile) await writeFile(join(options.root, plan.testFile), `${plan.policies.map((p) => p.testCase.join('\n')).join('\n\n')}\n`, { flag: 'wx' });
  await writeFile(manifestPath, edited.text);
  const validation = await validateRepository(options.root, { engines: [engine.name] });
  return { ...plan, manifest, validation: validation.diagnostics };
}
