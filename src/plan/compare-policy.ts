// One declared policy against the live policy of the same name: which fields differ, whether a failed live state
// needs fixing, and whether the manifest's version follows the statement (semver rules: a bump when the `.cedar`
// file changed the statement, none when only an engine variable did).
import versionEquals from 'semver/functions/eq.js';
import versionBefore from 'semver/functions/lt.js';
import validVersion from 'semver/functions/valid.js';
import type { Diagnostic, DesiredPolicy, EngineSpec } from '../model.js';
import { policyWidens } from './access.js';
import { encodeDescription, type ManagedMarker } from './ownership.js';
import { clientToken, toAfter, type LiveView } from './policy-states.js';
import type { PlanOptions, PolicyAfter, PolicyBefore, PolicyChange, PolicyField } from './types.js';

type Derived = 'kind' | 'group' | 'effect' | 'widensAccess';
/** A policy change without what is derived from its two sides; one shape per action, as PolicyChange. */
export type PolicyChangeDraft = PolicyChange extends infer C ? (C extends PolicyChange ? Omit<C, Derived> : never) : never;

/** Fills in what every policy change derives from its before and after. */
export function finishPolicyChange(draft: PolicyChangeDraft): PolicyChange {
  const { name, fields, drift, notes, shadowOf, reclaim, ...sides } = draft;
  const group = draft.after?.group ?? draft.before?.group;
  const effect = draft.after?.effect ?? draft.before?.effect;
  // Spelled out so the JSON reads in this order: what, why, then the two sides (`sides` holds the action again,
  // which keeps its first place).
  const what = { kind: 'policy', action: draft.action } as const;
  return {
    ...what,
    name,
    ...(group && { group }),
    ...(effect && { effect }),
    widensAccess: policyWidens(draft),
    drift,
    fields,
    notes,
    ...(reclaim && { reclaim }),
    ...(shadowOf && { shadowOf }),
    ...sides,
  };
}

/** A create, or a replace when a live policy gives way to it (a rename, a failed live state). */
export function createOrReplace(draft: Omit<Extract<PolicyChangeDraft, { action: 'create' }>, 'action' | 'fields'>, replaced: PolicyBefore | undefined): PolicyChangeDraft {
  return replaced ? { ...draft, action: 'replace', fields: [], before: replaced } : { ...draft, action: 'create', fields: [] };
}

/** What the plan says of a `definition: policy` statement it sends. */
export const TEXT_ONLY = 'definition: policy: checked here for length, name and one statement only; the service validates the rest when apply sends it';

export function createToken(engine: string, after: PolicyAfter, replacing?: string): string {
  return clientToken([engine, after.name, after.statement, after.description, after.enforcementMode, after.validationMode, replacing]);
}

/** Where a statement's engine variables come from: the engine file, and the variables the policy uses. */
export interface VariableSource {
  file: string;
  variables: string[];
}

/** `reclaim`: the live policy lost our marker outside git and is taken back (plan-policies.ts decides when). */
export function comparePolicy(
  engine: Pick<EngineSpec, 'name' | 'file'>,
  desired: DesiredPolicy,
  view: LiveView,
  options: Pick<PlanOptions, 'sameMeaning'> & { reclaim?: boolean } = {},
): { change: PolicyChange; errors: Diagnostic[] } {
  const after = toAfter(desired);
  const variables: VariableSource = { file: engine.file, variables: desired.variables };
  const { before, marker } = view;
  const reasons = before.statusReasons.length > 0 ? ` (${before.statusReasons.join('; ')})` : '';
  const common = { name: after.name, drift: view.drift, before, after, ...(options.reclaim && { reclaim: true as const }) };
  if (before.status === 'CREATE_FAILED') {
    // It never took effect and may not accept an update, so it is deleted and created again; no version rule
    // applies to a version that was never live.
    const notes = [`live status CREATE_FAILED${reasons}: deleted and created again`];
    const clientTokenValue = createToken(engine.name, after, before.policyId);
    return { change: finishPolicyChange({ ...common, action: 'replace', fields: [], clientToken: clientTokenValue, notes }), errors: [] };
  }
  const fields = changedFields(after, view);
  const notes: string[] = [];
  if (options.reclaim) notes.push('reclaimed: its ownership marker was lost outside git; the marker is restored, and its statement and description are set as declared');
  else if (!marker && !fields.includes('statement')) notes.push('not managed by agentcore-policy yet: adopted, as it holds exactly the declared statement (only the description and modes are written)');
  else if (!marker) notes.push('not managed by agentcore-policy yet: adopted because the engine has prune: true, and its statement overwritten');
  if (view.drift) notes.push('changed outside git: this plan overwrites the live statement');
  if (!view.parses) notes.push('the live statement does not parse: the repository statement replaces it');
  if (before.status === 'UPDATE_FAILED') notes.push(`live status UPDATE_FAILED${reasons}: the whole policy is sent again`);
  if (fields.includes('statement') && after.definition === 'policy') notes.push(TEXT_ONLY);
  if (before.status === 'DELETE_FAILED') notes.push(`live status DELETE_FAILED${reasons}: kept, as the repository declares it`);
  if (marker && fields.includes('statement') && changedThroughVariables(after, marker)) notes.push(throughVariablesNote(after, marker, variables));
  // Comments or layout alone: the new text is sent, but it decides exactly as before, so no version bump either.
  const textOnly = fields.includes('statement') && view.parses && before.statement !== undefined && options.sameMeaning?.(before.statement, after.statement) === true;
  if (textOnly) notes.push('text only: comments or layout changed, and it decides exactly as before (no version bump needed)');
  const action = fields.length > 0 || before.status === 'UPDATE_FAILED' ? 'update' : 'no-op';
  const errors = marker ? checkVersion(after, marker, fields.includes('statement') && !textOnly, variables) : [];
  const change = finishPolicyChange({ ...common, action, fields, notes });
  return { change: textOnly ? { ...change, widensAccess: false } : change, errors };
}

