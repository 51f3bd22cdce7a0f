// The exhaustive search over a universe's classes: it assigns one variable at a time (the one an undecided
// policy is waiting on), evaluates the policies that were waiting on it with three-valued logic, and cuts a
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
  /** False when the search stopped short (see `stop`): then a hit not found proves nothing. */
  complete: boolean;
  /** Why it stopped short: too many nodes, or values it could not work out for a variable. */
  stop?: string;
  nodes: number;
}

/** Takes each hit; answers true to stop the search (enough found). */
export type OnHit = (hit: Hit) => boolean;

const NODE_LIMIT = 50_000;
const TOO_MANY = 'too many combinations of attribute values to search';

const SAT = 1;
const UNSAT = 0;
const UNDECIDED = 2;

export function search(sides: CompiledPolicy[][], universe: Universe, goal: Goal, onHit: OnHit, nodeLimit = NODE_LIMIT): SearchResult {
  const policies = [...new Set(sides.flat())];
  const index = new Map(policies.map((p, i) => [p, i]));
  const inSide = sides.map((side) => {
    const member = new Uint8Array(policies.length);
    for (const p of side) member[index.get(p)!] = 1;
    return member;
  });
  const sidesOf = policies.map((_, i) => inSide.flatMap((member, s) => (member[i] ? [s] : [])));
  const everywhere = policies.map((_, i) => sidesOf[i]!.length === sides.length);
  const forbid = policies.map((p) => p.effect === 'forbid');
  const status = new Uint8Array(policies.length).fill(UNDECIDED);
  const blocker: string[] = policies.map(() => '');
  // Per side: satisfied permits and forbids, undecided permits and forbids.
  const count = { satPermit: sides.map(() => 0), satForbid: sides.map(() => 0), openPermit: sides.map(() => 0), openForbid: sides.map(() => 0) };
  policies.forEach((_, i) => sidesOf[i]!.forEach((s) => (forbid[i] ? count.openForbid : count.openPermit)[s]!++));
  const values = new Map<string, unknown>();
  const assignment = assignmentOver(universe, values);
  let nodes = 0;
  let stopped = false;
  let stop: string | undefined;

  const settle = (i: number, to: number, by: 1 | -1) => {
    for (const s of sidesOf[i]!) {
      (forbid[i] ? count.openForbid : count.openPermit)[s]! -= by;
      if (to === SAT) (forbid[i] ? count.satForbid : count.satPermit)[s]! += by;
    }
  };

  const decide = (s: number): Decision | undefined => {
    if (count.satForbid[s]! > 0) return 'deny';
    if (count.satPermit[s]! > 0) return count.openForbid[s] === 0 ? 'allow' : undefined;
    return count.openPermit[s] === 0 ? 'deny' : undefined;
  };

  /** Sides a and b, both undecided, depend on the same undecided policies in the same way (a granting permit on
   * both, or the same undecided permits; the same undecided forbids): they decide alike on the whole branch. */
  const sameOn = (waiting: number[]) => (a: number, b: number): boolean => {
    const granted = count.satPermit[a]! > 0;
    if (granted !== count.satPermit[b]! > 0) return false;
    for (const i of waiting) {
      if (inSide[a]![i] !== inSide[b]![i] && (forbid[i] || !granted)) return false;
    }
    return true;
  };

  /** `assigned`: the variable just given a value; only the policies waiting on it can have moved. */
  const visit = (undecided: number[], assigned: string | undefined): void => {
    if (stopped) return;
    if (++nodes > nodeLimit) {
      stopped = true;
      stop = TOO_MANY;
      return;
    }
    const waiting: number[] = [];
    const decided: number[] = [];
    const moved: number[] = [];
    for (const i of undecided) {
      if (assigned !== undefined && blocker[i] !== assigned) {
        waiting.push(i);
        continue;
      }
      moved.push(i);
      const result = evaluate(policies[i]!.formula, assignment);
      if (typeof result === 'object') {
        waiting.push(i);
        blocker[i] = result.blocked;
      } else {
        status[i] = result === 'T' ? SAT : UNSAT;
        settle(i, status[i]!, 1);
        decided.push(i);
      }
    }
    const decisions = sides.map((_, s) => decide(s));
    const verdict = goal(decisions, sameOn(waiting));
    if (verdict === 'hit') {
      if (onHit({ decisions: decisions as Decision[], values: new Map(values) })) stopped = true;
    } else if (verdict === 'continue') {
      const chosen = waiting.find((i) => !everywhere[i]) ?? waiting[0];
      if (chosen === undefined) throw new Error('access search: undecided sides without an undecided policy');
      const variable = blocker[chosen]!;
      const domain = universe.domain(variable);
      if ('reason' in domain) {
        stopped = true;
        stop = domain.reason;
        return;
      }
      for (const value of domain) {
        values.set(variable, value);
        visit(waiting, variable);
        if (stopped) break;
      }
      values.delete(variable);
    }
    for (const i of decided) {
      settle(i, status[i]!, -1);
      status[i] = UNDECIDED;
    }
    // As the parent left them: what this node re-evaluated was waiting on the variable just assigned.
    if (assigned !== undefined) for (const i of moved) blocker[i] = assigned;
  };

  visit(policies.map((_, i) => i), undefined);
  return { complete: stop === undefined, stop, nodes };
}

/** Hits where the two sides (old, new) decide differently, in the directions still wanted: once enough requests
 * are newly allowed, branches that can only hold more of them are cut, and likewise for newly denied. */
export function differ(wanted: () => { allowed: boolean; denied: boolean }): Goal {
  return ([a, b], same) => {
    const { allowed, denied } = wanted();
    // Newly allowed needs old deny and new allow; newly denied the reverse.
    const canAllow = allowed && a !== 'allow' && b !== 'deny';
    const canDeny = denied && a !== 'deny' && b !== 'allow';
    if (!canAllow && !canDeny) return 'prune';
    if (a && b) return a === b ? 'prune' : 'hit';
    return !a && !b && same(0, 1) ? 'prune' : 'continue';
  };
}
