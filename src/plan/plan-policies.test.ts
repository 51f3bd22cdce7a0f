import { describe, expect, it } from 'vitest';
import { markerLine, sourceHash, statementHash } from './ownership.js';
import { planEngine } from './plan-engine.js';
import { applied, desired, engine, forbid, live, options, permit, spec, unmanaged } from '../../test/builders/plan.js';
import type { EnginePlan, PolicyChange } from './types.js';

const policies = (plan: EnginePlan) => plan.changes.filter((c): c is PolicyChange => c.kind === 'policy');
const only = (plan: EnginePlan, name: string) => {
  const found = policies(plan).filter((c) => c.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('planEngine: policies', () => {
  it('creates the engine and every policy when the engine does not exist', () => {
    const a = desired('A', permit('a'));
    const plan = planEngine(engine({ policies: [a] }), live({ withEngine: false, policies: [unmanaged('Stray', permit('x'))] }), options);
    expect(plan.changes.map((c) => [c.kind, c.action, c.name])).toEqual([
      ['engine', 'create', 'Main'],
      ['policy', 'create', 'A'],
    ]);
    const change = only(plan, 'A');
    expect(change).toMatchObject({ effect: 'permit', group: 'business_rules', widensAccess: true });
    expect(change.after?.statement).toBe(a.statement);
    expect(change.after?.description).toContain('[agentcore-policy managed version=1.0.0 group=business_rules');
    expect(change.clientToken).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is a no-op when live matches, and a formatting-only difference is no change', () => {
    const a = desired('A', permit('a'));
    const reformatted = applied(a, { statement: permit('a').replace('(principal, ', '(\n  principal,\n    ') });
    const plan = planEngine(engine({ policies: [a] }), live({ policies: [reformatted] }), options);
    expect(only(plan, 'A')).toMatchObject({ action: 'no-op', fields: [], drift: false });
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it('updates the statement after a version bump and lists exactly the changed fields', () => {
    const old = desired('A', permit('a'));
    const now = desired('A', permit('a', ' when { context.input.amount < 500 }'), { version: '1.1.0', description: 'new words' });
    const plan = planEngine(engine({ policies: [now] }), live({ policies: [applied(old)] }), options);
    const change = only(plan, 'A');
    expect(change).toMatchObject({ action: 'update', fields: ['statement', 'description', 'version'], widensAccess: true });
    expect(change.before?.policyId).toBe('A-0123456789');
    expect(change.before?.statement).toBe(old.statement);
    expect(change.after?.statement).toBe(now.statement);
    expect(plan.errors).toEqual([]);
  });

  it('updates enforcement and validation modes without needing a version bump', () => {
    const old = desired('A', forbid('a'));
    const now = desired('A', forbid('a'), { enforcementMode: 'LOG_ONLY', validationMode: 'IGNORE_ALL_FINDINGS' });
    const plan = planEngine(engine({ policies: [now] }), live({ policies: [applied(old)] }), options);
    // An active forbid going LOG_ONLY stops denying: that widens access.
    expect(only(plan, 'A')).toMatchObject({ action: 'update', fields: ['enforcementMode', 'validationMode'], widensAccess: true });
    expect(plan.errors).toEqual([]);
  });

  it('rewrites a marker that differs in nothing else (policy moved to another group)', () => {
    const old = desired('A', permit('a'));
    const now = desired('A', permit('a'), { group: 'authorization', description: old.spec.description });
    const plan = planEngine(engine({ policies: [now] }), live({ policies: [applied(old)] }), options);
    expect(only(plan, 'A')).toMatchObject({ action: 'update', fields: ['description'], widensAccess: false, group: 'authorization' });
  });

  it('rejects a statement change without a version bump, naming the file and manifest entry', () => {
    const old = desired('A', permit('a'));
    const now = desired('A', permit('b'));
    const plan = planEngine(engine({ policies: [now] }), live({ policies: [applied(old)] }), options);
    expect(plan.errors).toEqual([
      expect.objectContaining({ code: 'plan/version-not-bumped', file: 'policies/business_rules/policies.yaml', line: 2, column: 5 }),
    ]);
    expect(plan.errors[0]!.message).toContain('policies/business_rules/a.cedar');
    expect(only(plan, 'A').action).toBe('update');
  });

  it('rejects a version lower than live', () => {
    const old = desired('A', permit('a'), { version: '2.0.0' });
    const now = desired('A', permit('a'), { version: '1.9.9' });
    const plan = planEngine(engine({ policies: [now] }), live({ policies: [applied(old)] }), options);
    expect(plan.errors.map((e) => e.code)).toEqual(['plan/version-lower']);
    expect(plan.errors[0]!.message).toContain('1.9.9');
  });

  it('shows drift for a console edit and overwrites it without asking for a bump', () => {
    const a = desired('A', forbid('a'));
    const edited = applied(a, { statement: permit('a') });
    const plan = planEngine(engine({ policies: [a] }), live({ policies: [edited] }), options);
    expect(only(plan, 'A')).toMatchObject({ action: 'update', fields: ['statement'], drift: true });
    expect(plan.warnings.map((w) => w.code)).toEqual(['plan/policy-drift']);
    expect(plan.errors).toEqual([]);
  });

  it('treats an unparseable live statement as changed and says so', () => {
    const a = desired('A', permit('a'));
    const plan = planEngine(engine({ policies: [a] }), live({ policies: [applied(a, { statement: 'permit(' })] }), options);
    expect(only(plan, 'A')).toMatchObject({ action: 'update', fields: ['statement'], drift: true });
    expect(plan.warnings.map((w) => w.code)).toEqual(['plan/live-unparsable', 'plan/policy-drift']);
  });

  it('deletes a managed policy that is no longer declared, and one declared disabled', () => {
    const gone = desired('Gone', permit('g'));
    const off = desired('Shutdown', forbid('all'), { group: 'emergency' });
    const plan = planEngine(
      engine({ disabled: [off.spec] }),
      live({ policies: [applied(gone), applied(off)] }),
      options,
    );
    expect(only(plan, 'Gone')).toMatchObject({ action: 'delete', widensAccess: false, notes: ['no longer declared in the repository'] });
    expect(only(plan, 'Shutdown')).toMatchObject({ action: 'delete', group: 'emergency', effect: 'forbid', widensAccess: true });
    expect(only(plan, 'Shutdown').notes[0]).toContain('disabled');
  });

  it('plans nothing for a disabled policy that is not live', () => {
    const off = desired('Shutdown', forbid('all'), { group: 'emergency' });
    const plan = planEngine(engine({ disabled: [off.spec] }), live(), options);
    expect(policies(plan)).toEqual([]);
  });

  it('leaves unmanaged policies alone without prune, and deletes them with prune', () => {
    const state = live({ policies: [unmanaged('Manual', permit('m'))] });
    const kept = planEngine(engine(), state, options);
    expect(only(kept, 'Manual')).toMatchObject({ action: 'no-op', before: { managed: false } });
    expect(only(kept, 'Manual').notes[0]).toContain('left untouched');
    const pruned = planEngine(engine({}, { prune: true }), state, options);
    expect(only(pruned, 'Manual')).toMatchObject({ action: 'delete', before: { policyId: 'Manual-9876543210' } });
  });

  it('adopts an unmanaged policy holding exactly the declared statement: description and modes only', () => {
    const a = desired('A', permit('a'), { enforcementMode: 'LOG_ONLY' });
    const reformatted = unmanaged('A', permit('a').replace('(principal, ', '(\n  principal,\n'), { enforcementMode: 'LOG_ONLY' });
    const plan = planEngine(engine({ policies: [a] }), live({ policies: [reformatted] }), options);
    expect(plan.errors).toEqual([]);
    const change = only(plan, 'A');
    expect(change).toMatchObject({ action: 'update', fields: ['description'], widensAccess: false, before: { managed: false, policyId: 'A-9876543210' } });
    expect(change.after?.description).toContain('[agentcore-policy managed');
    expect(change.notes[0]).toContain('adopted, as it holds exactly the declared statement');
    // A mode the repository declares differently is written too, and counts for what it does.
    const active = only(planEngine(engine({ policies: [desired('A', permit('a'))] }), live({ policies: [reformatted] }), options), 'A');
    expect(active).toMatchObject({ action: 'update', fields: ['description', 'enforcementMode'], widensAccess: true });
  });

  it('refuses an unmanaged policy of the declared name holding another scope, unless prune overwrites it', () => {
    const a = desired('A', permit('a'));
    const state = live({ policies: [unmanaged('A', permit('b', ' when { context.input.x }'))] });
    const refused = planEngine(engine({ policies: [a] }), state, options);
    expect(refused.errors.map((e) => e.code)).toEqual(['plan/name-taken-by-unmanaged']);
    expect(refused.errors[0]!.message).toContain('make the file hold the live statement');
    expect(refused.errors[0]!.message).toContain('agentcore-policy import');
    expect(only(refused, 'A').action).toBe('no-op');
    const failed = planEngine(engine({ policies: [a] }), live({ policies: [unmanaged('A', permit('a'), { status: 'CREATE_FAILED' })] }), options);
    expect(failed.errors[0]!.message).toContain('its creation failed');
    const overwritten = planEngine(engine({ policies: [a] }, { prune: true }), state, options);
    expect(overwritten.errors).toEqual([]);
    expect(only(overwritten, 'A')).toMatchObject({ action: 'update', fields: ['statement', 'description'] });
    expect(only(overwritten, 'A').notes[0]).toContain('prune: true');
  });

  it('reclaims a declared policy that lost its marker but keeps the declared effect and scope', () => {
    const a = desired('A', permit('a', ' when { context.input.amount < 500 }'));
    const stripped = unmanaged('A', permit('a', ' when { context.input.amount < 100 }'));
    const plan = planEngine(engine({ policies: [a] }), live({ policies: [stripped] }), options);
    expect(plan.errors).toEqual([]);
    expect(only(plan, 'A')).toMatchObject({ action: 'update', reclaim: true, fields: ['statement', 'description'], before: { managed: false } });
    expect(only(plan, 'A').after?.description).toContain('[agentcore-policy managed version=1.0.0');
    expect(only(plan, 'A').notes[0]).toContain('reclaimed: its ownership marker was lost outside git');
    expect(plan.warnings.map((w) => [w.code, w.file])).toEqual([['plan/marker-lost', a.spec.declaredAt.file]]);
    expect(plan.warnings[0]!.message).toContain('it has the declared effect and scope');
    // A forbid of the same tool is another policy, not ours.
    const other = planEngine(engine({ policies: [a] }), live({ policies: [unmanaged('A', forbid('a'))] }), options);
    expect(other.errors.map((e) => e.code)).toEqual(['plan/name-taken-by-unmanaged']);
  });

  it('reclaims, rather than silently adopts, a policy whose marker was edited, even holding the declared statement', () => {
    const a = desired('A', permit('a'));
    const edited = applied(a);
    edited.description = `${edited.description!}\nedited in the console`;
    const plan = planEngine(engine({ policies: [a] }), live({ policies: [edited] }), options);
    expect(plan.errors).toEqual([]);
    expect(only(plan, 'A')).toMatchObject({ action: 'update', reclaim: true, fields: ['description'] });
    // One warning says what happened: the edited marker is not reported a second time as ignored.
    expect(plan.warnings.map((w) => w.code)).toEqual(['plan/marker-lost']);
    expect(plan.warnings[0]!.message).toContain('keeps an edited marker (marker-like text is not an exact marker on the last line)');
    // Without a declaration of that name nothing is reclaimed: the look-alike is reported and left alone.
    expect(planEngine(engine(), live({ policies: [edited] }), options).warnings.map((w) => w.code)).toEqual(['plan/marker-ignored']);
  });

  it('ignores a look-alike marker, treats the policy as unmanaged and reports it', () => {
    const a = desired('A', permit('a'));
    const fake = applied(a);
    fake.description = fake.description!.replace('version=1.0.0', 'version=latest');
    const plan = planEngine(engine(), live({ policies: [fake] }), options);
    expect(only(plan, 'A')).toMatchObject({ action: 'no-op', before: { managed: false } });
    expect(plan.warnings.map((w) => w.code)).toEqual(['plan/marker-ignored']);
    expect(plan.warnings[0]!.message).toContain('does not parse');
  });

  it('shows a rename as one replace carrying both sides', () => {
    const old = desired('OldName', permit('a'));
    const renamed = desired('NewName', permit('a'));
    const plan = planEngine(engine({ policies: [renamed] }), live({ policies: [applied(old)] }), options);
    expect(policies(plan)).toHaveLength(1);
    const change = only(plan, 'NewName');
    expect(change).toMatchObject({ action: 'replace', before: { name: 'OldName', policyId: 'OldName-0123456789' }, after: { name: 'NewName' } });
    expect(change.notes).toContain('renamed from OldName');
    expect(change.widensAccess).toBe(false);
  });

  it('does not pair a new policy with a deleted one whose statement differs', () => {
    const plan = planEngine(engine({ policies: [desired('New', permit('n'))] }), live({ policies: [applied(desired('Old', permit('o')))] }), options);
    expect(policies(plan).map((c) => [c.action, c.name])).toEqual([
      ['delete', 'Old'],
      ['create', 'New'],
    ]);
  });

  it('recreates a policy whose creation failed, and retries a failed update', () => {
    const a = desired('A', permit('a'));
    const b = desired('B', permit('b'));
    const plan = planEngine(
      engine({ policies: [a, b] }),
      live({
        policies: [
          applied(a, { status: 'CREATE_FAILED', statusReasons: ['schema: unknown action'] }),
          applied(b, { status: 'UPDATE_FAILED', statusReasons: ['finding: overly permissive'] }),
        ],
      }),
      options,
    );
    const recreate = only(plan, 'A');
    expect(recreate).toMatchObject({ action: 'replace', before: { policyId: 'A-0123456789' }, after: { name: 'A' } });
    expect(recreate.notes[0]).toContain('schema: unknown action');
    // A failed create never took effect, so recreating it grants access anew.
    expect(recreate.widensAccess).toBe(true);
    const retry = only(plan, 'B');
    expect(retry).toMatchObject({ action: 'update', fields: [] });
    expect(retry.notes[0]).toContain('UPDATE_FAILED');
  });

  it('gives a recreate a different idempotency token from the failed create', () => {
    const a = desired('A', permit('a'));
    const fresh = only(planEngine(engine({ policies: [a] }), live(), options), 'A');
    const recreate = only(planEngine(engine({ policies: [a] }), live({ policies: [applied(a, { status: 'CREATE_FAILED' })] }), options), 'A');
    expect(recreate.clientToken).not.toBe(fresh.clientToken);
    expect(only(planEngine(engine({ policies: [a] }), live(), options), 'A').clientToken).toBe(fresh.clientToken);
  });

  it('creates a policy whose live namesake is being deleted, and lists other deletions in progress', () => {
    const a = desired('A', permit('a'));
    const plan = planEngine(
      engine({ policies: [a] }),
      live({ policies: [applied(a, { status: 'DELETING' }), applied(desired('B', permit('b')), { status: 'DELETING' })] }),
      options,
    );
    expect(only(plan, 'A')).toMatchObject({ action: 'create' });
    expect(only(plan, 'A').notes).toContain('a live policy of this name is still being deleted');
    expect(only(plan, 'B')).toMatchObject({ action: 'no-op', notes: ['being deleted'] });
  });

  it('orders policy changes deletes, replaces, updates, creates, no-ops, then by name', () => {
    const keep = desired('Keep', permit('k'));
    const upd = desired('Upd', permit('u'), { version: '1.0.1', description: 'changed' });
    const plan = planEngine(
      engine({ policies: [desired('Zcreate', permit('z')), desired('Acreate', permit('y')), upd, keep, desired('Renamed', permit('r'))] }),
      live({ policies: [applied(keep), applied(desired('Upd', permit('u'))), applied(desired('Dropped', permit('d'))), applied(desired('WasNamed', permit('r')))] }),
      options,
    );
    expect(policies(plan).map((c) => `${c.action} ${c.name}`)).toEqual([
      'delete Dropped',
      'replace Renamed',
      'update Upd',
      'create Acreate',
      'create Zcreate',
      'no-op Keep',
    ]);
  });

  it('keeps the human description within the service limit', () => {
    const a = desired('A', permit('a'), { description: 'd'.repeat(5000) });
    const change = only(planEngine(engine({ policies: [a] }), live(), options), 'A');
    expect(change.after!.description.length).toBeLessThanOrEqual(4096);
    expect(change.after!.description.endsWith(markerLine({ version: '1.0.0', group: 'business_rules', validationMode: 'FAIL_ON_ANY_FINDINGS', statementHash: statementHash(a.statement), sourceHash: sourceHash(a.spec.source) }))).toBe(true);
  });

  it('does not mutate its inputs', () => {
    const d = engine({ policies: [desired('B', permit('b')), desired('A', permit('a'))], disabled: [spec('C')] });
    const l = live({ policies: [applied(desired('Z', permit('z'))), unmanaged('Y', permit('y'))] });
    const before = JSON.stringify([d, l]);
    planEngine(d, l, options);
    expect(JSON.stringify([d, l])).toBe(before);
  });
});
