// The access analysis of one engine plan, where the pure planner meets src/access/: the policy sets the plan moves
// between (plan/access-sets.ts) compared tool by tool over the engine file's gateways, each policy change's tools
// read from its statements, and the states between the apply's phases checked.
import { checkIntermediateStates, coveredActions, diffAccess } from '../access/index.js';
import type { EngineSpec, GatewaySpec } from '../model.js';
import { distinctActions, withAccess } from '../plan/access-flags.js';
import { accessSets, intermediateSets } from '../plan/access-sets.js';
import type { EnginePlan, EngineSection, PolicyChange } from '../plan/types.js';

/** Seals the section it is given (plan-engine.ts planSection). */
export function analyzeAccess(plan: EngineSection, engine: EngineSpec): EnginePlan {
  const sets = accessSets(plan);
  const verdicts = diffAccess(engine.gateways, sets.before, sets.after);
  const touched = (change: PolicyChange) =>
    // A `policy` definition is not Cedar: which tools it touches cannot be read from it.
    change.before?.definition !== undefined || change.after?.definition !== undefined
      ? undefined
      : statementsTouch(engine.gateways, [change.before?.statement, change.after?.statement]);
  const intermediate = checkIntermediateStates(engine.gateways, sets.before, sets.after, intermediateSets(plan, sets));
  return withAccess(plan, verdicts, touched, intermediate);
}

/** The tools the statements' scopes cover, each once; undefined when one of them cannot be read. A change touches
 * the tools of its statements before and after (`undefined` statements, a side that has none, are skipped). */
export function statementsTouch(gateways: GatewaySpec[], statements: (string | undefined)[]): { gateway: string; action: string }[] | undefined {
  const covered = statements.filter((s): s is string => s !== undefined).map((statement) => coveredActions(gateways, statement));
  return covered.some((c) => c === undefined) ? undefined : distinctActions(covered.flatMap((c) => c!));
}
