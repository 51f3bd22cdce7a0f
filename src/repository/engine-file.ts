// Reads one `engines/<file>.yaml` into an EngineSpec, with defaults applied.
import { resolve } from 'node:path';
import type { Diagnostic, EngineCredentials, EngineSpec, GatewaySpec, Group } from '../model.js';
import { readGivenFile } from './source-file.js';
import { parseYaml } from './yaml-file.js';

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

export type EngineFileResult = { ok: true; engine: EngineSpec } | { ok: false; diagnostics: Diagnostic[] };

/** An engine file the user named (`emulator --seed FILE`): absolute or relative to `cwd`, anywhere, since the
 * path is theirs to give (a repository's own engine files are read by load.ts, inside the repository only).
 * Diagnostics name it as the user wrote it. */
export function readEngineFile(path: string, cwd: string): EngineFileResult {
  const source = readGivenFile(resolve(cwd, path), path);
  if (!source.ok) return { ok: false, diagnostics: [source.diagnostic] };
  return parseEngineFile(path, source.text);
}

export function parseEngineFile(file: string, text: string): EngineFileResult {
  const parsed = parseYaml(file, text, 'engine');
  if (!parsed.ok) return parsed;
  const raw = parsed.yaml.value as EngineYaml;
  return {
    ok: true,
    engine: {
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
    },
  };
}
