// Nothing quoted from a repository or the service escapes its quotes once GitHub renders the comment: names,
// descriptions, engine files, tool names, witness requests, replayed inputs, diagnostics, test cases and apply
// failures that carry HTML, table pipes, backticks, mentions, issue references and links all read as text.
import { describe, expect, it } from 'vitest';
import type { ActionAccess } from '../../src/model.js';
import { finishedReport } from '../../src/plan/apply-report.js';
import { planAll } from '../../src/plan/plan-all.js';
import { planEngine } from '../../src/plan/plan-engine.js';
import { withReplay } from '../../src/plan/promotions.js';
import { testReport } from '../builders/action.js';
import { applied, desired, engine, forbid, live, options, permit } from '../builders/plan.js';
import { elements, text, type HtmlElement } from '../helpers/github-html.js';
import { commentShape } from './rendered-comment.js';


const HOSTILE = '<script>alert(1)</script> | `x` @octocat #123 GH-7 [a](javascript:alert(1)) www.evil.example *e* ~~d~~ </details>';
const NAME = '<img src=x onerror=alert(1)>|@team #9 `n`';
const TOOL = 'T|<i>x</i>@tools#4';
const GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/gw|<u>@g</u>';
/** The cells of a table as read, without the zero-width joiners that defuse mentions. */
const cells = (table: HtmlElement) => elements(table, 'td').map((cell) => text(cell).replaceAll('\u200d', ''));

function hostilePlan() {
  const kept = desired(NAME, permit('a'), { description: 'old' });
  const now = desired(NAME, permit('a'), { description: HOSTILE, version: '1.1.0' });
  const emergency = desired(`${NAME} stop`, forbid('a'), { group: 'emergency' });
  const gone = applied(desired(`${NAME} gone`, forbid('g')));
  const planned = planEngine(engine({ policies: [now, emergency] }, { name: 'E|@eng#1', file: 'engines/<e>|@x.yaml', prune: true }), live({ policies: [applied(kept), gone] }), options);
  const request = { principal: { type: 'OAuthUser' as const, id: HOSTILE, tags: { [NAME]: HOSTILE } }, input: { note: HOSTILE } };
  const access: ActionAccess[] = [{ gateway: GATEWAY, action: TOOL, verdict: 'widens', newlyAllowed: [request], newlyDenied: [] }];
  const example = { gateway: GATEWAY, action: TOOL, direction: 'toAllow' as const, at: '2026-01-02T10:30:00.000Z', requestId: HOSTILE, request };
  const tools = [{ gateway: GATEWAY, action: TOOL, requests: 3, undecidable: 1, flips: { toDeny: 0, toAllow: 2 } }];
  const window = { source: HOSTILE, since: '2026-01-01T00:00:00.000Z', unreadable: 0, truncated: false, problems: [HOSTILE] };
  const replay = { ...window, requests: 3, undecidable: 1, flips: { toDeny: 0, toAllow: 2 }, tools, examples: [example] };
  const plan = planAll([{ ...withReplay(planned, replay, new Map()), access }]);
  plan.warnings.push({ severity: 'warning', code: 'plan/policy-drift', message: HOSTILE, file: 'a|b.yaml', engine: NAME });
  return plan;
}

describe('quoted text in the rendered comment', () => {
  it('a plan: every hostile value shows as text, no element, link, mention or table cell comes from it', () => {
    const checks = { diagnostics: [], tests: testReport([{ name: HOSTILE, passed: false, message: HOSTILE }]) };
    const shape = commentShape({ mode: 'plan', denyWarnings: false, checks, plan: hostilePlan() });
    for (const quoted of [HOSTILE, NAME, TOOL, '<e>|@x.yaml', 'E|@eng#1']) expect(shape.prose).toContain(quoted);
    expect(shape.outline.filter((block) => block.startsWith('alert'))).toEqual(['alert caution', 'alert important', 'alert warning']);
    const [access, replay] = elements(shape.doc, 'table');
    expect(cells(access!).slice(0, 3)).toEqual([TOOL, GATEWAY, 'widens']);
    expect(cells(replay!).slice(0, 2)).toEqual([TOOL, GATEWAY]);
    expect(elements(shape.doc, 'summary').map(text)).toContain(`Requests that would flip`);
  });

  it('an apply report: a failed step named and explained by the service in hostile words', () => {
    const steps = [{ phase: 'permits-created' as const, type: 'create-policy' as const, name: NAME, status: 'failed' as const, reasons: [HOSTILE], error: { code: 'CREATE_FAILED', message: HOSTILE } }];
    const apply = { ...finishedReport([{ engine: 'E|@eng#1', file: 'engines/<e>|@x.yaml', outcome: 'failed', steps }]), diagnostics: [{ severity: 'error' as const, code: 'apply/not-attempted' as const, message: HOSTILE, file: NAME }] };
    const shape = commentShape({ mode: 'apply', denyWarnings: false, apply });
    for (const quoted of [HOSTILE, NAME, 'E|@eng#1']) expect(shape.prose).toContain(quoted);
    expect(cells(elements(shape.doc, 'table')[0]!)).toEqual(['permits-created', `create policy ${NAME}`, '❌ failed']);
  });
});
