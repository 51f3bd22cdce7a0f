// The policy sets `test` evaluates, per engine and tool action: the ACTIVE policies, which decide, and the LOG_ONLY
// permits and forbids apart, which decide nothing live but are reported (see log-only.ts). Each set is made on
// first use and holds only the policies whose scope can match the action.
import { mayApplyToAction } from '../cedar/action-scope.js';
import { createAuthorizer, type Authorizer } from '../cedar/authorize.js';
import { buildCedarSchema } from '../cedar/schema.js';
import { readPolicyShape, type ScopeElement } from '../cedar/tokens.js';
import type { EngineSpec, Repository, ToolSpec } from '../model.js';
import { policiesOf, toolsOf } from '../repository/membership.js';
import { fillVariables } from '../repository/variables.js';

export type PreparedAuthorizer = Authorizer | { issues: { message: string }[] };

export interface PreparedEngine {
  engine: EngineSpec;
  /** The authorizer over the ACTIVE policies that can match the action. */
  active: (action: string) => PreparedAuthorizer;
  /** The authorizer over the LOG_ONLY policies of one effect that can match the action; undefined when none can. */
  logOnly: (action: string, effect: 'permit' | 'forbid') => PreparedAuthorizer | undefined;
  actions: ReadonlyMap<string, ToolSpec>;
  /** Every enabled policy, ACTIVE or LOG_ONLY. */
  policies: string[];
  logOnlyPolicies: ReadonlySet<string>;
}

type ActionSet = 'active' | 'log-only-permit' | 'log-only-forbid';

interface Filled {
  name: string;
  text: string;
  effect?: 'permit' | 'forbid';
  action?: ScopeElement;
  logOnly: boolean;
}

/** Cedar evaluates every policy of the set for every request, so each action gets only the policies whose scope
 * can match it (cedar/action-scope.ts): a policy scoped to another tool never applies (its conditions are not even
 * evaluated), so the decision, reasons and errors stay exactly those of the whole set, at a fraction of the cost. */
export function prepareEngine(repository: Repository, engine: EngineSpec, index: number): PreparedEngine {
  // Cedar cannot evaluate a `definition: policy` statement (guardrail or temporal conditions): cases decide without it.
  const enabled = policiesOf(repository, engine).filter((p) => p.enabled && p.definition !== 'policy');
  const filled: Filled[] = enabled.map((p) => {
    const text = fillVariables(p.source, engine.variables).text;
    const shape = readPolicyShape(text);
    return { name: p.name, text, effect: shape?.effect, action: shape?.action, logOnly: p.enforcementMode === 'LOG_ONLY' };
  });
  const schema = buildCedarSchema(engine.gateways);
  const authorizers = new Map<string, PreparedAuthorizer>();
  const cached = (action: string, set: string, members: Filled[]) => {
    const slot = `${action}/${set}`;
    let authorizer = authorizers.get(slot);
    if (!authorizer) {
      // One cedar-wasm cache slot per engine position, action and set keeps its memory bounded however often tests
      // run; the engine's schema is prepared once, in the engine's own slot.
      authorizer = createAuthorizer(`test-${index}-${slot}`, Object.fromEntries(members.map((p) => [p.name, p.text])), schema, `test-${index}`);
      authorizers.set(slot, authorizer);
    }
    return authorizer;
  };
  // Each action's members are found once, in one pass over the engine's policies, however many cases call it: a
  // pass per case was most of `test` over 10,000 policies (1,000 cases x 2 engines took twice as long).
  const memberships = new Map<string, Record<ActionSet, Filled[]>>();
  const membersOf = (action: string, set: ActionSet) => {
    let sets = memberships.get(action);
    if (!sets) {
      sets = { active: [], 'log-only-permit': [], 'log-only-forbid': [] };
      // A LOG_ONLY policy whose effect cannot be read goes with the forbids: it is still reported when it matches.
      for (const p of filled) if (mayApplyToAction(p.action, action)) sets[p.logOnly ? (`log-only-${p.effect ?? 'forbid'}` as const) : 'active'].push(p);
      memberships.set(action, sets);
    }
    return sets[set];
  };
  return {
    engine,
    active: (action) => cached(action, 'active', membersOf(action, 'active')),
    logOnly: (action, effect) => {
      const members = membersOf(action, `log-only-${effect}`);
      return members.length === 0 ? undefined : cached(action, `log-only-${effect}`, members);
    },
    actions: toolsOf(engine),
    policies: enabled.map((p) => p.name),
    logOnlyPolicies: new Set(filled.filter((p) => p.logOnly).map((p) => p.name)),
  };
}
