// `decisions` for a terminal: per engine, where the records came from, allows and denies per gateway and tool,
// then each LOG_ONLY policy with what it would have done, and its examples.
import type { EngineDecisions } from '../decisions/summary.js';
import { gatewayWords } from './access-words.js';
import { evidenceLines, windowNotes, windowWords } from './replay-words.js';
import { oneLine } from './sanitize.js';

export function renderDecisionsText(engines: EngineDecisions[]): string {
  const lines: string[] = [];
  for (const engine of engines) {
    const title = `Engine ${oneLine(engine.engine)} (${oneLine(engine.file)})`;
    if (!engine.window) {
      lines.push(`${title}: no decision source: ${oneLine(engine.none ?? '', 400)}`, '');
      continue;
    }
    lines.push(`${title}: ${oneLine(windowWords(engine.window, engine.requests), 400)}`);
    let gateway: string | undefined;
    for (const tool of engine.tools) {
      if (tool.gateway !== gateway) lines.push(`  Gateway ${oneLine(gatewayWords((gateway = tool.gateway)))}`);
      lines.push(`    ${oneLine(tool.action)}: ${tool.allow} allowed, ${tool.deny} denied`);
    }
    for (const note of windowNotes(engine.window, 0)) lines.push(`  ${oneLine(note, 400)}`);
    for (const canary of engine.canaries) {
      const [head, ...rest] = evidenceLines(canary);
      lines.push(`  LOG_ONLY ${oneLine(canary.policy)}: ${oneLine(head!.replace(/^evidence: /, ''), 400)}`);
      // The window's own notes are said once above; a canary adds only its undecidable count and examples.
      for (const line of rest.filter((l) => !windowNotes(canary, 0).includes(l))) lines.push(`    ${oneLine(line, 400)}`);
    }
    if (engine.requests === 0) lines.push('  no recorded decisions in this window');
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
