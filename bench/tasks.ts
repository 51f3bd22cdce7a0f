// The tasks the benches time in fresh processes (bench/child.ts runs this file, compiled, as `tasks.js TASK ARG...`):
// each times itself in place and prints `ms=`. The figures are in scale.bench.ts and startup.bench.ts.
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { buildCedarSchema } from '../src/cedar/schema.js';
import { readPolicyShape } from '../src/cedar/tokens.js';
import type { Repository } from '../src/model.js';
import { loadRepository } from '../src/repository/load.js';
import { policiesOf } from '../src/repository/membership.js';
import { fillPlain, fillVariables } from '../src/repository/variables.js';
import { runApply } from '../src/run/apply.js';
import { runPlan } from '../src/run/plan.js';
import { runTests } from '../src/testing/run-tests.js';
import { hasErrors, validateRepository } from '../src/validation/validate.js';
import { timed } from './timing.js';

/** Runs of a task within its process; an apply changes the engine, so it runs once. */
const RUNS = 3;

/** cedar-wasm compiles its module on first use; every task starts after that, the cold-start figure counts it. */
const warmCedar = () => cedar.checkParsePolicySet({ staticPolicies: 'permit(principal, action, resource);' });

async function validated(root: string) {
  const report = await validateRepository(root);
  if (hasErrors(report.diagnostics)) throw new Error(`${root} does not validate: ${JSON.stringify(report.diagnostics.slice(0, 3))}`);
  return report;
}

/** The same per-action sets runTests prepares: every generated policy names one action. */
function actionSets(repository: Repository, engine: Repository['engines'][number]) {
  const sets = new Map<string, Record<string, string>>();
  for (const policy of policiesOf(repository, engine).filter((p) => p.enabled)) {
    const text = fillVariables(policy.source, engine.variables).text;
    const action = readPolicyShape(text)?.action.entityId;
    if (!action) throw new Error(`${policy.name} names no single action`);
    sets.set(action, { ...sets.get(action), [policy.name]: text });
  }
  return sets;
}

const TASKS: Record<string, (...args: string[]) => Promise<number>> = {
  async validate(root) {
    warmCedar();
    return timed(RUNS, () => validated(root));
  },
  async 'validate-floor'(root) {
    warmCedar();
    const { repository } = await loadRepository(root);
    const { engines } = repository;
    const sources = repository.policies.map((p) => p.source).join('\n');
    const checks = engines.map((engine) => ({
      schema: buildCedarSchema(engine.gateways) as cedar.Schema,
      text: policiesOf(repository, engine).map((p) => fillVariables(p.source, engine.variables).text).join('\n'),
    }));
    return timed(RUNS, () => {
      if (cedar.checkParsePolicySet({ staticPolicies: sources }).type !== 'success') throw new Error('floor: parse failed');
      for (const { schema, text } of checks) {
        const answer = cedar.validate({ schema, policies: { staticPolicies: text }, validationSettings: { mode: 'strict' } });
        if (answer.type !== 'success' || answer.validationErrors.length > 0) throw new Error('floor: validation failed');
      }
    });
  },
  async test(root) {
    warmCedar();
    const { repository, engines } = await validated(root);
    return timed(RUNS, () => {
      const report = runTests(repository, engines);
      if (report.failed > 0 || report.cases.length !== repository.tests.length * engines.length) throw new Error(`test: ${report.failed} failed of ${report.cases.length}`);
    });
  },
  async 'test-floor'(root) {
    warmCedar();
    const { repository } = await loadRepository(root);
    const { engines } = repository;
    const prepared = engines.map((engine) => ({ engine, schema: buildCedarSchema(engine.gateways) as cedar.Schema, sets: actionSets(repository, engine) }));
    const requests = prepared.map(({ engine }) =>
      repository.tests.map((test) => {
        const principal = { type: 'AgentCore::OAuthUser', id: test.principal.id };
        const resource = { type: 'AgentCore::Gateway', id: fillPlain(test.resource!, engine.variables).text };
        const entities: cedar.EntityJson[] = [{ uid: principal, attrs: { id: test.principal.id }, parents: [], tags: test.principal.tags }, { uid: resource, attrs: {}, parents: [] }];
        return { action: test.action, expect: test.expect, call: { principal, action: { type: 'AgentCore::Action', id: test.action }, resource, context: { input: test.input } as cedar.Context, entities } };
      }),
    );
    return timed(RUNS, () => {
      prepared.forEach(({ schema, sets }, e) => {
        cedar.preparseSchema(`floor-${e}`, schema);
        // As runTests does: a set for each action some case calls, made once.
        for (const action of new Set(requests[e]!.map((r) => r.action))) cedar.preparsePolicySet(`floor-${e}-${action}`, { staticPolicies: sets.get(action) ?? {} });
        for (const request of requests[e]!) {
          const answer = cedar.statefulIsAuthorized({ ...request.call, preparsedPolicySetId: `floor-${e}-${request.action}`, preparsedSchemaName: `floor-${e}`, validateRequest: true });
          if (answer.type !== 'success' || answer.response.decision !== request.expect) throw new Error(`floor: ${JSON.stringify(answer)}`);
        }
      });
    });
  },
  async plan(root) {
    return timed(RUNS, async () => {
      const planned = await runPlan({ root, client: { env: {} } });
      if (!planned.ok || planned.plan.hasChanges) throw new Error('plan: expected a plan without changes');
    });
  },
  async apply(root, expected) {
    return timed(1, async () => {
      const { report } = await runApply({ root, client: { env: {} } });
      if (report.status !== 'applied' || report.counts.done !== Number(expected)) throw new Error(`apply: ${JSON.stringify(report.counts)}`);
    });
  },
  /** One plan of the example repository on a fresh embedded local engine, cold as the command line's: the access
   * analysis on (`with`) or off (`without`). */
  async 'plan-example'(root, analysis) {
    return timed(1, async () => {
      const planned = await runPlan({ root, engines: ['CustomerService_local'], accessAnalysis: analysis === 'with' });
      if (!planned.ok || !planned.plan.hasChanges) throw new Error('plan-example: expected a plan with changes');
    });
  },
};

const [task, ...args] = process.argv.slice(2);
const ms = await TASKS[task!]!(...args);
process.stdout.write(`ms=${ms}\n`);
