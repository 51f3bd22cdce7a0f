// Reads one `engines/<file>.yaml` into an EngineSpec, with defaults applied and its own `{{variables}}` filled
// (engine-variables.ts); of a file with errors, what is sound.
import { resolve } from 'node:path';
import { GROUPS, type Diagnostic, type EngineCredentials, type EngineSpec, type GatewaySpec, type Group } from '../model.js';
import { fillEngineVariables } from './engine-variables.js';
import { readGivenFile } from './source-file.js';
import { parseYaml, type YamlFile } from './yaml-file.js';

interface EngineYaml {
  name: string;
  description?: string;
  region: string;
  endpoint?: string;
  aws?: EngineCredentials;
  groups: Group[];
  prune?: boolean;
  variables?: Record<string, string>;
  gateways: (Omit<GatewaySpec, 'authorizerType'> & { authorizerType?: GatewaySpec['authorizerType'] })[];
}

/** An engine file with errors that still says which engine it is. Policies and tests naming that engine are then
 * not blamed for the file's errors. `engine` is the whole engine when the errors leave its groups, variables and
 * gateways intact (an unknown key, a bad region): its policies are still checked against it. It is for offline
 * checks only, never for reaching the engine (its region or endpoint may be what is wrong). */
export interface DamagedEngine {
  file: string;
  name: string;
  /** The groups it names that are groups. */
  groups: Group[];
  engine?: EngineSpec;
}

export type EngineFileResult = { ok: true; engine: EngineSpec } | { ok: false; diagnostics: Diagnostic[]; damaged?: DamagedEngine };

/** An engine file the user named (`emulator --seed FILE`): absolute or relative to `cwd`, anywhere, since the
 * path is theirs to give (a repository's own engine files are read by load.ts, inside the repository only).
 * Diagnostics name it as the user wrote it. */
export function readEngineFile(path: string, cwd: string): EngineFileResult {
  const source = readGivenFile(resolve(cwd, path), path);
  if (!source.ok) return { ok: false, diagnostics: [source.diagnostic] };
  return parseEngineFile(path, source.text);
}

export function parseEngineFile(file: string, text: string): EngineFileResult {
  const parsed = parseYaml(file, text, 'engine', fillEngineVariables);
  if (parsed.ok) return { ok: true, engine: engineOf(file, parsed.yaml.value as EngineYaml) };
  const damaged = parsed.partial && damagedEngine(file, parsed.partial);
  return { ok: false, diagnostics: parsed.diagnostics, ...(damaged && { damaged }) };
}

function engineOf(file: string, raw: EngineYaml): EngineSpec {
  return {
    file,
    name: raw.name,
    description: raw.description,
    region: raw.region,
    endpoint: raw.endpoint,
    ...(raw.aws && { aws: raw.aws }),
    groups: raw.groups,
    prune: raw.prune ?? false,
    variables: raw.variables ?? {},
    gateways: raw.gateways.map((g) => ({ ...g, authorizerType: g.authorizerType ?? 'CUSTOM_JWT' })),
  };
}

/** What the checks need of an engine: the keys whose errors would make its content untrustworthy. */
const CONTENT_KEYS = ['groups', 'variables', 'gateways'];

function damagedEngine(file: string, { yaml, invalidKeys }: { yaml: YamlFile; invalidKeys: Set<string> }): DamagedEngine | undefined {
  const raw = yaml.value as Record<string, unknown>;
  if (invalidKeys.has('') || invalidKeys.has('name') || typeof raw.name !== 'string') return undefined;
  const named = Array.isArray(raw.groups) ? (raw.groups as unknown[]) : [];
  const groups = GROUPS.filter((group) => named.includes(group));
  const intact = !CONTENT_KEYS.some((key) => invalidKeys.has(key));
  return { file, name: raw.name, groups, ...(intact && { engine: engineOf(file, raw as unknown as EngineYaml) }) };
}
