// Matches declared policies to live ones and decides each one's fate. Ownership rules: only policies carrying our
// marker are ours to update or delete; an unmanaged one is listed and left alone unless the engine has
// `prune: true`, or the repository declares its name with the very same statement: then it is adopted by writing
// our marker into its description, which changes no decision. A declared name that is gone live, paired with an
// undeclared managed policy holding the very same statement, is a rename (shown as one replace, applied as a delete
// plus a create). A declared name held by a live policy that lost its marker outside git (a console edit of its
// description strips it) is reclaimed when the policy shows it was ours: marker-like text left in its description
// (then even with the very same statement, so the warning says what happened), or the declared policy's effect and
// scope (only its conditions differ); anything else of that name is someone else's, and stays refused without prune. Temporary copies of changed forbids come last (shadows.ts).
import { readPolicyShape } from '../cedar/tokens.js';
import type { Diagnostic, DesiredEngine, DesiredPolicy, LiveState } from '../model.js';
import { comparePolicy, createOrReplace, createToken, finishPolicyChange, TEXT_ONLY } from './compare-policy.js';
import { readLive, toAfter, type LiveView } from './policy-states.js';
import { planShadows, shadowOf, type Leftover } from './shadows.js';
import type { PlanOptions, PolicyChange } from './types.js';

