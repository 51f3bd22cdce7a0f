// Runs the CLI in-process like test/helpers/cli.ts, but as a person at a terminal would: stdout a TTY, and a
// confirm prompt that records the question and gives a fixed answer.
import type { CommandIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface TerminalRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The questions asked, in order. */
  asked: string[];
  /** What stdout held when the first question was asked. */
  shownBeforeAsking?: string;
}

export async function runAtTerminal(args: string[], answer: boolean, cwd = process.cwd()): Promise<TerminalRun> {
  const run: TerminalRun = { code: -1, stdout: '', stderr: '', asked: [] };
  const io: CommandIO = {
    stdout: (text) => void (run.stdout += text),
    stderr: (text) => void (run.stderr += text),
    // Plain text to compare; colour is the plan renderer's business and tested there.
    env: { NO_COLOR: '1' },
    cwd,
    isTTY: true,
    confirm: async (question) => {
      run.shownBeforeAsking ??= run.stdout;
      run.asked.push(question);
      return answer;
    },
  };
  run.code = await main(args, io);
  return run;
}
