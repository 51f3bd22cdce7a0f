// Property-based fuzz of the plan against garbage live state, as a misbehaving service or console edits could
// leave it: random descriptions (marker look-alikes among them), statements that do not parse, missing fields,
// odd statuses. The plan never throws, never changes what an unmanaged policy does without prune (adopting one
// that holds exactly the declared statement only writes its description), and every change to a live policy
// carries that policy's id.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LivePolicy, LiveStatus } from '../../src/model.js';
import { encodeDescription, statementHash } from '../../src/plan/ownership.js';
import { planEngine } from '../../src/plan/plan-engine.js';
import { desired, engine, live, options, permit, forbid } from '../builders/plan.js';
import { mutate, mutations } from './mutations.js';

const STATUSES: LiveStatus[] = ['CREATING', 'ACTIVE', 'UPDATING', 'DELETING', 'CREATE_FAILED', 'UPDATE_FAILED', 'DELETE_FAILED'];
const names = ['A', 'B', 'C', 'D', 'E'];

const marker = fc.record({
  version: fc.constantFrom('1.0.0', '0.9.0', '2.0.0', 'x'),
  group: fc.constantFrom('business_rules', 'emergency', 'nope'),
  validationMode: fc.constantFrom('FAIL_ON_ANY_FINDINGS', 'IGNORE_ALL_FINDINGS'),
  statementHash: fc.constantFrom('0123456789abcdef', statementHash(permit('a'))),
});

const description = fc.oneof(
  fc.string(),
  fc.constant(undefined),
  marker.map((m) => encodeDescription('human text', m as never)),
  fc.tuple(marker, mutations).map(([m, steps]) => mutate(encodeDescription('x', m as never), steps)),
  fc.constant('[agentcore-policy managed version=1.0.0]'),
);

const statement = fc.oneof(
  fc.constantFrom(permit('a'), forbid('b'), permit('c', ' when { context.input.x > 1 }')),
  fc.tuple(fc.constantFrom(permit('a'), forbid('b')), mutations).map(([s, steps]) => mutate(s, steps)),
  fc.constant(undefined),
  fc.string(),
);

const livePolicy: fc.Arbitrary<LivePolicy> = fc.record({
  policyId: fc.constantFrom(...names).map((n) => `${n}-0123456789`),
  name: fc.constantFrom(...names, 'Other', ''),
  description,
  statement,
  enforcementMode: fc.constantFrom('ACTIVE', 'LOG_ONLY', undefined),
  status: fc.constantFrom(...STATUSES),
  statusReasons: fc.array(fc.string(), { maxLength: 2 }),
  extra: fc.string(),
}) as fc.Arbitrary<LivePolicy>;

describe('fuzz: plan against garbage live state', () => {
  it('never throws, changes no unmanaged statement without prune but as a reclaim it warns of, and names the live id it changes', () => {
    fc.assert(
      fc.property(fc.array(livePolicy, { maxLength: 6 }), fc.boolean(), (policies, prune) => {
        const want = engine({ policies: [desired('A', permit('a')), desired('B', forbid('b'))] }, { prune });
        const plan = planEngine(want, live({ policies }), options);
        for (const change of plan.changes) {
          if (change.kind !== 'policy' || change.action === 'create' || change.action === 'no-op') continue;
          expect(change.before?.policyId).toBeTruthy();
          expect(policies.some((p) => p.policyId === change.before!.policyId)).toBe(true);
          const adoption = change.action === 'update' && !change.fields.includes('statement') && change.after?.statement === change.before?.statement;
          // A declared policy that shows it was ours (marker-like text, or the declared scope) is taken back, saying so.
          const reclaim = change.action === 'update' && change.reclaim === true && plan.warnings.some((w) => w.code === 'plan/marker-lost' && w.message.includes(`(${change.before!.policyId})`));
          if (!prune && change.before && !change.before.managed && !adoption && !reclaim) {
            throw new Error(`unmanaged policy ${change.before.name} would get a ${change.action} without prune`);
          }
        }
      }),
      { numRuns: 2000, seed: 20261129 },
    );
  });
});
