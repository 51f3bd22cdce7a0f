// The policy sets `test` evaluates, per engine and tool action: the ACTIVE policies, which decide, and the LOG_ONLY
// permits and forbids apart, which decide nothing live but are reported (see log-only.ts). Each set is made on
// first use and holds only the policies whose scope can match the action.
import { createAuthorizer, type Authorizer } from '../cedar/authorize.js';
import { ACTION_SEPARATOR, buildCedarSchema } from '../cedar/schema.js';
import { readPolicyShape, type ScopeElement } from '../cedar/tokens.js';
import type { EngineSpec, Repository } from '../model.js';
import { policiesOf, toolsOf } from '../repository/membership.js';
import { fillVariables } from '../repository/variables.js';

export type PreparedAuthorizer = Authorizer | { issues: { message: string }[] };

export interface PreparedEngine {
  engine: EngineSpec;
  /** The authorizer over the ACTIVE policies that can match the action. */
  active: (action: string) => PreparedAuthorizer;
  /** The authorizer over the LOG_ONLY policies of one effect that can match the action; undefined when none can. */
  logOnly: (action: string, effect: 'permit' | 'forbid') => PreparedAuthorizer | undefined;
  actions: ReadonlyMap<string, unknown>;
  /** Every enabled policy, ACTIVE or LOG_ONLY. */
  policies: string[];
  logOnlyPolicies: ReadonlySet<string>;
}

interface Filled {
  name: string;
  text: string;
  effect?: 'permit' | 'forbid';
  action?: ScopeElement;
  logOnly: boolean;
}

/** Cedar evaluates every policy of the set for every request, so each action gets only the policies whose scope
 * can match it: a policy scoped to another tool never applies (its conditions are not even evaluated), so the
 * decision, reasons and errors stay exactly those of the whole set, at a fraction of the cost for large sets. */
export function prepareEngine(repository: Repository, engine: EngineSpec, index: number): PreparedEngine {
  const enabled = policiesOf(repository, engine).filter((p) => p.enabled);
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
      // One cedar-wasm cache slot per engine position, action and set keeps its memory bounded however often tests run.
      authorizer = createAuthorizer(`test-${index}-${slot}`, Object.fromEntries(members.map((p) => [p.name, p.text])), schema);
      authorizers.set(slot, authorizer);
    }
    return authorizer;
  };
  const applying = (action: string, logOnly: boolean) => filled.filter((p) => p.logOnly === logOnly && mayApply(p.action, action));
  return {
    engine,
    active: (action) => cached(action, 'active', applying(action, false)),
    logOnly: (action, effect) => {
      // A LOG_ONLY policy whose effect cannot be read goes with the forbids: it is still reported when it matches.
      const members = applying(action, true).filter((p) => (p.effect ?? 'forbid') === effect);
      return members.length === 0 ? undefined : cached(action, `log-only-${effect}`, members);
    },
    actions: toolsOf(engine),
    policies: enabled.map((p) => p.name),
    logOnlyPolicies: new Set(filled.filter((p) => p.logOnly).map((p) => p.name)),
  };
}

/** Whether a policy's action scope can match a tool action. Only scopes naming other tools rule it out; a scope
 * naming a target or a group (no `___` in the id), or one that cannot be read, is kept. */
function mayApply(scope: ScopeElement | undefined, action: string): boolean {
  if (!scope || scope.op === 'all' || scope.op === 'is') return true;
  const ids = scope.entityIds ?? (scope.entityId === undefined ? undefined : [scope.entityId]);
  if (!ids) return true;
  return ids.some((id) => id === action || !id.includes(ACTION_SEPARATOR));
}
