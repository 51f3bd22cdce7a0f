// The pure half of `import`: which live policies the repository does not declare for the engine, and how each is
// written down so that the next plan changes no decision: its `.cedar` source (written by the caller's `sourceOf`,
// which turns gateway ARNs back into the engine's {{variables}}), and a manifest entry whose version, group and
// modes match what is live. Import writes only files; the plan adopts an unmanaged policy whose statement the files
// now hold (our marker written into its description on the next apply), and a managed one shows no change. A live
// `policy` definition (AgentCore's policy language) is written down as text, its entry saying `definition: policy`.
import type { Diagnostic, EngineSpec, Group, LivePolicy, LiveState, ManifestEntry } from '../model.js';
import { clip } from '../text.js';
import { decodeDescription } from './ownership.js';

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
/** Where an unmanaged policy goes when --group is not given: the first of these the engine deploys. */
export const DEFAULT_IMPORT_GROUPS: readonly Group[] = ['authorization', 'business_rules', 'authentication'];

export interface ImportOptions {
  group?: Group;
  /** The policy names the repository declares for this engine, and every `.cedar` file it declares. */
  declared: { names: ReadonlySet<string>; files: readonly string[] };
  /** Whether a file exists on disk (declared or not). */
  exists: (file: string) => boolean;
  /** Cedar's normal form of a statement; undefined when it does not parse. */
  normalize: (statement: string) => string | undefined;
  /** The `.cedar` text a live statement is written down as (`text`: not Cedar, so not formatted). */
  sourceOf: (statement: string, text: boolean) => string;
}

export function planImport(engine: EngineSpec, live: LiveState, options: ImportOptions): ImportPlan {
  const result: ImportPlan = { imported: [], skipped: [], errors: [] };
  const names = options.declared.names;
  const files = new Set(options.declared.files);
  for (const policy of [...live.policies].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (names.has(policy.name)) continue;
    const readable = readableStatement(policy, options.normalize);
    if ('skip' in readable) {
      result.skipped.push({ name: policy.name, policyId: policy.policyId, why: readable.skip });
      continue;
    }
    const imported = importOne(policy, readable.statement, engine, options);
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

/** The statement to write down, or why the policy is left out. */
function readableStatement(policy: LivePolicy, normalize: ImportOptions['normalize']): { statement: string } | { skip: string } {
  if (policy.status === 'DELETING') return { skip: 'it is being deleted' };
  if (policy.status === 'CREATE_FAILED') return { skip: 'its creation failed, so it never took effect' };
  if (policy.definition === 'policyGeneration' && policy.statement === undefined) return { skip: 'its definition is a reference to a generated policy, without a statement to write down' };
  if (policy.definition === 'policy' && policy.statement !== undefined) return { statement: policy.statement };
  if (policy.statement === undefined || normalize(policy.statement) === undefined) return { skip: 'its statement is missing or does not parse' };
  return { statement: policy.statement };
}

function importOne(policy: LivePolicy, statement: string, engine: EngineSpec, options: ImportOptions): Imported | { error: Diagnostic } {
  const decoded = decodeDescription(policy.description);
  const group = options.group ?? decoded.marker?.group ?? DEFAULT_IMPORT_GROUPS.find((g) => engine.groups.includes(g));
  if (!group || !engine.groups.includes(group)) {
    const message = `${policy.name}: engine ${engine.name} does not deploy the ${group ?? 'chosen'} group; pass --group with one of ${engine.groups.join(', ')}`;
    return { error: { severity: 'error', code: 'import/group-not-deployed', message, file: engine.file } };
  }
  const text = policy.definition === 'policy';
  const source = options.sourceOf(statement, text);
  const version = decoded.marker?.version ?? '1.0.0';
  const validationMode = decoded.marker?.validationMode ?? 'FAIL_ON_ANY_FINDINGS';
  const description = clip(decoded.human.trim() === '' ? `Imported from engine ${engine.name}` : decoded.human, MAX_MANIFEST_DESCRIPTION);
  const entry: ManifestEntry = {
    name: policy.name,
    file: `${snakeName(policy.name)}.cedar`,
    version,
    description,
    ...(text && { definition: 'policy' as const }),
    ...(policy.enforcementMode === 'LOG_ONLY' && { enforcementMode: 'LOG_ONLY' as const }),
    ...(validationMode === 'IGNORE_ALL_FINDINGS' && { validationMode }),
    // Adopting a policy from one engine must not roll it out to the others that deploy the group.
    engines: [engine.name],
  };
  return { policyId: policy.policyId, group, file: `policies/${group}/${entry.file}`, source, entry };
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
