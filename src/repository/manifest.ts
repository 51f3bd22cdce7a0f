// Reads a group manifest `policies/<group>/policies.yaml` and the `.cedar` file each entry names.
import { posix } from 'node:path';
// One function of semver, not the whole package (about forty modules to load for every command).
import validVersion from 'semver/functions/valid.js';
import type { Diagnostic, Group, PolicyLint, PolicySpec } from '../model.js';
import type { SourceReader } from './source-file.js';
import { closest } from './suggest.js';
import { locate, parseYaml } from './yaml-file.js';

interface ManifestEntry {
  name: string;
  file: string;
  version: string;
  description: string;
  enabled?: boolean;
  definition?: 'cedar' | 'policy';
  enforcementMode?: PolicySpec['enforcementMode'];
  validationMode?: PolicySpec['validationMode'];
  engines?: string[];
  lints?: { ignore?: PolicyLint[] };
}

export interface ManifestResult {
  policies: PolicySpec[];
  diagnostics: Diagnostic[];
}

/** `manifestPath` is relative to the repository root, e.g. `policies/emergency/policies.yaml`; `read` reads the
 * `.cedar` files from there. `cedarFiles`, the names of the `.cedar` files in that folder, give a missing file's
 * "did you mean". */
export function readManifest(read: SourceReader, manifestPath: string, group: Group, text: string, cedarFiles: readonly string[] = []): ManifestResult {
  const parsed = parseYaml(manifestPath, text, 'policies');
  if (!parsed.ok) return { policies: [], diagnostics: parsed.diagnostics };
  const entries = (parsed.yaml.value as { policies: ManifestEntry[] }).policies;
  const folder = posix.dirname(manifestPath);
  const diagnostics: Diagnostic[] = [];
  const policies: PolicySpec[] = [];
  for (const [index, entry] of entries.entries()) {
    const declaredAt = locate(parsed.yaml, ['policies', index]);
    if (!validVersion(entry.version)) {
      diagnostics.push({
        severity: 'error',
        code: 'repository/invalid-semver',
        message: `policy ${entry.name}: version "${entry.version}" is not a semantic version (e.g. 1.0.0)`,
        ...locate(parsed.yaml, ['policies', index, 'version']),
      });
    }
    if (entry.file.includes('/') || entry.file.includes('\\')) {
      diagnostics.push({
        severity: 'error',
        code: 'repository/path-escape',
        message: `policy ${entry.name}: file "${entry.file}" must be a file in ${folder}/, not a path`,
        ...locate(parsed.yaml, ['policies', index, 'file']),
      });
      continue;
    }
    const file = `${folder}/${entry.file}`;
    const source = read(file);
    if (!source.ok) {
      // Point at the manifest line that names the missing or unreadable file.
      const at = locate(parsed.yaml, ['policies', index, 'file']);
      const { code } = source.diagnostic;
      const hint = code === 'repository/file-missing' ? closest(entry.file, cedarFiles) : undefined;
      const message = hint ? `${source.diagnostic.message}; did you mean "${hint}"?` : source.diagnostic.message;
      diagnostics.push({ ...source.diagnostic, message, ...(code === 'repository/file-missing' || code === 'repository/path-escape' ? at : {}) });
      continue;
    }
    policies.push({
      name: entry.name,
      group,
      file,
      declaredAt,
      version: entry.version,
      description: entry.description,
      enabled: entry.enabled ?? true,
      enforcementMode: entry.enforcementMode ?? 'ACTIVE',
      validationMode: entry.validationMode ?? 'FAIL_ON_ANY_FINDINGS',
      engines: entry.engines,
      ...(entry.lints?.ignore?.length && { ignoredLints: entry.lints.ignore }),
      source: source.text,
      ...(entry.definition === 'policy' && { definition: 'policy' as const }),
    });
  }
  return { policies, diagnostics };
}