function changedFields(after: PolicyAfter, view: LiveView): PolicyField[] {
  const { before, marker } = view;
  const fields: PolicyField[] = [];
  // A statement moving between Cedar and `policy` is sent again in its new definition, even with the same text.
  if (!view.parses || before.statement !== after.statement || before.definition !== after.definition) fields.push('statement');
  if (before.humanDescription !== after.humanDescription) fields.push('description');
  if (marker && marker.version !== after.version) fields.push('version');
  if (before.enforcementMode !== after.enforcementMode) fields.push('enforcementMode');
  if (marker && marker.validationMode !== after.validationMode) fields.push('validationMode');
  // A marker that differs in nothing shown above (group moved, hash stale, marker missing) is still rewritten; one
  // that lacks only the source hash (written before it was recorded) gets it with the next change, not on its own.
  const shown = fields.some((f) => f !== 'enforcementMode');
  if (!shown && before.description !== after.description && !lacksOnlySourceHash(after, view)) fields.push('description');
  return fields;
}

function lacksOnlySourceHash(after: PolicyAfter, { before, marker }: LiveView): boolean {
  if (!marker || marker.sourceHash !== undefined) return false;
  return before.description === encodeDescription(after.humanDescription, { ...markerOf(after), sourceHash: undefined });
}

function markerOf(after: PolicyAfter): ManagedMarker {
  const { version, group, validationMode, statementHash, sourceHash } = after;
  return { version, group, validationMode, statementHash, ...(sourceHash !== undefined && { sourceHash }) };
}

/** The repository's statement differs from the one applied while the `.cedar` file does not: an engine variable
 * (or nothing the file says) changed it. Unknowable, hence false, for a marker without a source hash. */
function changedThroughVariables(after: PolicyAfter, marker: ManagedMarker): boolean {
  return marker.sourceHash !== undefined && marker.sourceHash === after.sourceHash && marker.statementHash !== after.statementHash;
}

function throughVariablesNote(after: PolicyAfter, marker: ManagedMarker, { file, variables }: VariableSource): string {
  const unchanged = `${after.file} is unchanged since version ${marker.version} was applied`;
  if (variables.length === 0) return `${unchanged}: no version bump needed`;
  return `${unchanged}; the statement changes with the value of ${placeholders(variables)} in ${file}: no version bump needed`;
}

const placeholders = (names: string[]) => names.map((name) => `{{${name}}}`).join(', ');

/** A statement change needs a version bump, and a version never goes down. The repository changed the statement
 * only if it differs both from live and from what the marker recorded: a console edit alone (drift) or a new Cedar
 * formatter alone needs no bump, nor does a change of engine variables under an unchanged `.cedar` file (known
 * from the source hash; a marker without one falls back to the statement alone). Unparseable versions are left to
 * validation. */
export function checkVersion(after: PolicyAfter, marker: ManagedMarker, statementChanged: boolean, source: VariableSource): Diagnostic[] {
  if (!validVersion(after.version)) return [];
  const at = { file: after.declaredAt.file, line: after.declaredAt.line, column: after.declaredAt.column };
  if (versionBefore(after.version, marker.version)) {
    const message = `${after.name} (${after.file}): version ${after.version} is lower than the live version ${marker.version}`;
    return [{ severity: 'error', code: 'plan/version-lower', message, ...at }];
  }
  const repositoryChanged = statementChanged && after.statementHash !== marker.statementHash && !changedThroughVariables(after, marker);
  if (repositoryChanged && versionEquals(after.version, marker.version)) {
    // An old marker cannot tell a variable change from an edit: say so, rather than blame a file that may be intact.
    const unknowable =
      marker.sourceHash === undefined && source.variables.length > 0
        ? ` (if only ${placeholders(source.variables)} in ${source.file} changed: the live marker predates recording the file's hash, so the plan cannot tell)`
        : '';
    const message = `${after.name}: ${after.file} changed since version ${marker.version} was applied; bump its version${unknowable}`;
    return [{ severity: 'error', code: 'plan/version-not-bumped', message, ...at }];
  }
  return [];
}
