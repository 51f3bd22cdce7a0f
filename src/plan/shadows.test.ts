import { describe, expect, it } from 'vitest';
import type { LivePolicy } from '../model.js';
import { decodeDescription } from './ownership.js';
import { phasesOf, type Phase } from './phases.js';
import { planEngine } from './plan-engine.js';
import { readLive } from './policy-states.js';
import { shadowName, shadowOf } from './shadows.js';
import { applied, desired, engine, forbid, live, normalize, options, permit } from '../../test/builders/plan.js';
import type { EnginePlan, PolicyChange } from './types.js';

const outline = (phases: Phase[]) => phases.flatMap((p) => p.steps.map((s) => `${p.name}: ${s.type} ${s.name}`));
const policy = (plan: EnginePlan, name: string) => plan.changes.find((c): c is PolicyChange => c.kind === 'policy' && c.name === name)!;

// The counter-example: both sets deny `x` (the old forbid, the narrow new permit), but the old permit with the new
// forbid allows it.
const OLD = [desired('Broad', permit('t')), desired('Cap', forbid('t', ' when { context.input.x }'))];
const NEW = [
  desired('Broad', permit('t', ' when { context.input.y }'), { version: '1.1.0' }),
  desired('Cap', forbid('t', ' when { context.input.z }'), { version: '1.1.0' }),
];
const COPY = shadowName('Cap', OLD[1]!.statement);

/** The live copy an interrupted apply left behind, exactly as apply created it. */
function leftover(overrides: Partial<LivePolicy> = {}): LivePolicy {
  const plan = planEngine(engine({ policies: NEW }), live({ policies: OLD.map((p) => applied(p)) }), options);
  const { after } = policy(plan, COPY);
  return { policyId: `${COPY.slice(0, 20)}-0123456789`, name: COPY, description: after!.description, statement: after!.statement, enforcementMode: 'ACTIVE', status: 'ACTIVE', statusReasons: [], ...overrides };
}

