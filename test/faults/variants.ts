// Seeded random variants of the example repository, for the fault and crash runs: every declared policy on or off,
// ACTIVE or LOG_ONLY, and an amount limit (for the policies that have one) moved up or down with the version bump a
// statement change needs. Each variant is drawn from the previous one, so a chain of them is a chain of small
// random plans over one engine, every one reachable from the last.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { createPrng } from '../../src/emulator/faults.js';
import type { PolicySpec, Repository } from '../../src/model.js';
import { PROJECT_ROOT, type Tree } from '../helpers/repo.js';

/** The amount limit in a statement, e.g. `context.input.amount < 500`. */
const LIMIT = /(context\.input\.amount [<>] )(\d+)/;
/** What a limit may be multiplied by. */
const FACTORS = [1, 0.6, 1.6] as const;

export interface PolicyVariant {
  enabled: boolean;
  logOnly: boolean;
  /** Index into FACTORS; always 0 for a policy without a limit. */
  factor: number;
  /** Minor version: goes up with every change of the statement. */
  minor: number;
}

export type Variant = Record<string, PolicyVariant>;

export interface Dice {
  chance(p: number): boolean;
  index(n: number): number;
}

export function dice(seed: number): Dice {
  const next = createPrng(seed);
  return { chance: (p) => next() < p, index: (n) => Math.floor(next() * n) };
}

/** The example repository exactly as it is. */
export function exampleVariant(repository: Repository): Variant {
  return Object.fromEntries(repository.policies.map((p) => [p.name, { enabled: p.enabled, logOnly: p.enforcementMode === 'LOG_ONLY', factor: 0, minor: 0 }]));
}

/** A few random changes to `from`: a plan of a handful of steps. Emergency switches flip less often: one that is on
 * denies most requests, which leaves the probe little to look at. */
export function nextVariant(from: Variant, repository: Repository, d: Dice): Variant {
  const next: Variant = {};
  for (const spec of repository.policies) {
    const was = from[spec.name]!;
    const flip = spec.group === 'emergency' ? (was.enabled ? 0.6 : 0.1) : 0.2;
    const factor = LIMIT.test(spec.source) && d.chance(0.3) ? (was.factor + 1 + d.index(FACTORS.length - 1)) % FACTORS.length : was.factor;
    next[spec.name] = {
      enabled: d.chance(flip) ? !was.enabled : was.enabled,
      logOnly: d.chance(0.15) ? !was.logOnly : was.logOnly,
      factor,
      minor: factor === was.factor ? was.minor : was.minor + 1,
    };
  }
  return next;
}

/** Every manifest and `.cedar` file of the example repository, as this variant has them. */
export async function variantTree(variant: Variant, repository: Repository): Promise<Tree> {
  const tree: Tree = {};
  const manifests = [...new Set(repository.policies.map((p) => manifestOf(p)))];
  for (const manifest of manifests) {
    const doc = parseDocument(await exampleText(manifest));
    const list = doc.get('policies', true);
    for (const entry of isSeq(list) ? list.items.filter(isMap) : []) {
      const v = variant[entry.get('name') as string]!;
      entry.set('enabled', v.enabled);
      entry.set('version', `1.${v.minor}.0`);
      if (v.logOnly) entry.set('enforcementMode', 'LOG_ONLY');
      else entry.delete('enforcementMode');
    }
    tree[manifest] = doc.toString({ lineWidth: 0 });
  }
  for (const spec of repository.policies) tree[spec.file] = withLimit(spec.source, FACTORS[variant[spec.name]!.factor]!);
  return tree;
}

const texts = new Map<string, Promise<string>>();
const exampleText = (path: string) => texts.get(path) ?? texts.set(path, readFile(join(PROJECT_ROOT, path), 'utf8')).get(path)!;

function manifestOf(spec: PolicySpec): string {
  return `${spec.file.slice(0, spec.file.lastIndexOf('/'))}/policies.yaml`;
}

function withLimit(source: string, factor: number): string {
  return source.replace(LIMIT, (_, head: string, amount: string) => `${head}${Math.round(Number(amount) * factor)}`);
}

/** Amounts just under and over every limit a variant can have, for the probe's requests. */
export function amountsAround(repository: Repository): number[] {
  const limits = repository.policies.flatMap((p) => {
    const match = LIMIT.exec(p.source);
    return match ? FACTORS.map((f) => Math.round(Number(match[2]) * f)) : [];
  });
  return [...new Set(limits.flatMap((limit) => [limit - 1, limit + 1]))].sort((a, b) => a - b);
}
