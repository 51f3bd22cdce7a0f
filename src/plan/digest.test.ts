import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DesiredEngine } from '../model.js';
import { applied, desired, engine, ENGINE_ARN, forbid, gateway, live, liveGateway, options, permit, spec } from '../../test/builders/plan.js';
import { describeHolder } from './apply-lock.js';
import { canonicalJson, desiredDigest, editedParts } from './digest.js';
import { planAll, unreachableEngine } from './plan-all.js';
import { planEngine } from './plan-engine.js';
import type { Plan } from './types.js';

const base = (): DesiredEngine =>
  engine({ policies: [desired('A', permit('a')), desired('F', forbid('f'))], disabled: [spec('Off')], gateways: [gateway(1), gateway(2, 'LOG_ONLY')] });

const samePlan = (p: Plan): Plan => JSON.parse(JSON.stringify(p)) as Plan;

/** What saved plans' digests were first made with: JSON.stringify with a replacer that copies every object with its
 * keys sorted. canonicalJson skips the copy of an object whose keys are sorted already; the text must not change. */
const copyingEverything = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );
const jsonKey = fc.oneof(fc.string(), fc.nat().map(String), fc.constantFrom('10', '2', '01', '-1', '4294967295', '4294967294', '1.5'));
const jsonLeaf = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true }));
const jsonValue = fc.letrec((tie) => ({ node: fc.oneof({ depthSize: 'small' }, jsonLeaf, fc.array(tie('node')), fc.dictionary(jsonKey, tie('node'))) })).node;

