// The access analysis of one engine plan, where the pure planner meets src/access/: the policy sets the plan moves
// between (plan/access-sets.ts) compared tool by tool over the engine file's gateways, each policy change's tools
// read from its statements, and the states between the apply's phases checked.
import { checkIntermediateStates, coveredActions, diffAccess } from '../access/index.js';
import type { EngineSpec } from '../model.js';
import { withAccess } from '../plan/access-flags.js';
import { accessSets, intermediateSets } from '../plan/access-sets.js';
import type { EnginePlan, EngineSection, PolicyChange } from '../plan/types.js';

/** Seals the section it is given (plan-engine.ts planSection). */
export function analyzeAccess(plan: EngineSection, engine: EngineSpec): EnginePlan {
  const sets = accessSets(plan);
  const verdicts = diffAccess(engine.gateways, sets.before, sets.after);
  const touched = (change: PolicyChange) => {
    const statements = [change.before?.statement, change.after?.statement].filter((s): s is string => s !== undefined);
    const covered = statements.map((statement) => coveredActions(engine.gateways, statement));
    return covered.some((c) => c === undefined) ? undefined : covered.flatMap((c) => c!);
  };
  const intermediate = checkIntermediateStates(engine.gateways, sets.before, sets.after, intermediateSets(plan, sets));
  return withAccess(plan, verdicts, touched, intermediate);
}
