// Temporary copies ("shadows") of forbids whose statement changes. Updating a forbid drops its old denials at once,
// and with other changes in flight that can allow a request both the old and the new policy sets deny: old {broad
// permit P, forbid F on r}, new {narrow permit P' not allowing r, F' no longer forbidding r}; once F is updated
// and while P is still broad, r is allowed. So before such a forbid is updated, its live statement is copied into
// a temporary forbid, which is deleted in the last policy phase.
//
// Why that is safe (P: the active permits, F: the active forbids; a request is allowed when some permit matches it
// and no forbid does; old state P0/F0, new state P1/F1; LOG_ONLY and failed policies are in neither set):
// - before the permit phases, every permit is as it was (P = P0) and every old forbid still denies: forbids to
//   remove are removed last, and a changed one is copied (the copy ACTIVE a phase before the update). F ⊇ F0, so
//   whatever is allowed, the old set allows.
// - during the permit phases each permit is at its old or new version, or absent: P ⊆ P0 ∪ P1. Every new or
//   changed forbid is in place and every old one still denies: F ⊇ F0 ∪ F1. An allowed request is matched by some
//   permit p and by no forbid of F0 or F1: if p is in P0 the old set allows it, otherwise the new set does.
// - the last phase removes forbids (deleted, turned LOG_ONLY or turned permit) and the copies: P ⊆ P1, F ⊇ F1,
//   so whatever is allowed, the new set allows.
// No copy is needed when one forbid's update is the only change to decisions before the last phase: then P0 ⊆ P1
// (the last phase can only add permits) and F is F0 with that forbid at either version, so a request denied by
// both sets is denied by the old statement and by the new one of that forbid, or by a forbid that stays.
// Otherwise every changed forbid is copied, even with no permit changing: two forbids updated in parallel (one
// narrowed, one widened), or a forbid narrowed while a new one takes over its denial, leave a gap too.
//
// A copy's name and content derive from the forbid and its live statement, so a re-plan after an interrupted apply
// recognizes a leftover copy (managed, marked temporary in its description): it reuses it when the same copy is
// needed again, and otherwise deletes it in the last phase.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../model.js';
import { effectiveAfter, effectiveBefore } from './access.js';
import { createOrReplace, createToken, finishPolicyChange } from './compare-policy.js';
import { encodeDescription, statementHash, type ManagedMarker } from './ownership.js';
import { policySteps } from './phases.js';
import type { LiveView } from './policy-states.js';
import type { PolicyAfter, PolicyChange, PolicyUpdate } from './types.js';

const SUFFIX = /__prev_[0-9a-f]{8}$/;
const NOTE = /^Temporary copy of the previous statement of ([A-Za-z][A-Za-z0-9_]{0,47}), kept by agentcore-policy while apply changes permits: deleted at the end of that apply\.$/;

/** `<forbid>__prev_<8 hex>` within AgentCore's 48 characters; the hash covers the name and the statement held. */
export function shadowName(forbid: string, statement: string): string {
  const hash = createHash('sha256').update(JSON.stringify([forbid, statement]), 'utf8').digest('hex').slice(0, 8);
  return `${forbid.slice(0, 33)}__prev_${hash}`;
}

const noteFor = (forbid: string) =>
  `Temporary copy of the previous statement of ${forbid}, kept by agentcore-policy while apply changes permits: deleted at the end of that apply.`;

/** The forbid a live policy is a temporary copy of, when it is exactly such a copy (name, note and marker). */
export function shadowOf(view: LiveView): string | undefined {
  const forbid = NOTE.exec(view.before.humanDescription)?.[1];
  const { name, statement } = view.before;
  if (!view.marker || !forbid || !SUFFIX.test(name) || statement === undefined) return undefined;
  return shadowName(forbid, statement) === name ? forbid : undefined;
}

/** A forbid staying an active forbid whose statement changes: its update drops its old denials at once. */
function changedForbid(change: PolicyChange): change is PolicyUpdate {
  return change.action === 'update' && change.fields.includes('statement') && effectiveBefore(change.before) === 'forbid' && effectiveAfter(change.after) === 'forbid';
}

/** Changes some decision in a phase before the last one. */
function changesEarly(change: PolicyChange): boolean {
  const before = effectiveBefore(change.before);
  const after = effectiveAfter(change.after);
  const decides = before !== after || (before !== 'none' && (change.action !== 'update' || change.fields.includes('statement')));
  return decides && policySteps(change).some(([phase]) => phase !== 'forbids-removed');
}

export interface ShadowPlan {
  /** `changes` with notes on the forbids copied, then the copies to create and the leftovers to delete. */
  changes: PolicyChange[];
  errors: Diagnostic[];
}

/** A live copy from an earlier apply, with the forbid it copies (see shadowOf). */
export interface Leftover {
  view: LiveView;
  forbid: string;
}

