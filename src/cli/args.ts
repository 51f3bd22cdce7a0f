// Argument parsing shared by the commands (node:util parseArgs), with usage errors as values, not throws.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseSpan } from '../decisions/source.js';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** The `--engine` option, given once or more and each time one name or several separated by commas. */
export const ENGINE_OPTION = { engine: { type: 'string', multiple: true } } as const;

/** The engine names of `--engine A --engine B,C`, in order, each once; empty means every engine. */
export function engineNames(values: readonly string[] | undefined): string[] {
  const names = (values ?? []).flatMap((value) => value.split(',')).map((name) => name.trim());
  if (names.some((name) => name === '')) throw new UsageError('--engine needs an engine name (got an empty one)');
  return [...new Set(names)];
}

/** `--since 24h` and `--max-requests N`: how far back recorded decisions are read, and how many at most. */
export const WINDOW_OPTIONS = { since: { type: 'string' }, 'max-requests': { type: 'string' } } as const;

export function windowOf(values: { since?: string; 'max-requests'?: string }, defaults: { sinceMs: number; maxRequests: number }): { sinceMs: number; maxRequests: number } {
  const sinceMs = values.since === undefined ? defaults.sinceMs : parseSpan(values.since);
  if (sinceMs === undefined) throw new UsageError(`--since must be a span such as 30m, 24h or 7d (got "${values.since}")`);
  const limit = values['max-requests'];
  const maxRequests = limit === undefined ? defaults.maxRequests : /^[1-9][0-9]{0,8}$/.test(limit) ? Number(limit) : undefined;
  if (maxRequests === undefined) throw new UsageError(`--max-requests must be a whole number above 0 (got "${limit}")`);
  return { sinceMs, maxRequests };
}
