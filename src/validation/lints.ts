// Lints for the pitfalls the AgentCore policy guide warns about. Each works on the policy text and the manifest
// alone, so it runs even where schema validation cannot. A manifest entry may ignore a lint for its policy.
import { charOffsetToLineColumn } from '../cedar/locations.js';
import { readPolicyShape, tokenize, type Token } from '../cedar/tokens.js';
import type { Diagnostic, EngineSpec, PolicySpec, Repository } from '../model.js';
import { policiesOf } from '../repository/membership.js';

/** Pitfall 4: `getTag("x")` with no `hasTag("x")` in the same policy fails at runtime when the claim is absent. */
export function lintUnguardedGetTag(policy: PolicySpec, tokens: readonly Token[] = tokenize(policy.source)): Diagnostic[] {
  const guarded = new Set<string>();
  const reads: { tag: string; offset: number }[] = [];
  tokens.forEach((token, i) => {
    if (token.kind !== 'ident' || tokens[i + 1]?.text !== '(' || tokens[i + 2]?.kind !== 'string') return;
    if (token.text === 'hasTag') guarded.add(tokens[i + 2]!.text);
    if (token.text === 'getTag') reads.push({ tag: tokens[i + 2]!.text, offset: token.start });
  });
  return reads
    .filter((read) => !guarded.has(read.tag))
    .map((read) => ({
      severity: 'error' as const,
      code: 'lint/unguarded-get-tag',
      message: `getTag(${read.tag}) without a hasTag(${read.tag}) guard: a caller without that claim makes the policy error out; write principal.hasTag(${read.tag}) && principal.getTag(${read.tag}) ...`,
      file: policy.file,
      ...charOffsetToLineColumn(policy.source, read.offset),
    }));
}

/** Pitfall 5, the unconditional forbid outside emergency, and emergency policies switched on by default. */
export function lintPolicyShape(policy: PolicySpec, tokens: readonly Token[] = tokenize(policy.source)): Diagnostic[] {
  // readPolicyShape tokenizes again; most policies are permits with a named gateway, where no finding is possible.
  const forbids = tokens.some((t) => t.kind === 'ident' && t.text === 'forbid');
  const resourceIs = tokens.some((t, i) => t.text === 'resource' && tokens[i + 1]?.text === 'is');
  if (!forbids && !resourceIs && !(policy.group === 'emergency' && policy.enabled)) return [];
  const shape = readPolicyShape(policy.source);
  if (!shape) return [];
  const at = { file: policy.file, ...charOffsetToLineColumn(policy.source, shape.effectStart) };
  const diagnostics: Diagnostic[] = [];
  // Specific actions: one (`==`, `in`) or a list of them (`in [...]`); only an unconstrained action suits a type check.
  if (shape.resource.op === 'is' && (shape.action.op === '==' || shape.action.op === 'in')) {
    diagnostics.push({
      severity: 'warning',
      code: 'lint/resource-type-with-specific-action',
      message: 'specific actions with `resource is AgentCore::Gateway`: name the gateway instead (resource == AgentCore::Gateway::"<gateway ARN>")',
      ...at,
    });
  }
  if (shape.effect === 'forbid' && !shape.hasConditions && policy.group !== 'emergency' && policy.enabled) {
    diagnostics.push({
      severity: 'error',
      code: 'lint/unconditional-forbid',
      message: `an unconditional forbid in the ${policy.group} group always denies what it matches; keep shutdowns in the emergency group (enabled: false) or add a when/unless condition`,
      ...at,
    });
  }
  if (policy.group === 'emergency' && policy.enabled) {
    diagnostics.push({
      severity: 'warning',
      code: 'lint/emergency-enabled',
      message: `emergency policy ${policy.name} is enabled; emergency policies are normally kept ready with enabled: false and engaged when needed`,
      ...policy.declaredAt,
    });
  }
  return diagnostics;
}

/** Pitfall 2: with default deny, an engine whose enabled policies hold no permit denies every tool call. */
export function lintEngineHasPermit(repository: Repository, engine: EngineSpec): Diagnostic[] {
  const enabled = policiesOf(repository, engine).filter((p) => p.enabled);
  // The substring test spares re-tokenizing the forbids, which often come first.
  if (enabled.some((p) => p.source.includes('permit') && readPolicyShape(p.source)?.effect === 'permit')) return [];
  return [
    {
      severity: 'error',
      code: 'lint/no-permit',
      message: `engine ${engine.name} has no enabled permit policy: AgentCore denies by default, so every tool call would be denied`,
      file: engine.file,
      line: 1,
      column: 1,
    },
  ];
}

/** Whether a finding is a lint that its policy's manifest entry ignores (`lints: {ignore: [...]}`): one found in the
 * policy's `.cedar` file, or at its entry in the manifest (where `emergency-enabled` points). */
export function ignoredLint(policies: readonly PolicySpec[]): (d: Diagnostic) => boolean {
  const ignored = new Map<string, Set<string>>();
  const add = (where: string, code: string) => ignored.set(where, (ignored.get(where) ?? new Set()).add(code));
  for (const policy of policies) {
    for (const name of policy.ignoredLints ?? []) {
      add(policy.file, `lint/${name}`);
      add(`${policy.declaredAt.file}:${policy.declaredAt.line}`, `lint/${name}`);
    }
  }
  if (ignored.size === 0) return () => false;
  return (d) => d.file !== undefined && (ignored.get(d.file)?.has(d.code) === true || ignored.get(`${d.file}:${d.line}`)?.has(d.code) === true);
}
