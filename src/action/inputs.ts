// The action's inputs as typed values. The runner fills in action.yml's defaults, but a missing input (a test, an
// older runner) reads as "" and gets the same default here, so the two are kept equal by a test.
export const COMMANDS = ['plan', 'apply', 'validate', 'test'] as const;
export type ActionCommand = (typeof COMMANDS)[number];

export interface ActionInputs {
  command: ActionCommand;
  /** Engine names to work on; empty means every engine. */
  engines: string[];
  workingDirectory: string;
  githubToken?: string;
  comment: boolean;
  denyWarnings: boolean;
}

export const DEFAULTS = { command: 'plan', 'working-directory': '.', comment: 'true', 'deny-warnings': 'false' } as const;

export class InputError extends Error {}

/** `get` returns an input as the runner passed it (core.getInput trims it and gives "" when it is unset). */
export function parseInputs(get: (name: string) => string): ActionInputs {
  const command = get('command') || DEFAULTS.command;
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new InputError(`input command must be one of ${COMMANDS.join(', ')} (got "${command}")`);
  }
  const token = get('github-token');
  return {
    command: command as ActionCommand,
    engines: [...new Set(get('engines').split(/[\s,]+/).filter(Boolean))],
    workingDirectory: get('working-directory') || DEFAULTS['working-directory'],
    ...(token ? { githubToken: token } : {}),
    comment: boolean(get, 'comment', DEFAULTS.comment),
    denyWarnings: boolean(get, 'deny-warnings', DEFAULTS['deny-warnings']),
  };
}

/** The YAML 1.2 core-schema booleans, as @actions/core's getBooleanInput accepts them. */
function boolean(get: (name: string) => string, name: string, fallback: string): boolean {
  const value = get(name) || fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`input ${name} must be true or false (got "${value}")`);
}
