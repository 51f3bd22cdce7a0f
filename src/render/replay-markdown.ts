// The replay of an engine's recorded requests as a section of the pull-request comment: the totals, a table of the
// tools whose requests would flip, the examples folded away, and what was left out. Every quoted value goes
// through `inline`.
import type { EngineReplay } from '../model.js';
import { inline } from './markdown-escape.js';
import { exampleWords, flippingTools, replayHeadline, windowNotes } from './replay-words.js';

/** Tools listed at most; the rest are counted. */
const TOOL_ROWS = 20;

/** `named`: the heading names the engine, when the plan has several. */
export function replaySection(engine: string, replay: EngineReplay, named = false): string {
  const tools = flippingTools(replay);
  const parts = [`### Replay${named ? ` of <code>${inline(engine, 100)}</code>` : ''}\n\n${inline(replayHeadline(replay), 400)}.`];
  if (tools.length > 0) {
    const rows = tools.slice(0, TOOL_ROWS).map((t) => `| ${inline(t.action, 120)} | <code>${inline(t.gateway, 200)}</code> | ${t.requests} | ${t.flips.toDeny} | ${t.flips.toAllow} | ${t.undecidable} |`);
    const more = tools.length > TOOL_ROWS ? [`\n…and ${tools.length - TOOL_ROWS} more tools.`] : [];
    parts.push(['| Tool | Gateway | Requests | Allowed → denied | Denied → allowed | Undecidable |', '|---|---|--:|--:|--:|--:|', ...rows].join('\n') + more.join(''));
  }
  if (replay.examples.length > 0) {
    parts.push(`<details><summary>Requests that would flip</summary>\n\n${replay.examples.map((e) => `- ${inline(exampleWords(e), 400)}`).join('\n')}\n\n</details>`);
  }
  const notes = windowNotes(replay, replay.undecidable);
  if (notes.length > 0) parts.push(notes.map((note) => `- ${inline(note, 400)}`).join('\n'));
  return parts.join('\n\n');
}
