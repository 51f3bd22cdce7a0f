// The plan for a terminal or a CI log, Terraform-style: problems first, then each engine's changes with
// `[+] [~] [-] [-/+]` prefixes (readable without colour) and statement diffs, then one closing summary line.
// Whether to colour is the caller's decision (NO_COLOR, TTY); this only obeys it.
import type { Diagnostic } from '../model.js';
import type { Change, EnginePlan, Plan } from '../plan/types.js';
import { plural } from '../text.js';
import { gatewayWords, sortedAccess, VERDICT_SYMBOL, VERDICT_WORDS, witnessLines } from './access-words.js';
import { describeChange, isListed, planSummary } from './change-words.js';
import { exampleWords, flippingTools, replayHeadline, toolFlipWords, windowNotes } from './replay-words.js';
import { renderDiagnostics } from './diagnostics.js';
import { statementDiff } from './statement-diff.js';
import { oneLine } from './sanitize.js';

export interface TextOptions {
  color: boolean;
}

type Paint = (style: keyof typeof STYLES, text: string) => string;

const STYLES = { bold: '1', red: '31', green: '32', yellow: '33', cyan: '36', boldRed: '1;31' } as const;
const ACTION_STYLE = { create: 'green', update: 'yellow', delete: 'red', replace: 'red', 'no-op': 'bold' } as const;

export function renderPlanText(plan: Plan, options: TextOptions): string {
  const paint: Paint = options.color ? (style, text) => `\u001b[${STYLES[style]}m${text}\u001b[0m` : (_, text) => text;
  const out: string[] = [
    ...plan.errors.map((d) => diagnosticLine(d, paint)),
    ...plan.warnings.map((d) => diagnosticLine(d, paint)),
  ];
  if (out.length > 0) out.push('');
  for (const engine of plan.engines) for (const line of [...engineLines(engine, paint), '']) out.push(line);
  out.push(paint('bold', planSummary(plan)));
  if (plan.errors.length > 0) {
    out.push(paint('red', `${plural(plan.errors.length, 'error')}: this plan cannot be applied.`));
  }
  return `${out.join('\n')}\n`;
}

/** Same line format as every other command's diagnostics, made safe for a terminal. */
function diagnosticLine(d: Diagnostic, paint: Paint): string {
  const text = oneLine(renderDiagnostics([d], 'text', d.severity !== 'error').trimEnd(), 2000);
  if (d.severity === 'error') return paint('red', text);
  return paint(d.code === 'plan/enforcement-drift' ? 'boldRed' : 'yellow', text);
}

function engineLines(engine: EnginePlan, paint: Paint): string[] {
  const title = paint('bold', `Engine ${oneLine(engine.engine)} (${oneLine(engine.file)})`);
  if (engine.unreachable) return [`${title}: ${paint('red', 'not planned: the live engine could not be read (the error is above)')}`];
  const listed = engine.changes.filter(isListed);
  if (listed.length === 0) return [`${title}: no changes.`, ...replayLines(engine, paint)];
  return [title, ...accessLines(engine, paint), ...replayLines(engine, paint), ...listed.flatMap((change) => changeLines(change, paint))];
}

/** The recorded requests decided again: the totals, each tool whose requests flip, with examples, and what was left out. */
function replayLines(engine: EnginePlan, paint: Paint): string[] {
  const { replay } = engine;
  if (!replay) return [];
  const flipped = replay.flips.toDeny + replay.flips.toAllow > 0;
  return [
    `  Replay: ${paint(flipped ? 'boldRed' : 'bold', oneLine(replayHeadline(replay), 400))}`,
    ...flippingTools(replay).flatMap((tool) => [
      `    ${oneLine(toolFlipWords(tool), 400)}`,
      ...replay.examples.filter((e) => e.gateway === tool.gateway && e.action === tool.action).map((e) => `          ${oneLine(exampleWords(e), 400)}`),
    ]),
    ...windowNotes(replay, replay.undecidable).map((note) => `    ${oneLine(note, 400)}`),
  ];
}

const VERDICT_STYLE = { widens: 'boldRed', both: 'boldRed', unknown: 'yellow', narrows: 'green', equivalent: 'bold' } as const;

/** Who can now do what: one line per tool whose access changes, with the requests that show it. */
function accessLines(engine: EnginePlan, paint: Paint): string[] {
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

function changeLines(change: Change, paint: Paint): string[] {
  const words = describeChange(change);
  const flags = words.flags.map((flag) => ` ${paint('boldRed', `[${flag}]`)}`).join('');
  const head = `  ${paint(ACTION_STYLE[change.action], words.symbol)} ${oneLine(words.subject)} ${oneLine(words.verb, 400)}${flags}`;
  const details = words.details.map((line) => `        ${oneLine(line, 400)}`);
  const diff = change.kind === 'policy' ? statementDiff(change).map((line) => `        ${paintDiff(line, paint)}`) : [];
  return [head, ...details, ...diff];
}

function paintDiff(text: string, paint: Paint): string {
  if (text.startsWith('+++') || text.startsWith('---')) return paint('bold', text);
  if (text.startsWith('@@')) return paint('cyan', text);
  if (text.startsWith('+')) return paint('green', text);
  return text.startsWith('-') ? paint('red', text) : text;
}
