// What a run does, decided from the command and the event alone. Apply is allowed only from a push or a manual
// dispatch on the default branch; a fork's pull request gets the offline checks, never credentials or a live plan.
import type { EventContext } from './event.js';
import type { ActionCommand } from './inputs.js';

export type Mode = { run: 'validate' | 'test' | 'plan' | 'offline' | 'apply' } | { run: 'refuse'; reason: string };

const APPLY_EVENTS = new Set(['push', 'workflow_dispatch']);

export function decideMode(command: ActionCommand, event: EventContext): Mode {
  if (command === 'apply') return applyMode(event);
  if (command === 'plan') return event.kind === 'pull_request' && event.fork ? { run: 'offline' } : { run: 'plan' };
  return { run: command };
}

function applyMode(event: EventContext): Mode {
  if (event.kind === 'pull_request') {
    return { run: 'refuse', reason: `apply never runs on ${event.eventName} events: merge the pull request and apply from the default branch` };
  }
  if (!APPLY_EVENTS.has(event.eventName)) {
    return { run: 'refuse', reason: `apply runs on push or workflow_dispatch, not on ${event.eventName}` };
  }
  if (!event.onDefaultBranch) {
    const branch = event.defaultBranch ? `the default branch (${event.defaultBranch})` : 'the default branch';
    return { run: 'refuse', reason: `apply runs only on ${branch}; this run is on ${event.ref}` };
  }
  return { run: 'apply' };
}
