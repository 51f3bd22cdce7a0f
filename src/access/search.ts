// The exhaustive search over a universe's classes: it assigns one variable at a time (the one an undecided
// policy is waiting on), evaluates every undecided policy of every side with three-valued logic, and cuts a
// branch as soon as the goal can no longer be met, or is met (a hit). Two sides whose undecided policies and
// decided parts are the same decide alike on the whole branch, which is what keeps a search between two versions
// of a large policy set small: only the variables the changed policies read get branched on.
import type { CompiledPolicy } from './compile.js';
import { evaluate } from './formula.js';
import { assignmentOver, type Universe } from './universe.js';

export type Decision = 'allow' | 'deny';

/** Whether a node can still hold, or holds, what is searched for; `same(i, j)`: sides i and j decide alike on
 * every request of the branch. */
export type Goal = (decisions: (Decision | undefined)[], same: (i: number, j: number) => boolean) => 'hit' | 'prune' | 'continue';

export interface Hit {
  decisions: Decision[];
  /** The variables assigned on the way to the hit; the others do not matter to any decision. */
  values: Map<string, unknown>;
}

export interface SearchResult {
  /** False when the node limit stopped the search: then a hit not found proves nothing. */
  complete: boolean;
  nodes: number;
}

/** Takes each hit; answers true to stop the search (enough found). */
export type OnHit = (hit: Hit) => boolean;

export const NODE_LIMIT = 50_000;

const SAT = 1;
const UNSAT = 0;
const UNDECIDED = 2;

export function search(sides: CompiledPolicy[][], universe: Universe, goal: Goal, onHit: OnHit, nodeLimit = NODE_LIMIT): SearchResult {
  const policies = [...new Set(sides.flat())];
  const index = new Map(policies.map((p, i) => [p, i]));
  const members = sides.map((side) => [...new Set(side.map((p) => index.get(p)!))]);
  const everywhere = policies.map((_, i) => members.every((m) => m.includes(i)));
  const status = new Uint8Array(policies.length).fill(UNDECIDED);
  const values = new Map<string, unknown>();
  const assignment = assignmentOver(universe, values);
  let nodes = 0;
  let stopped = false;
  let capped = false;

  const decide = (side: number): Decision | undefined => {
    let permitted = false;
    let pending = false;
    for (const i of members[side]!) {
      const forbid = policies[i]!.effect === 'forbid';
      if (status[i] === SAT) {
        if (forbid) return 'deny';
        permitted = true;
      } else if (status[i] === UNDECIDED) pending = true;
    }
    if (!pending) return permitted ? 'allow' : 'deny';
    const forbidsPending = members[side]!.some((i) => status[i] === UNDECIDED && policies[i]!.effect === 'forbid');
    if (!forbidsPending && permitted) return 'allow';
    const permitsPending = members[side]!.some((i) => status[i] === UNDECIDED && policies[i]!.effect === 'permit');
    return !permitted && !permitsPending ? 'deny' : undefined;
  };

  /** What a side's decision still depends on: a granting permit or the undecided permits, and undecided forbids. */
  const residual = (side: number): string => {
    const sat = members[side]!.some((i) => status[i] === SAT);
    const pending = members[side]!.filter((i) => status[i] === UNDECIDED && (!sat || policies[i]!.effect === 'forbid'));
    return `${sat}|${pending.sort((a, b) => a - b).join(',')}`;
  };

  const visit = (undecided: number[]): void => {
    if (stopped) return;
    if (++nodes > nodeLimit) {
      stopped = capped = true;
      return;
    }
    const waiting: number[] = [];
    const blockers = new Map<number, string>();
    const decided: number[] = [];
    for (const i of undecided) {
      const result = evaluate(policies[i]!.formula, assignment);
      if (typeof result === 'object') {
        waiting.push(i);
        blockers.set(i, result.blocked);
      } else {
        status[i] = result === 'T' ? SAT : UNSAT;
        decided.push(i);
      }
    }
    const decisions = sides.map((_, s) => decide(s));
    const verdict = goal(decisions, (a, b) => residual(a) === residual(b));
    if (verdict === 'hit') {
      if (onHit({ decisions: decisions as Decision[], values: new Map(values) })) stopped = true;
    } else if (verdict === 'continue') {
      const chosen = waiting.find((i) => !everywhere[i]) ?? waiting[0];
      if (chosen === undefined) throw new Error('access search: undecided sides without an undecided policy');
      const variable = blockers.get(chosen)!;
      const domain = universe.domains.get(variable);
      if (!domain) throw new Error(`access search: no values for ${variable}`);
      for (const value of domain) {
        values.set(variable, value);
        visit(waiting);
        if (stopped) break;
      }
      values.delete(variable);
    }
    for (const i of decided) status[i] = UNDECIDED;
  };

  visit(policies.map((_, i) => i));
  return { complete: !capped, nodes };
}

/** Hits where the two sides decide differently. */
export const differ: Goal = ([a, b], same) => {
  if (a && b) return a === b ? 'prune' : 'hit';
  return !a && !b && same(0, 1) ? 'prune' : 'continue';
};
