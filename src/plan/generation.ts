// The pure half of `generate`: the policy name checked as the service checks it (before anything is sent), and,
// for `--write`, what each generated asset becomes in the repository: a `.cedar` file (written by the caller's
// `sourceOf`, so gateway ARNs become the engine's {{variables}}), a manifest entry, and a test case for the author
// to complete. An asset whose findings say the service would refuse it, or that it grants or denies everything, is
// not written unless forced; nothing that exists is ever overwritten.
import type { Diagnostic, EngineSpec, Group, ManifestEntry } from '../model.js';
import { readPolicyShape } from '../cedar/tokens.js';
import { snakeName } from './import.js';

/** AgentCore's rule for policy names (and generation names): a letter, then letters, digits or `_`, at most 48. */
const POLICY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;

/** Findings after which an asset is not written without --force. */
export const REFUSED_FINDINGS = ['INVALID', 'NOT_TRANSLATABLE', 'ALLOW_ALL', 'DENY_ALL'] as const;

/** Why a name would be refused, with a name that would not; undefined when it is fine. */
export function checkPolicyName(name: string): { message: string; suggestion: string } | undefined {
  if (POLICY_NAME.test(name)) return undefined;
  let suggestion = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!/^[A-Za-z]/.test(suggestion)) suggestion = `policy_${suggestion}`;
  suggestion = suggestion.slice(0, 48);
  const message =
    `${JSON.stringify(name)} is not a valid policy name: AgentCore takes a letter, then letters, digits or underscores ` +
    `(at most 48 characters; no hyphens, spaces or dots), e.g. ${suggestion}`;
  return { message, suggestion };
}

export interface AssetToWrite {
  assetId: string;
  fragment: string;
  statement?: string;
  findings: { type: string; description: string }[];
}

export interface WrittenPolicy {
  assetId: string;
  /** Paths relative to the repository root. */
  file: string;
  source: string;
  entry: ManifestEntry;
  /** One case of the test skeleton, as YAML lines. */
  testCase: string[];
}

export interface GenerationWrite {
  policies: WrittenPolicy[];
  /** Assets left out, and why (their findings quoted). */
  skipped: { assetId: string; fragment: string; why: string }[];
  /** The test skeleton file, when any policy is written. */
  testFile?: string;
  errors: Diagnostic[];
}

export interface GenerationWriteOptions {
  name: string;
  group: Group;
  engine: EngineSpec;
  gatewayArn: string;
  force: boolean;
  /** Names the repository declares in any group, and whether a file exists on disk. */
  declaredNames: ReadonlySet<string>;
  exists: (file: string) => boolean;
  sourceOf: (statement: string) => string;
}

export function planGenerationWrite(assets: AssetToWrite[], options: GenerationWriteOptions): GenerationWrite {
  const result: GenerationWrite = { policies: [], skipped: [], errors: [] };
  const base = `policies/${options.group}/${snakeName(options.name)}`;
  const testFile = `${base}.test.yaml`;
  assets.forEach((asset, index) => {
    const name = assets.length === 1 ? options.name : `${options.name.slice(0, 44)}_${index + 1}`;
    const file = assets.length === 1 ? `${base}.cedar` : `${base}_${index + 1}.cedar`;
    const refused = asset.findings.filter((f) => (REFUSED_FINDINGS as readonly string[]).includes(f.type));
    if (asset.statement === undefined) return void result.skipped.push({ ...skip(asset), why: why('the service returned no statement', asset.findings) });
    if (refused.length > 0 && !options.force) return void result.skipped.push({ ...skip(asset), why: why('its findings (pass --force to write it anyway)', refused) });
    if (options.declaredNames.has(name)) return void result.errors.push(exists(`a policy named ${name} is already declared; generate never replaces one (pick another --name)`));
    if (options.exists(file)) return void result.errors.push(exists(`${file} already exists; generate never overwrites a file (pick another --name)`, file));
    const entry: ManifestEntry = { name, file: file.slice(`policies/${options.group}/`.length), version: '1.0.0', description: asset.fragment.trim() || name, enabled: true, engines: [options.engine.name] };
    result.policies.push({ assetId: asset.assetId, file, source: options.sourceOf(asset.statement), entry, testCase: testCase(name, asset.statement, options) });
  });
  if (result.policies.length > 0) {
    if (options.exists(testFile)) result.errors.push(exists(`${testFile} already exists; generate never overwrites a file (pick another --name)`, testFile));
    else result.testFile = testFile;
  }
  return result;
}

const skip = (asset: AssetToWrite) => ({ assetId: asset.assetId, fragment: asset.fragment });
const why = (lead: string, findings: { type: string; description: string }[]) =>
  findings.length === 0 ? lead : `${lead}: ${findings.map((f) => `${f.type}${f.description ? ` (${f.description})` : ''}`).join('; ')}`;
const exists = (message: string, file?: string): Diagnostic => ({ severity: 'error', code: 'generate/exists', message, ...(file && { file }) });

/** A case the author completes: the policy's action and gateway, a principal of the gateway's kind with the claims
 * the statement reads, and the tool's required inputs as typed placeholders; it expects what the effect decides. */
function testCase(name: string, statement: string, options: GenerationWriteOptions): string[] {
  const gateway = options.engine.gateways.find((g) => g.arn === options.gatewayArn);
  const tools = (gateway?.targets ?? []).flatMap((t) => t.tools.map((tool) => ({ action: `${t.name}___${tool.name}`, tool })));
  const shape = readPolicyShape(statement);
  const named = shape?.action.entityId ?? shape?.action.entityIds?.[0];
  const target = tools.find((t) => t.action === named) ?? tools[0];
  const variable = Object.keys(options.engine.variables).sort().find((v) => options.engine.variables[v] === options.gatewayArn);
  const claims = [...new Set([...statement.matchAll(/getTag\(\s*"([^"\\]+)"\s*\)/g)].map((m) => m[1]!))];
  const oauth = gateway?.authorizerType !== 'AWS_IAM';
  const inputs = Object.entries(target?.tool.inputSchema.properties ?? {}).filter(([key]) => target?.tool.inputSchema.required?.includes(key));
  const flow = (items: string[]) => (items.length === 0 ? '{}' : `{ ${items.join(', ')} }`);
  const placeholder = (type: string) => (type === 'integer' || type === 'number' ? '0' : type === 'boolean' ? 'false' : type === 'array' ? '[]' : '"TODO"');
  return [
    `# TODO: complete this case for ${name} (generated): a request it ${shape?.effect === 'forbid' ? 'denies' : 'allows'}, then run agentcore-policy test`,
    `- name: "TODO: a request ${name} ${shape?.effect === 'forbid' ? 'denies' : 'allows'}"`,
    '  principal:',
    `    type: ${oauth ? 'OAuthUser' : 'IamEntity'}`,
    '    id: TODO',
    ...(oauth ? [`    tags: ${flow(claims.map((c) => `${JSON.stringify(c)}: TODO`))}`] : []),
    `  action: ${target?.action ?? 'TODO'}`,
    `  resource: ${JSON.stringify(variable ? `{{${variable}}}` : options.gatewayArn)}`,
    `  input: ${flow(inputs.map(([key, schema]) => `${JSON.stringify(key)}: ${placeholder(schema.type)}`))}`,
    `  expect: ${shape?.effect === 'forbid' ? 'deny' : 'allow'}`,
  ];
}
