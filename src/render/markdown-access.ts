// The access section of the PR comment, the first thing after its verdict line: one row per tool whose access the
// plan changes, with one request that shows it, most consequential first. A reviewer reads who can now do what
// before reading any policy text.
import type { ActionAccess } from '../model.js';
import type { Plan } from '../plan/types.js';
import { gatewayWords, sortedAccess, witnessWords } from './access-words.js';
import { inline } from './markdown-escape.js';

/** Rows before "and N more": the comment must leave room for the rest. */
const ACCESS_ROWS = 20;

const CHANGE: Record<ActionAccess['verdict'], string> = {
  widens: '<b>widens</b>',
  both: '<b>widens and narrows</b>',
  unknown: 'unknown',
  narrows: 'narrows',
  equivalent: 'same',
};

interface Row {
  engine: string;
  access: ActionAccess;
}

const rowsOf = (plan: Plan): Row[] => plan.engines.flatMap((e) => sortedAccess(e.access ?? []).map((access) => ({ engine: e.engine, access })));

/** How many tools each verdict concerns, across engines. */
export function accessCounts(plan: Plan): { widens: number; narrows: number; unknown: number; analysed: boolean } {
  const rows = rowsOf(plan);
  const count = (...verdicts: ActionAccess['verdict'][]) => rows.filter((r) => verdicts.includes(r.access.verdict)).length;
  return { widens: count('widens', 'both'), narrows: count('narrows'), unknown: count('unknown'), analysed: plan.engines.some((e) => e.access !== undefined) };
}

/** The request that best shows the verdict: a newly allowed one for a widening, a newly denied one otherwise. */
function example(access: ActionAccess): string {
  const witness = access.newlyAllowed[0] ?? access.newlyDenied[0];
  if (witness) return `${access.newlyAllowed[0] ? 'now allowed' : 'now denied'}: ${inline(witnessWords(witness), 300)}`;
  return access.reason ? inline(access.reason, 300) : '';
}

export function accessSection(plan: Plan): string | undefined {
  const rows = rowsOf(plan);
  if (rows.length === 0) return undefined;
  const engines = new Set(rows.map((r) => r.engine)).size > 1;
  const header = engines ? '| Engine | Tool | Gateway | Access | Example |\n|---|---|---|---|---|' : '| Tool | Gateway | Access | Example |\n|---|---|---|---|';
  const lines = rows.slice(0, ACCESS_ROWS).map(({ engine, access }) => {
    const cells = [inline(access.action, 120), inline(gatewayWords(access.gateway), 120), CHANGE[access.verdict], example(access)];
    return `| ${[...(engines ? [inline(engine, 60)] : []), ...cells].join(' | ')} |`;
  });
  const more = rows.length > ACCESS_ROWS ? [`\n… and ${rows.length - ACCESS_ROWS} more tools (the plan's JSON lists them all).`] : [];
  return ['### Access', [header, ...lines].join('\n') + more.join('')].join('\n\n');
}