describe('canonicalJson', () => {
  it('does not depend on key order, and leaves out undefined as JSON does', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('writes what copying every object with sorted keys writes, integer-like keys first as in any object', () => {
    fc.assert(fc.property(jsonValue, (v) => canonicalJson(v) === copyingEverything(v)), { numRuns: 500 });
    expect(canonicalJson({ b: 1, 10: 2, 2: 3, a: [undefined, () => 1] })).toBe('{"2":3,"10":2,"a":[null,null],"b":1}');
  });

  it('keeps an own __proto__ key, as a saved plan read with JSON.parse can hold one', () => {
    const edited = JSON.parse('{"b":1,"__proto__":{"steps":["x"]},"a":2}') as unknown;
    expect(canonicalJson(edited)).toBe('{"__proto__":{"steps":["x"]},"a":2,"b":1}');
    expect(canonicalJson(edited)).not.toBe(canonicalJson({ a: 2, b: 1 }));
  });
});

describe('desiredDigest', () => {
  it('is the same for the same desired state, whatever the order of its lists', () => {
    const shuffled = base();
    shuffled.policies.reverse();
    shuffled.engine.gateways.reverse();
    shuffled.engine.groups.reverse();
    expect(desiredDigest(shuffled)).toBe(desiredDigest(base()));
    expect(desiredDigest(base())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with everything that decides the steps', () => {
    const edits: ((d: DesiredEngine) => void)[] = [
      (d) => (d.policies[0] = desired('A', permit('a', ' when { context.input.amount < 1000000 }'))),
      (d) => (d.policies[0]!.spec.version = '1.0.1'),
      (d) => (d.policies[0]!.spec.description = 'other words'),
      (d) => (d.policies[0]!.spec.enforcementMode = 'LOG_ONLY'),
      (d) => (d.policies[0]!.spec.validationMode = 'IGNORE_ALL_FINDINGS'),
      (d) => (d.policies[0]!.spec.group = 'authorization'),
      (d) => (d.policies[0]!.spec.declaredAt = { ...d.policies[0]!.spec.declaredAt, line: 9 }),
      (d) => (d.policies[1]!.effect = 'permit'),
      (d) => d.policies.pop(),
      (d) => d.policies.push(desired('B', permit('b'))),
      (d) => d.disabled.pop(),
      (d) => (d.engine.description = 'engine words'),
      (d) => (d.engine.region = 'us-east-1'),
      (d) => (d.engine.endpoint = 'local'),
      (d) => (d.engine.prune = true),
      (d) => (d.engine.groups = ['business_rules']),
      (d) => (d.engine.gateways[0]!.mode = 'LOG_ONLY'),
      (d) => d.engine.gateways.pop(),
    ];
    const seen = new Set([desiredDigest(base())]);
    for (const edit of edits) {
      const state = base();
      edit(state);
      seen.add(desiredDigest(state));
    }
    expect(seen.size).toBe(edits.length + 1);
  });

  it('ignores what the planner does not read: variable values (they are in the statements) and gateway tools', () => {
    const other = base();
    other.engine.variables = { unused: 'x' };
    other.engine.gateways[0]!.targets = [{ name: 'T', tools: [] }];
    other.policies[0]!.spec.source = '// written differently';
    expect(desiredDigest(other)).toBe(desiredDigest(base()));
  });
});

describe('plan digests', () => {
  const plan = () =>
    planAll([
      planEngine(base(), live({ policies: [applied(desired('F', forbid('f')))], gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'ENFORCE' }), liveGateway(2)] }), options),
      planEngine(engine({}, { name: 'Fresh', file: 'engines/fresh.yaml' }), live({ withEngine: false }), options),
    ]);

  it('records the engine id (once the engine exists) and the desired digest', () => {
    const [main, fresh] = plan().engines;
    expect(main).toMatchObject({ policyEngineId: 'Main-abcdefghij', desired: desiredDigest(base()) });
    expect(fresh!.policyEngineId).toBeUndefined();
  });

  it('finds nothing edited in a plan as made, nor after a JSON round trip or reordered keys', () => {
    expect(editedParts(plan())).toEqual([]);
    expect(editedParts(samePlan(plan()))).toEqual([]);
    const reordered = samePlan(plan());
    reordered.engines = reordered.engines.map((e) => Object.fromEntries(Object.entries(e).reverse()) as typeof e);
    expect(editedParts(reordered)).toEqual([]);
  });

  it('names the section an edit touched', () => {
    const edits: [(p: Plan) => void, string[]][] = [
      [(p) => ((p.engines[0]!.changes[3] as { notes: string[] }).notes = ['edited']), ['engines[0] (Main)']],
      [(p) => (p.engines[1]!.fingerprint = '0'.repeat(64)), ['engines[1] (Fresh)']],
      [(p) => (p.engines[0]!.desired = p.engines[1]!.desired), ['engines[0] (Main)']],
      [(p) => delete p.engines[0]!.policyEngineId, ['engines[0] (Main)']],
      [(p) => (p.engines[0]!.policyEngineId = 'Other-0123456789'), ['engines[0] (Main)']],
      [(p) => p.engines.pop(), ['the document (its list of engines or its top-level fields)']],
      [(p) => p.engines.reverse(), ['the document (its list of engines or its top-level fields)']],
      [(p) => (p.hasChanges = false), ['the document (its list of engines or its top-level fields)']],
      [(p) => (p.errors = [{ severity: 'error', code: 'plan/engine-status', message: 'x' }]), ['the document (its list of engines or its top-level fields)']],
      [(p) => (p.digest = p.engines[0]!.digest), ['the document (its list of engines or its top-level fields)']],
    ];
    for (const [edit, parts] of edits) {
      const edited = samePlan(plan());
      edit(edited);
      expect(editedParts(edited)).toEqual(parts);
    }
  });

  it('seals an unreachable engine and a plan with an apply lock warning too', () => {
    const error = { severity: 'error' as const, code: 'aws/AccessDenied' as const, message: 'no' };
    const locked = live({ applyLock: { policyId: 'L-1', name: 'AgentcorePolicyApplyLock', description: describeHolder({ host: 'h', pid: 1, id: 'abc', since: 's' }), status: 'ACTIVE', statusReasons: [] } });
    const sealed = planAll([unreachableEngine({ name: 'Gone', file: 'engines/gone.yaml' }, error), planEngine(engine({}), locked, options)]);
    expect(editedParts(samePlan(sealed))).toEqual([]);
    expect(sealed.engines[0]).toMatchObject({ unreachable: true, desired: '', fingerprint: '' });
    expect(sealed.engines[1]!.warnings.map((w) => w.code)).toEqual(['plan/engine-locked']);
    // The lock is no policy of the plan and no part of its fingerprint.
    expect(sealed.engines[1]!.fingerprint).toBe(planEngine(engine({}), live(), options).fingerprint);
    expect(sealed.engines[1]!.changes.map((c) => c.name)).toEqual(['Main']);
  });
});
