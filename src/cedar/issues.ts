// The one shape every Cedar finding takes once it leaves cedar-wasm: message, hint and a byte span.
import type { DetailedError } from './wasm.js';

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

/** cedar-wasm throws on inputs of the wrong shape, where it returns a failure for bad Cedar; this makes both a
 * failure answer so callers handle one case. */
export function safely<T>(call: () => T): T | { type: 'failure'; errors: DetailedError[] } {
  try {
    return call();
  } catch (error) {
    const message = `cedar-wasm rejected the input: ${String(error)}`;
    return { type: 'failure', errors: [{ message, help: null, code: null, url: null, severity: null }] };
  }
}
