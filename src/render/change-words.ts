// A change in words, shared by the text and markdown renderers so both say the same thing. The words still hold
// raw quoted values (names, descriptions): each renderer escapes them for its own medium.
import type { Change, ChangeAction, Plan, PlanCounts, PolicyChange } from '../plan/types.js';
import { PROMOTED_WITHOUT_EVIDENCE, promotionLines } from './replay-words.js';

export const SYMBOL: Record<ChangeAction, string> = {
  create: '[+]',
  update: '[~]',
  delete: '[-]',
  replace: '[-/+]',
  'no-op': '[ ]',
};

const VERB: Record<ChangeAction, string> = {
  create: 'will be created',
  update: 'will be updated',
  delete: 'will be deleted',
  replace: 'will be replaced',
  'no-op': 'unchanged',
};

export interface ChangeWords {
  symbol: string;
  /** e.g. `policy RefundUnder500 (business_rules, permit)`. */
  subject: string;
  /** e.g. `will be updated: statement, version`. */
  verb: string;
  /** Loud facts: widens access, changed outside git, enforcement drift, promoted without evidence. */
  flags: string[];
  /** Before -> after of small fields, a promotion's evidence, then the planner's notes. */
  details: string[];
}

export function describeChange(change: Change): ChangeWords {
  const flags = [
    ...(change.kind !== 'engine' && change.widensAccess ? ['widens access'] : []),
    ...(change.kind === 'policy' && change.drift ? ['changed outside git'] : []),
    ...(change.kind === 'gateway' && change.drift ? [`enforcement drift (${change.drift})`] : []),
    ...(change.kind === 'policy' && change.promotion && 'missing' in change.promotion ? [PROMOTED_WITHOUT_EVIDENCE] : []),
  ];
  if (change.kind === 'engine') {
    const details = change.action === 'update' ? [`description: ${quote(change.before?.description)} -> ${quote(change.after.description)}`] : [];
    return { symbol: SYMBOL[change.action], subject: `engine ${change.name}`, verb: VERB[change.action], flags, details: [...details, ...change.notes] };
  }
  if (change.kind === 'gateway') {
    const verb = change.action === 'update' ? `${VERB.update}: ${change.notes.join('; ')}` : VERB['no-op'];
    return { symbol: SYMBOL[change.action], subject: `gateway ${change.name}`, verb, flags, details: [change.arn] };
  }
  const label = [change.group, change.effect].filter(Boolean).join(', ');
  const subject = `policy ${change.name}${label ? ` (${label})` : ''}`;
  const unmanaged = change.action === 'no-op' && change.before && !change.before.managed;
  const done = change.reclaim ? 'will be reclaimed (marker restored)' : VERB[change.action];
  const verb = unmanaged ? 'unmanaged' : change.fields.length > 0 ? `${done}: ${change.fields.join(', ')}` : done;
  const promotion = change.promotion ? promotionLines(change.promotion) : [];
  return { symbol: SYMBOL[change.action], subject, verb, flags, details: [...fieldDetails(change), ...promotion, ...change.notes] };
}

function fieldDetails(change: PolicyChange): string[] {
  const { before, after } = change;
  if (!before || !after) return [];
  const details: string[] = [];
  if (change.fields.includes('version')) details.push(`version: ${before.version} -> ${after.version}`);
  if (change.fields.includes('description') && before.humanDescription !== after.humanDescription) {
    details.push(`description: ${quote(before.humanDescription)} -> ${quote(after.humanDescription)}`);
  }
  if (change.fields.includes('enforcementMode')) {
    const promoted = before.enforcementMode === 'LOG_ONLY' && after.enforcementMode === 'ACTIVE' ? ' (promoted: it starts to decide)' : '';
    details.push(`enforcementMode: ${before.enforcementMode} -> ${after.enforcementMode}${promoted}`);
  }
  if (change.fields.includes('validationMode')) details.push(`validationMode: ${before.validationMode} -> ${after.validationMode}`);
  if (change.action === 'replace' && before.name !== after.name && before.statement === after.statement) details.push('statement unchanged');
  return details;
}

const quote = (text: string | undefined) => (text === undefined ? '(none)' : `"${text}"`);

/** Terraform's closing line; replaces and temporary copies are mentioned only when there are some. A plan saved
 * before temporary copies were counted apart has no `temporary`. */
export function summaryLine(counts: PlanCounts): string {
  const replace = counts.replace > 0 ? `, ${counts.replace} to replace` : '';
  return `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete${replace}${temporaryCopies(counts.temporary, ' by the apply')}.`;
}

/** ` (and N temporary forbid copies, created and deleted…)`, or nothing for none: the plan's and apply's words. */
export function temporaryCopies(count: number | undefined, by = ''): string {
  if (!count) return '';
  return ` (and ${count} temporary forbid ${count === 1 ? 'copy' : 'copies'}, created and deleted${by})`;
}

export const NO_CHANGES = 'No changes. Live engines match the repository.';

/** The plan's closing line: Terraform's counts, or no changes, preceded by the engines that could not be read. */
export function planSummary(plan: Plan): string {
  const unreachable = plan.engines.filter((e) => e.unreachable).map((e) => e.engine);
  const counts = plan.hasChanges ? summaryLine(plan.counts) : unreachable.length > 0 ? 'No changes in the engines that were read.' : NO_CHANGES;
  if (unreachable.length === 0) return counts;
  return `Not planned: ${unreachable.length === 1 ? 'engine' : 'engines'} ${unreachable.join(', ')} could not be read. ${counts}`;
}

/** Changes worth a line of their own: real changes, and unmanaged policies (listed, never touched). */
export function isListed(change: Change): boolean {
  return change.action !== 'no-op' || isUnmanaged(change);
}

export function isUnmanaged(change: Change): boolean {
  return change.kind === 'policy' && change.action === 'no-op' && change.before !== undefined && !change.before.managed;
}
