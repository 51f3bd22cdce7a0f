// The replay and a promotion's evidence as the plan's text and markdown show them.
import { describe, expect, it } from 'vitest';
import { applied, desired, engine, live, options, permit } from '../../test/builders/plan.js';
import type { CanaryEvidence, EngineReplay, FlipExample, Promotion } from '../model.js';
import { planAll } from '../plan/plan-all.js';
import { planEngine } from '../plan/plan-engine.js';
import { withReplay } from '../plan/promotions.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { renderPlanText } from './plan-text.js';

const GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';
const WINDOW = { source: "the local engine's decision records", since: '2026-01-01T00:00:00.000Z', unreadable: 1, truncated: false, problems: [] };
const example: FlipExample = {
  gateway: GATEWAY,
  action: 'T___c',
  direction: 'toDeny',
  at: '2026-01-02T10:30:00.000Z',
  requestId: 'r-1',
  request: { principal: { type: 'OAuthUser', id: 'user-1', tags: { username: 'refund-agent' } }, input: { amount: 450, note: '<b>@team</b>' } },
};
const REPLAY: EngineReplay = {
  ...WINDOW,
  requests: 1234,
  undecidable: 3,
  flips: { toDeny: 2, toAllow: 0 },
  tools: [
    { gateway: GATEWAY, action: 'T___c', requests: 400, undecidable: 3, flips: { toDeny: 2, toAllow: 0 } },
    { gateway: GATEWAY, action: 'T___o', requests: 834, undecidable: 0, flips: { toDeny: 0, toAllow: 0 } },
  ],
  examples: [example],
};
const EVIDENCE: CanaryEvidence = { ...WINDOW, unreadable: 0, policy: 'Canary', decisions: 400, matched: 12, undecidable: 0, flips: { toDeny: 2, toAllow: 0 }, examples: [example] };

function plan(promotion: Promotion, replay?: EngineReplay) {
  const planned = planEngine(
    engine({ policies: [desired('Canary', permit('c'))] }),
    live({ policies: [applied(desired('Canary', permit('c'), { enforcementMode: 'LOG_ONLY' }))] }),
    options,
  );
  return planAll([withReplay(planned, replay, new Map([['Canary', promotion]]))]);
}

describe('the replay and promotions in the plan', () => {
  it('text: the replay per tool with its examples, and the promotion with its evidence', () => {
    const text = renderPlanText(plan({ evidence: EVIDENCE }, REPLAY), { color: false });
    expect(text).toContain(`  Replay: 1,234 recorded requests since 2026-01-01 00:00 UTC (the local engine's decision records): 2 would flip: 2 allowed → denied, 0 denied → allowed`);
    expect(text).toContain('    T___c on refund-gateway-a1b2c3d4e5: 2 allowed → denied, 0 denied → allowed (of 400)');
    expect(text).toContain('would be denied: T___c on refund-gateway-a1b2c3d4e5 at 2026-01-02 10:30 UTC, caller id=user-1, username=refund-agent; input amount=450');
    expect(text).toContain("3 undecidable (the caller's claims are not in the record, or the tool changed): not counted either way");
    expect(text).toContain('1 record could not be read: skipped');
    expect(text).toContain('enforcementMode: LOG_ONLY -> ACTIVE (promoted: it starts to decide)');
    expect(text).toContain("evidence: 400 recorded decisions since 2026-01-01 00:00 UTC (the local engine's decision records) on its tools; it held for 12 and 2 would have flipped: 2 allowed → denied, 0 denied → allowed");
    expect(text).not.toContain('promoted without evidence');
  });

  it('text: a promotion without a decision source is flagged, with why', () => {
    const text = renderPlanText(plan({ missing: 'engine Main runs at a local URL' }), { color: false });
    expect(text).toContain('will be updated: enforcementMode [widens access] [promoted without evidence]');
    expect(text).toContain('promoted without evidence: engine Main runs at a local URL');
    expect(text).not.toContain('Replay');
  });

  it('markdown: a Replay section with a table of the flipping tools and the examples folded, values escaped', () => {
    const markdown = renderPlanMarkdown(plan({ evidence: EVIDENCE }, REPLAY));
    expect(markdown).toContain('### Replay');
    expect(markdown).toContain('| Tool | Gateway | Requests | Allowed → denied | Denied → allowed | Undecidable |');
    expect(markdown).toContain('| T&#95;&#95;&#95;c | <code>arn&#58;aws');
    expect(markdown).toContain('<details><summary>Requests that would flip</summary>');
    expect(markdown).not.toContain('<b>@team');
    expect(markdown).not.toContain('T___o');
    expect(markdown).toContain('evidence&#58; 400 recorded decisions');
  });
});