describe('temporary copies of changed forbids', () => {
  it('copies a forbid changed alongside a permit, and deletes the copy once the permits are final', () => {
    const plan = planEngine(engine({ policies: NEW }), live({ policies: OLD.map((p) => applied(p)) }), options);
    expect(outline(phasesOf(plan))).toEqual([
      `forbids-shadowed: create-policy ${COPY}`,
      'forbids-created-or-changed: update-policy Cap',
      'permits-changed: update-policy Broad',
      `forbids-removed: delete-policy ${COPY}`,
    ]);
    const copy = policy(plan, COPY);
    expect(copy).toMatchObject({ action: 'create', shadowOf: 'Cap', effect: 'forbid', widensAccess: false, group: 'business_rules' });
    expect(copy.after).toMatchObject({ statement: OLD[1]!.statement, enforcementMode: 'ACTIVE', validationMode: 'IGNORE_ALL_FINDINGS', file: NEW[1]!.spec.file });
    expect(decodeDescription(copy.after!.description)).toMatchObject({ human: expect.stringContaining('Temporary copy of the previous statement of Cap'), marker: { version: '1.0.0' } });
    expect(copy.clientToken).toMatch(/^[0-9a-f]{64}$/);
    expect(copy.notes[0]).toContain('deleted at the end of this apply');
    expect(policy(plan, 'Cap').notes).toContain(`its previous statement stays live as the temporary forbid ${COPY} until the permits are final`);
  });

  it('needs no copy when one forbid update is the only change to decisions before the last phase', () => {
    const plan = planEngine(
      engine({ policies: [NEW[1]!, desired('Gone', forbid('g'), { enforcementMode: 'LOG_ONLY' }), desired('Words', permit('w'), { description: 'reworded' })] }),
      live({ policies: [applied(OLD[1]!), applied(desired('Gone', forbid('g'))), applied(desired('Words', permit('w')))] }),
      options,
    );
    // Turning a forbid LOG_ONLY removes it: last, and no reason to copy the other one.
    expect(outline(phasesOf(plan))).toEqual([
      'forbids-created-or-changed: update-policy Cap',
      'permits-changed: update-policy Words',
      'forbids-removed: update-policy Gone',
    ]);
  });

  it('copies forbids even with no permit changing: two updated together, or one narrowed while a new one takes over', () => {
    const other = desired('Other', forbid('o'));
    const swapped = planEngine(
      engine({ policies: [NEW[1]!, desired('Other', forbid('o', ' when { context.input.x }'), { version: '1.1.0' })] }),
      live({ policies: [applied(OLD[1]!), applied(other)] }),
      options,
    );
    expect(outline(phasesOf(swapped)).filter((s) => s.startsWith('forbids-shadowed'))).toEqual(
      [`forbids-shadowed: create-policy ${COPY}`, `forbids-shadowed: create-policy ${shadowName('Other', other.statement)}`].sort(),
    );
    const handedOver = planEngine(engine({ policies: [NEW[1]!, desired('New', forbid('t', ' when { context.input.x }'))] }), live({ policies: [applied(OLD[1]!)] }), options);
    expect(outline(phasesOf(handedOver))[0]).toBe(`forbids-shadowed: create-policy ${COPY}`);
  });

  it('keeps names within AgentCore limits, and the same content always gets the same name', () => {
    const long = `F${'x'.repeat(47)}`;
    const name = shadowName(long, forbid('a'));
    expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,47}$/);
    expect(name).toMatch(/__prev_[0-9a-f]{8}$/);
    expect(shadowName(long, forbid('a'))).toBe(name);
    expect(shadowName(long, forbid('b'))).not.toBe(name);
  });

  it('recognizes only an exact copy: name, note and marker', () => {
    expect(shadowOf(readLive(leftover(), normalize))).toBe('Cap');
    expect(shadowOf(readLive(leftover({ statement: forbid('t') }), normalize))).toBeUndefined();
    expect(shadowOf(readLive(leftover({ description: 'Temporary copy of the previous statement of Cap' }), normalize))).toBeUndefined();
  });

  it('reuses a copy an interrupted apply left when the same copy is needed, and deletes it last', () => {
    const plan = planEngine(engine({ policies: NEW }), live({ policies: [...OLD.map((p) => applied(p)), leftover()] }), options);
    expect(outline(phasesOf(plan))).toEqual(['forbids-created-or-changed: update-policy Cap', 'permits-changed: update-policy Broad', `forbids-removed: delete-policy ${COPY}`]);
    expect(policy(plan, COPY)).toMatchObject({ action: 'delete', shadowOf: 'Cap', before: { policyId: leftover().policyId } });
    expect(plan.errors).toEqual([]);
  });

  it('deletes a leftover copy that is no longer needed, and never takes it for a rename', () => {
    const done = planEngine(engine({ policies: [NEW[1]!, desired('Fresh', forbid('t', ' when { context.input.x }'))] }), live({ policies: [applied(NEW[1]!), leftover()] }), options);
    expect(policy(done, COPY)).toMatchObject({ action: 'delete', shadowOf: 'Cap' });
    expect(policy(done, COPY).notes[0]).toContain('left by an interrupted apply');
    expect(policy(done, 'Fresh').action).toBe('create');
  });

  it('replays a copy still being created, recreates one whose creation failed, and refuses a name held otherwise', () => {
    const withLeftover = (overrides: Partial<LivePolicy>) => planEngine(engine({ policies: NEW }), live({ policies: [...OLD.map((p) => applied(p)), leftover(overrides)] }), options);
    const fresh = policy(planEngine(engine({ policies: NEW }), live({ policies: OLD.map((p) => applied(p)) }), options), COPY);
    const creating = withLeftover({ status: 'CREATING' });
    // The same request again: the same idempotency token, so the service answers with the copy it is making.
    expect(policy(creating, COPY)).toMatchObject({ action: 'create', clientToken: fresh.clientToken });
    expect(outline(phasesOf(creating))[0]).toBe(`forbids-shadowed: create-policy ${COPY}`);
    const failed = withLeftover({ status: 'CREATE_FAILED' });
    expect(outline(phasesOf(failed)).slice(0, 2)).toEqual([`forbids-shadowed: delete-policy ${COPY}`, `forbids-shadowed: create-policy ${COPY}`]);
    expect(policy(failed, COPY)).toMatchObject({ action: 'replace', shadowOf: 'Cap' });
    expect(policy(failed, COPY).clientToken).not.toBe(fresh.clientToken);
    for (const overrides of [{ status: 'UPDATING' as const }, { enforcementMode: 'LOG_ONLY' as const }]) {
      const refused = withLeftover(overrides);
      expect(refused.errors.map((e) => e.code)).toEqual(['plan/shadow-name-taken']);
      expect(refused.errors[0]!.message).toContain(Object.values(overrides)[0]);
    }
  });
});
