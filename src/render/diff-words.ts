// `diff --base` in words, for every renderer: the one line that sums it up, what happened to a policy, and what an
// engine that only one side has means.
import type { AccessDiff, EngineAccessDiff, PolicyDiff } from '../model.js';
import { plural } from '../text.js';
import { accessCounts, accessVerdict } from './markdown-access.js';

export const POLICY_SYMBOL: Record<PolicyDiff['change'], string> = { added: '[+]', removed: '[-]', edited: '[~]', 'text-only': '[=]' };

/** `abc1234` for a commit id, what a person recognises of it. */
export const shortCommit = (commit: string) => commit.slice(0, 7);

/** `origin/main (abc1234)`, or the commit alone when the ref is that commit. */
export function baseWords(base: AccessDiff['base']): string {
  const isCommit = /^[0-9a-f]{7,64}$/i.test(base.ref) && base.commit.startsWith(base.ref.toLowerCase());
  return isCommit ? shortCommit(base.commit) : `${base.ref} (${shortCommit(base.commit)})`;
}

export function policyChangeWords(diff: PolicyDiff): string {
  if (diff.change === 'text-only') return 'text only (comments or layout)';
  if (diff.change !== 'edited') return diff.change;
  return `edited: ${(diff.fields ?? []).map((f) => (f === 'enforcementMode' ? 'enforcement mode' : f)).join(', ')}`;
}

/** What an engine that only one side has means for access; undefined for an engine both have. */
export function engineStatusWords(engine: EngineAccessDiff, base: AccessDiff['base']): string | undefined {
  if (engine.status === 'new') return `not at ${baseWords(base)}: every permit is new access`;
  if (engine.status === 'removed') return `only at ${baseWords(base)}: this tool never deletes an engine, so its live policies stay as they are`;
  return undefined;
}

/** `Widens access on 1 tool, narrows on 2 · 3 policies changed`: tools per engine, policies by name (one policy
 * deployed to two engines is one policy changed). */
export function diffSummary(diff: AccessDiff): string {
  const counts = accessCounts(diff);
  const policies = new Set(diff.engines.flatMap((e) => e.policies.map((p) => p.name))).size;
  return [
    ...accessVerdict(counts, counts.unknown > 0 ? undefined : 'No tool changes access'),
    policies > 0 ? `${plural(policies, 'policy', 'policies')} changed` : 'no policy changes',
  ].join(' · ');
}
