// Runs the CLI in-process, exactly as `agentcore-policy` would, with its output captured.
import { main } from '../../src/cli/main.js';
import type { CommandIO } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `agentcore-policy <args>` from `cwd` (relative `--dir` values resolve against it). */
export async function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    isTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export interface JsonDiagnostic {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
}

/** `validate --format json` in `root`, parsed. */
/** `notes`: keep the information diagnostics (the example repository's emergency shutdowns are DENY_ALL, said as
 * notes on every run); most cases are about the errors and warnings. */
export async function validateJson(root: string, extra: string[] = [], options: { notes?: boolean } = {}): Promise<CliResult & { ok: boolean; diagnostics: JsonDiagnostic[] }> {
  const result = await runCli(['validate', '--dir', root, '--format', 'json', ...extra]);
  try {
    const report = JSON.parse(result.stdout) as { ok: boolean; diagnostics: JsonDiagnostic[] };
    return { ...result, ...report, diagnostics: report.diagnostics.filter((d) => options.notes || d.severity !== 'info') };
  } catch {
    throw new Error(`validate printed no JSON report (exit ${result.code}): ${result.stderr}`);
  }
}