/** `leftovers`: live copies from an earlier apply; `taken`: every other name, declared or live;
 * `readable`: whether a live policy's statement parses (one that does not cannot be copied). */
export function planShadows(
  engine: string,
  changes: PolicyChange[],
  leftovers: Leftover[],
  taken: ReadonlySet<string>,
  readable: (policyId: string) => boolean,
): ShadowPlan {
  const forbids = changes.filter(changedForbid);
  const early = changes.filter((c) => !changedForbid(c) && changesEarly(c));
  const copied = forbids.length > 1 || (forbids.length === 1 && early.length > 0) ? forbids : [];
  // A live statement that does not parse cannot be copied (and then counts as changed anyway).
  const needed = copied.flatMap((change) => (change.before.statement !== undefined && readable(change.before.policyId) ? [{ change, statement: change.before.statement }] : []));
  const unused = new Map(leftovers.map((l) => [l.view.before.name, l]));
  const result: ShadowPlan = { changes: [], errors: [] };
  const copies: PolicyChange[] = [];
  const noted = new Map<PolicyChange, string>();
  for (const { change, statement } of needed) {
    const after = shadowAfter(change, statement);
    const leftover = unused.get(after.name)?.view;
    unused.delete(after.name);
    noted.set(change, `its previous statement stays live as the temporary forbid ${after.name} until the permits are final`);
    const status = leftover?.before.status;
    if (leftover && status === 'ACTIVE' && leftover.before.enforcementMode === 'ACTIVE') {
      copies.push(leftoverRemoval({ view: leftover, forbid: change.name }, `temporary copy of the previous statement of ${change.name}, left by an interrupted apply: kept until the permits are final, then deleted`));
    } else if (taken.has(after.name) || (leftover && status !== 'CREATE_FAILED' && status !== 'CREATING')) {
      result.errors.push(nameTaken(change, after, leftover));
    } else {
      const notes = [`temporary: holds the previous statement of ${change.name} while the permits change; deleted at the end of this apply`];
      // A create cut off mid-way is replayed with its token (the service answers with the copy it is making).
      if (status === 'CREATING') notes.push('an interrupted apply started creating this copy: the same request is sent again, and apply waits for it');
      if (status === 'CREATE_FAILED') notes.push('the copy left by an interrupted apply failed to create: deleted and created again');
      const replaced = status === 'CREATE_FAILED' ? leftover?.before : undefined;
      const clientToken = createToken(engine, after, replaced?.policyId);
      copies.push(finishPolicyChange(createOrReplace({ name: after.name, drift: false, after, clientToken, notes, shadowOf: change.name }, replaced)));
    }
  }
  for (const left of unused.values()) copies.push(leftoverRemoval(left, `temporary copy of the previous statement of ${left.forbid}, left by an interrupted apply: deleted`));
  result.changes = [...changes.map((c) => (noted.has(c) ? { ...c, notes: [...c.notes, noted.get(c)!] } : c)), ...copies];
  return result;
}

function shadowAfter(change: PolicyUpdate, statement: string): PolicyAfter {
  const { before, after } = change;
  const human = noteFor(change.name);
  // The copy is the old forbid as it was live: its version, and no validation findings to stop it (it passed once).
  const marker: ManagedMarker = { version: before.version ?? after.version, group: after.group, validationMode: 'IGNORE_ALL_FINDINGS', statementHash: statementHash(statement) };
  return {
    name: shadowName(change.name, statement),
    statement,
    description: encodeDescription(human, marker),
    humanDescription: human,
    version: marker.version,
    group: marker.group,
    enforcementMode: 'ACTIVE',
    validationMode: marker.validationMode,
    effect: 'forbid',
    statementHash: marker.statementHash,
    file: after.file,
    declaredAt: after.declaredAt,
  };
}

function leftoverRemoval({ view, forbid }: Leftover, why: string): PolicyChange {
  return finishPolicyChange({ action: 'delete', name: view.before.name, fields: [], drift: view.drift, before: view.before, notes: [why], shadowOf: forbid });
}

function nameTaken(change: PolicyChange, after: PolicyAfter, leftover: LiveView | undefined): Diagnostic {
  const { file, line, column } = after.declaredAt;
  const { status, enforcementMode } = leftover?.before ?? {};
  const holder = leftover ? `a temporary copy left by an earlier apply is ${status === 'ACTIVE' ? enforcementMode : status}` : 'another policy has that name';
  const message =
    `${change.name}: its previous statement must stay live as the temporary forbid ${after.name} while the permits change, ` +
    `but ${holder}; ${leftover ? 'delete it, or plan again once it is ACTIVE' : 'rename that policy'}`;
  return { severity: 'error', code: 'plan/shadow-name-taken', message, file, line, column };
}
