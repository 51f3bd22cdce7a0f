// Recorded traffic in words, shared by every renderer: the replay of an engine's recorded requests (how many would
// flip, per tool, with examples) and the evidence for a promotion (what the canary would have done). The words
// still hold raw values (tool names, arguments): each renderer escapes them for its own medium.
import type { CanaryEvidence, DecisionWindow, EngineReplay, FlipCounts, FlipExample, Promotion } from '../model.js';
import { plural } from '../text.js';
import { gatewayWords, witnessWords } from './access-words.js';

export const FLIP_WORDS: Record<keyof FlipCounts, string> = { toDeny: 'allowed → denied', toAllow: 'denied → allowed' };
const WOULD: Record<keyof FlipCounts, string> = { toDeny: 'would be denied', toAllow: 'would be allowed' };

const count = (n: number) => n.toLocaleString('en-US');
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** `1,234 recorded requests since 2026-11-25 10:00 (CloudWatch Logs)` */
export function windowWords(window: DecisionWindow, requests: number, noun = 'recorded request'): string {
  return `${count(requests)} ${requests === 1 ? noun : `${noun}s`} since ${day(window.since)} UTC (${window.source})`;
}

export function flipWords(flips: FlipCounts): string {
  const total = flips.toDeny + flips.toAllow;
  if (total === 0) return 'none would flip';
  return `${count(total)} would flip: ${count(flips.toDeny)} ${FLIP_WORDS.toDeny}, ${count(flips.toAllow)} ${FLIP_WORDS.toAllow}`;
}

/** What was left out of a window: undecidable requests, unreadable records, the limit, gateways not read. */
export function windowNotes(window: DecisionWindow, undecidable: number): string[] {
  return [
    ...(undecidable > 0 ? [`${count(undecidable)} undecidable (the caller's claims are not in the record, or the tool changed): not counted either way`] : []),
    ...(window.unreadable > 0 ? [`${plural(window.unreadable, 'record')} could not be read: skipped`] : []),
    ...(window.truncated ? ['more requests were recorded than were read (--max-requests)'] : []),
    ...window.problems.map((problem) => `not read: ${problem}`),
  ];
}

export function replayHeadline(replay: EngineReplay): string {
  return `${windowWords(replay, replay.requests)}: ${flipWords(replay.flips)}`;
}

export function exampleWords(example: FlipExample): string {
  return `${WOULD[example.direction]}: ${example.action} on ${gatewayWords(example.gateway)} at ${day(example.at)} UTC, ${witnessWords(example.request)}`;
}

/** The tools whose requests flip, most flips first. */
export function flippingTools(replay: EngineReplay): EngineReplay['tools'] {
  const flips = (tool: EngineReplay['tools'][number]) => tool.flips.toDeny + tool.flips.toAllow;
  return replay.tools.filter((tool) => flips(tool) > 0).sort((a, b) => flips(b) - flips(a) || a.action.localeCompare(b.action));
}

export function toolFlipWords(tool: EngineReplay['tools'][number]): string {
  return `${tool.action} on ${gatewayWords(tool.gateway)}: ${flipWords(tool.flips).replace(/^\S+ would flip: /, '')} (of ${count(tool.requests)})`;
}

export const PROMOTED_WITHOUT_EVIDENCE = 'promoted without evidence';

/** The detail lines of a promotion: the evidence and its examples, or why there is none. */
export function promotionLines(promotion: Promotion): string[] {
  if ('missing' in promotion) return [`${PROMOTED_WITHOUT_EVIDENCE}: ${promotion.missing}`];
  return evidenceLines(promotion.evidence);
}

export function evidenceLines(evidence: CanaryEvidence): string[] {
  const matched = `it held for ${count(evidence.matched)}`;
  const flips = evidence.flips.toDeny + evidence.flips.toAllow === 0 ? 'and would have flipped none' : `and ${flipWords(evidence.flips).replace('would flip', 'would have flipped')}`;
  return [
    `evidence: ${windowWords(evidence, evidence.decisions, 'recorded decision')} on its tools; ${matched} ${flips}`,
    ...windowNotes(evidence, evidence.undecidable),
    ...evidence.examples.map(exampleWords),
  ];
}
