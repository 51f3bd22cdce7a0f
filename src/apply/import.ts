// The pure half of `import`: which live policies the repository does not declare for the engine, and how each is
// written down so that the next plan changes no decision: the statement in Cedar's format with gateway ARNs turned
// back into the engine's {{variables}}, and a manifest entry whose version, group and modes match what is live.
// Import writes only files; the plan adopts an unmanaged policy whose statement the files now hold (our marker
// written into its description on the next apply), and a managed one shows no change.
import { formatCedar } from '../cedar/format.js';
import { tokenize } from '../cedar/tokens.js';
import type { Diagnostic, EngineSpec, Group, LivePolicy, LiveState, Repository } from '../model.js';
import { decodeDescription } from '../plan/ownership.js';
import { normalizeStatement } from '../repository/desired.js';
import { policiesOf } from '../repository/membership.js';
import { escapeCedarString, fillVariables } from '../repository/variables.js';
import { clip } from '../render/sanitize.js';
import type { ManifestEntry } from './manifest-edit.js';

export interface Imported {
  policyId: string;
  group: Group;
  /** The `.cedar` file, relative to the repository root. */
  file: string;
  source: string;
  entry: ManifestEntry;
}

export interface ImportPlan {
  imported: Imported[];
  skipped: { name: string; policyId: string; why: string }[];
  errors: Diagnostic[];
}

/** The manifest schema's limit on a description. */
const MAX_MANIFEST_DESCRIPTION = 3800;
/** Where an unmanaged policy goes when --group is not given, in order of preference. */
const DEFAULT_GROUPS: Group[] = ['authorization', 'business_rules', 'authentication'];

export function planImport(
  repository: Repository,
  engine: EngineSpec,
  live: LiveState,
  options: { group?: Group; exists: (file: string) => boolean },
): ImportPlan {
  const result: ImportPlan = { imported: [], skipped: [], errors: [] };
  const declared = policiesOf(repository, engine);
  const names = new Set(declared.map((p) => p.name));
  const files = new Set(repository.policies.map((p) => p.file));
  for (const policy of [...live.policies].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (names.has(policy.name)) continue;
    const skip = skipReason(policy);
    if (skip) {
      result.skipped.push({ name: policy.name, policyId: policy.policyId, why: skip });
      continue;
    }
    const imported = importOne(policy, engine, options.group);
    if ('error' in imported) {
      result.errors.push(imported.error);
      continue;
    }
    if (files.has(imported.file) || options.exists(imported.file)) {
      result.errors.push({ severity: 'error', code: 'import/file-exists', message: `${imported.file} already exists; import never overwrites a file (rename or move it, then run import again)`, file: imported.file });
      continue;
    }
    files.add(imported.file);
    result.imported.push(imported);
  }
  return result;
}

function skipReason(policy: LivePolicy): string | undefined {
  if (policy.status === 'DELETING') return 'it is being deleted';
  if (policy.status === 'CREATE_FAILED') return 'its creation failed, so it never took effect';
  if (policy.statement === undefined || normalizeStatement(policy.statement) === undefined) return 'its statement is missing or does not parse';
  return undefined;
}

function importOne(policy: LivePolicy, engine: EngineSpec, chosen: Group | undefined): Imported | { error: Diagnostic } {
  const decoded = decodeDescription(policy.description);
  const group = chosen ?? decoded.marker?.group ?? DEFAULT_GROUPS.find((g) => engine.groups.includes(g));
  if (!group || !engine.groups.includes(group)) {
    const message = `${policy.name}: engine ${engine.name} does not deploy the ${group ?? 'chosen'} group; pass --group with one of ${engine.groups.join(', ')}`;
    return { error: { severity: 'error', code: 'import/group-not-deployed', message, file: engine.file } };
  }
  const source = sourceOf(policy.statement!, engine.variables);
  const version = decoded.marker?.version ?? '1.0.0';
  const validationMode = decoded.marker?.validationMode ?? 'FAIL_ON_ANY_FINDINGS';
  const description = clip(decoded.human.trim() === '' ? `Imported from engine ${engine.name}` : decoded.human, MAX_MANIFEST_DESCRIPTION);
  const entry: ManifestEntry = {
    name: policy.name,
    file: `${snakeName(policy.name)}.cedar`,
    version,
    description,
    ...(policy.enforcementMode === 'LOG_ONLY' && { enforcementMode: 'LOG_ONLY' as const }),
    ...(validationMode === 'IGNORE_ALL_FINDINGS' && { validationMode }),
    // Adopting a policy from one engine must not roll it out to the others that deploy the group.
    engines: [engine.name],
  };
  return { policyId: policy.policyId, group, file: `policies/${group}/${entry.file}`, source, entry };
}

/** The `.cedar` text: Cedar's format, with every string literal that is exactly an engine variable's value written
 * as that `{{variable}}`, provided it fills back to the same statement. */
export function sourceOf(statement: string, variables: Readonly<Record<string, string>>): string {
  const plain = format(statement);
  const templated = format(withPlaceholders(plain, variables));
  const same = normalizeStatement(fillVariables(templated, variables).text) === normalizeStatement(statement);
  return same ? templated : plain;
}

function format(text: string): string {
  const formatted = formatCedar(text);
  return formatted.ok ? formatted.formatted : text;
}

export function withPlaceholders(text: string, variables: Readonly<Record<string, string>>): string {
  const byLiteral = new Map<string, string>();
  for (const name of Object.keys(variables).sort()) {
    const literal = `"${escapeCedarString(variables[name]!)}"`;
    if (!byLiteral.has(literal)) byLiteral.set(literal, name);
  }
  let out = '';
  let copied = 0;
  for (const token of tokenize(text)) {
    const name = token.kind === 'string' ? byLiteral.get(token.text) : undefined;
    if (name === undefined) continue;
    out += `${text.slice(copied, token.start)}"{{${name}}}"`;
    copied = token.end;
  }
  return out + text.slice(copied);
}

/** `RefundUnder500` -> `refund_under_500`, `HTTPSOnly` -> `https_only`. */
export function snakeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([A-Za-z])([0-9])/g, '$1_$2')
    .toLowerCase()
    .replace(/_+/g, '_');
}
