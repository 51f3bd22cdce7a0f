// What a command may touch of the outside world, passed in so commands run the same from the CLI, the action and
// tests: output streams, environment, working directory and whether a person is at a terminal.

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stdout is a terminal (colour, progress, prompts). */
  isTTY: boolean;
  /** Asks a yes/no question on the terminal; undefined when nobody can answer. */
  confirm?: (question: string) => Promise<boolean>;
}

/** Exit codes, following Terraform: 0 success (no changes), 1 error, 2 changes present (`--detailed-exitcode`). */
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;

/** Colour only for a person at a terminal who has not asked for none (https://no-color.org). */
export function useColor(io: CommandIO): boolean {
  return io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}
