// Who can now do what, for a terminal: one line per tool whose access changes, with the requests that show it, as
// the text plan and `diff --base` both print it under an engine.
import type { ActionAccess, IntermediateCheck } from '../model.js';
import { gatewayWords, sortedAccess, VERDICT_SYMBOL, VERDICT_WORDS, witnessLines } from './access-words.js';
import type { Paint } from './paint.js';
import { oneLine } from './sanitize.js';

const VERDICT_STYLE = { widens: 'boldRed', both: 'boldRed', unknown: 'yellow', narrows: 'green', equivalent: 'bold' } as const;

/** Nothing when the analysis did not run (`access` absent). */
export function accessLines(engine: { access?: readonly ActionAccess[]; intermediate?: IntermediateCheck }, paint: Paint): string[] {
  if (!engine.access) return [];
  const intermediate = engine.intermediate && engine.intermediate.checked > 0 ? `; ${engine.intermediate.checked} intermediate state${engine.intermediate.checked === 1 ? '' : 's'} checked` : '';
  if (engine.access.length === 0) return [`  Access: no tool's access changes${intermediate}.`];
  return [
    `  Access${intermediate ? ` (${intermediate.slice(2)})` : ''}:`,
    ...sortedAccess(engine.access).flatMap((access) => [
      `    ${paint(VERDICT_STYLE[access.verdict], VERDICT_SYMBOL[access.verdict])} ${oneLine(access.action)} on ${oneLine(gatewayWords(access.gateway))}: ${paint(VERDICT_STYLE[access.verdict], VERDICT_WORDS[access.verdict])}`,
      ...witnessLines(access).map((line) => `          ${oneLine(line, 400)}`),
    ]),
  ];
}
