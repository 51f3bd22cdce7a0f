// The one shape every Cedar finding takes once it leaves cedar-wasm: message, hint and a byte span.
import { isTrap, type DetailedError } from './wasm.js';

/** The `code` of the failure `safely` makes of a wasm trap: the input overflowed Cedar's stack. */
export const TRAPPED = 'cedar-wasm/trapped';

export interface CedarIssue {
  severity: 'error' | 'warning';
  message: string;
  help?: string;
  /** UTF-8 byte offsets into the policy text the issue belongs to. */
  start?: number;
  end?: number;
}

export function toIssue(error: DetailedError, severity: 'error' | 'warning' = 'error', shift = 0): CedarIssue {
  const span = error.sourceLocations?.[0];
  return {
    severity,
    message: error.message,
    help: error.help ?? undefined,
    start: span ? span.start - shift : undefined,
    end: span ? span.end - shift : undefined,
  };
}

/** cedar-wasm throws on inputs of the wrong shape, where it returns a failure for bad Cedar, and it traps on inputs
 * too deep for its stack; this makes each a failure answer so callers handle one case. A trap's failure has the
 * code TRAPPED (wasm.ts has already dropped the trapped instance). */
export function safely<T>(call: () => T): T | { type: 'failure'; errors: DetailedError[] } {
  try {
    return call();
  } catch (error) {
    const trapped = isTrap(error);
    const message = trapped
      ? `Cedar ran out of stack on this input (${String(error)}): it nests too deeply for cedar-wasm`
      : `cedar-wasm rejected the input: ${String(error)}`;
    return { type: 'failure', errors: [{ message, help: null, code: trapped ? TRAPPED : null, url: null, severity: null }] };
  }
}

/** Whether a failure answer is a trap. */
export function trapped(answer: { type: string; errors?: DetailedError[] }): boolean {
  return answer.type === 'failure' && (answer.errors ?? []).some((e) => e.code === TRAPPED);
}
