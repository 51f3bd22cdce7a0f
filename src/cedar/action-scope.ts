// Which policies can apply to a tool action, read off their action scope alone. Cedar evaluates every policy of a
// set for every request, so `test` and the local gateway each prepare, per action, only the policies whose scope
// can match it: a policy scoped to another tool never applies (its conditions are not even evaluated), so the
// decision, reasons and errors stay exactly those of the whole set.
import { ACTION_SEPARATOR } from './schema.js';
import type { ScopeElement } from './tokens.js';

/** Whether a policy's action scope can match a tool action. Only scopes naming other tools rule it out; a scope
 * naming a target or a group (no `___` in the id), or one that cannot be read, is kept. */
export function mayApplyToAction(scope: ScopeElement | undefined, action: string): boolean {
  if (!scope || scope.op === 'all' || scope.op === 'is') return true;
  const ids = scope.entityIds ?? (scope.entityId === undefined ? undefined : [scope.entityId]);
  if (!ids) return true;
  return ids.some((id) => id === action || !id.includes(ACTION_SEPARATOR));
}