export interface PolicyPlan {
  changes: PolicyChange[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function planPolicies(desired: DesiredEngine, live: LiveState, options: PlanOptions): PolicyPlan {
  const engine = desired.engine.name;
  const wanted = [...desired.policies].sort((a, b) => byName(a.spec, b.spec));
  // A new engine holds nothing, whatever the caller passed as its policies.
  const views = live.engine ? live.policies.map((p) => readLive(p, options.normalize)).sort((a, b) => byName(a.before, b.before)) : [];
  const result: PolicyPlan = { changes: [], errors: [], warnings: [] };
  const reclaims = new Set<string>();
  const going = views.filter((v) => v.before.status === 'DELETING');
  const present = new Map(views.filter((v) => v.before.status !== 'DELETING').map((v) => [v.before.name, v]));
  const creates: DesiredPolicy[] = [];

  for (const policy of wanted) {
    const view = present.get(policy.spec.name);
    present.delete(policy.spec.name);
    if (!view) creates.push(policy);
    else if (view.marker || (adoptable(policy, view) && !view.ignoredMarker) || (desired.engine.prune && !reclaimable(policy, view))) {
      const { change, errors } = comparePolicy(desired.engine, policy, view, options);
      result.changes.push(change);
      result.errors.push(...errors);
    } else if (reclaimable(policy, view)) {
      const { change, errors } = comparePolicy(desired.engine, policy, view, { ...options, reclaim: true });
      result.changes.push(change);
      result.errors.push(...errors);
      result.warnings.push(reclaimed(policy, view, engine));
      reclaims.add(view.before.policyId);
    } else {
      result.errors.push(nameTaken(policy, view, desired.engine.file));
      result.changes.push(untouched(view, 'not managed by agentcore-policy: left untouched (prune: false)'));
    }
  }

  const disabled = new Set(desired.disabled.map((spec) => spec.name));
  const undeclared: LiveView[] = [];
  const leftovers: Leftover[] = [];
  for (const view of present.values()) {
    const forbid = shadowOf(view);
    if (forbid) leftovers.push({ view, forbid });
    else if (view.marker && disabled.has(view.before.name)) result.changes.push(removal(view, 'declared disabled in the repository'));
    else if (view.marker) undeclared.push(view);
    else if (desired.engine.prune) result.changes.push(removal(view, 'not managed by agentcore-policy: deleted because prune: true'));
    else result.changes.push(untouched(view, 'not managed by agentcore-policy: left untouched (prune: false)'));
  }

  for (const policy of creates) {
    const after = toAfter(policy);
    const index = undeclared.findIndex((v) => v.marker?.statementHash === after.statementHash && v.before.status !== 'CREATE_FAILED');
    const renamed = index >= 0 ? undeclared.splice(index, 1)[0] : undefined;
    const notes = renamed ? [`renamed from ${renamed.before.name}`] : [];
    if (after.definition === 'policy') notes.push(TEXT_ONLY);
    if (going.some((v) => v.before.name === policy.spec.name)) notes.push('a live policy of this name is still being deleted');
    result.changes.push(
      finishPolicyChange(
        createOrReplace({ name: after.name, drift: renamed?.drift ?? false, after, clientToken: createToken(engine, after, renamed?.before.policyId), notes }, renamed?.before),
      ),
    );
  }
  for (const view of undeclared) result.changes.push(removal(view, 'no longer declared in the repository'));
  for (const view of going) {
    if (!wanted.some((p) => p.spec.name === view.before.name)) result.changes.push(untouched(view, 'being deleted'));
  }
  const taken = new Set([...wanted.map((p) => p.spec.name), ...views.filter((v) => !leftovers.some((l) => l.view === v)).map((v) => v.before.name)]);
  const unreadable = new Set(views.filter((v) => !v.parses).map((v) => v.before.policyId));
  const shadows = planShadows(engine, result.changes, leftovers, taken, (policyId) => !unreadable.has(policyId));
  // A reclaimed policy's edited marker is said by its reclaim warning, not as one treated as unmanaged.
  const read = views.flatMap((v) => liveWarnings(v, engine).filter((w) => !(reclaims.has(v.before.policyId) && w.code === 'plan/marker-ignored')));
  return { changes: shadows.changes, errors: [...result.errors, ...shadows.errors], warnings: [...read, ...result.warnings] };
}

/** An unmanaged policy holding exactly the declared statement can be made ours without changing a decision; a
 * failed one would have to be recreated, which is not adoption. */
function adoptable(policy: DesiredPolicy, view: LiveView): boolean {
  return view.parses && view.before.statement === policy.statement && view.before.definition === policy.spec.definition && view.before.status !== 'CREATE_FAILED';
}

/** A live policy without our marker that was ours: its description keeps marker-like text, or it has the declared
 * policy's effect and scope. One whose creation failed is recreated, never reclaimed. */
function reclaimable(policy: DesiredPolicy, view: LiveView): boolean {
  if (view.before.status === 'CREATE_FAILED' || view.before.statement === undefined) return false;
  return view.ignoredMarker !== undefined || sameScope(policy.statement, view.before.statement);
}

function sameScope(declared: string, live: string): boolean {
  const [a, b] = [readPolicyShape(declared), readPolicyShape(live)];
  const scope = (s: NonNullable<typeof a>) => JSON.stringify([s.effect, s.principal, s.action, s.resource]);
  return a !== undefined && b !== undefined && scope(a) === scope(b);
}

function reclaimed(policy: DesiredPolicy, view: LiveView, engine: string): Diagnostic {
  const why = view.ignoredMarker ? `its description keeps an edited marker (${view.ignoredMarker})` : 'it has the declared effect and scope';
  const message =
    `${engine}/${policy.spec.name} (${view.before.policyId}) lost its ownership marker outside git (a console edit of its description removes it); ` +
    `${policy.spec.file} declares it and ${why}, so this plan reclaims it: the marker is restored and its statement and description are set as declared`;
  return { severity: 'warning', code: 'plan/marker-lost', message, file: policy.spec.declaredAt.file, line: policy.spec.declaredAt.line, column: policy.spec.declaredAt.column };
}

function removal(view: LiveView, why: string): PolicyChange {
  return finishPolicyChange({ action: 'delete', name: view.before.name, fields: [], drift: view.drift, before: view.before, notes: [why] });
}

function untouched(view: LiveView, why: string): PolicyChange {
  return finishPolicyChange({ action: 'no-op', name: view.before.name, fields: [], drift: view.drift, before: view.before, notes: [why] });
}

function nameTaken(policy: DesiredPolicy, view: LiveView, engineFile: string): Diagnostic {
  const { file, line, column } = policy.spec.declaredAt;
  return {
    severity: 'error',
    code: 'plan/name-taken-by-unmanaged',
    message: view.before.status === 'CREATE_FAILED'
      ? `${policy.spec.name}: a live policy of this name (${view.before.policyId}) is not managed by agentcore-policy and its ` +
        `creation failed; delete it, or set prune: true in ${engineFile} to have it recreated`
      : `${policy.spec.name}: a live policy of this name (${view.before.policyId}) is not managed by agentcore-policy and ` +
        `its statement differs from ${policy.spec.file}; to adopt it, make the file hold the live statement (or remove ` +
        `the declaration and run agentcore-policy import, which writes it down), or set prune: true in ${engineFile} ` +
        `to overwrite it; otherwise rename one of them`,
    file,
    line,
    column,
  };
}

function liveWarnings(view: LiveView, engine: string): Diagnostic[] {
  const { name, policyId } = view.before;
  const warnings: Diagnostic[] = [];
  if (view.ignoredMarker) {
    const message = `${engine}/${name} (${policyId}) is treated as unmanaged: ${view.ignoredMarker}`;
    warnings.push({ severity: 'warning', code: 'plan/marker-ignored', message });
  }
  if (!view.parses) {
    const message = `${engine}/${name} (${policyId}): the live statement is missing or does not parse, so it counts as changed`;
    warnings.push({ severity: 'warning', code: 'plan/live-unparsable', message });
  }
  if (view.drift) {
    const message = `${engine}/${name} (${policyId}) was changed outside git: its statement no longer matches the hash recorded when it was applied`;
    warnings.push({ severity: 'warning', code: 'plan/policy-drift', message });
  }
  return warnings;
}
