import { describe, expect, it } from 'vitest';
import type { AccessDiff } from '../model.js';
import { renderDiffMarkdown } from './diff-markdown.js';

const base = { ref: 'main', commit: 'abcdef0123456789abcdef0123456789abcdef01' };
const witness = { principal: { type: 'OAuthUser' as const, id: 'user', tags: { username: 'refund-agent' } }, input: { amount: 500 } };

function diff(policies: AccessDiff['engines'][number]['policies'], status: 'kept' | 'new' = 'kept'): AccessDiff {
  const access = [{ gateway: 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/gw-abcdefghij', action: 'T___refund', verdict: 'widens' as const, newlyAllowed: [witness], newlyDenied: [] }];
  return { base, engines: [{ engine: 'Main', file: 'engines/main.yaml', status, access, policies }], changesAccess: true, widensAccess: true, warnings: [] };
}

describe('renderDiffMarkdown', () => {
  it('leads with the verdict against the base, then the Access table, then the policies with their tools', () => {
    const text = renderDiffMarkdown(diff([{ name: 'Limit', change: 'edited', fields: ['statement'], touches: [{ gateway: 'gw', action: 'T___refund' }], widensAccess: true }]));
    expect(text).toBe(
      [
        '## agentcore-policy diff',
        '**Widens access on 1 tool · 1 policy changed** against <code>main (abcdef0)</code>',
        '### Access',
        '| Tool | Gateway | Access | Example |\n|---|---|---|---|\n| T&#95;&#95;&#95;refund | gw-abcdefghij | <b>widens</b> | now allowed: caller username=refund-agent; input amount=500 |',
        '### Policies',
        '| Policy | Change | Tools |\n|---|---|---|\n| <code>Limit</code> | edited&#58; statement · <b>widens access</b> | <code>T&#95;&#95;&#95;refund</code> |',
      ].join('\n\n') + '\n',
    );
  });

  it('escapes a hostile policy name, and says an engine is new at the base', () => {
    const text = renderDiffMarkdown(diff([{ name: '</code><img src=x>|@team', change: 'added' }], 'new'));
    expect(text).toContain('| <code>&#60;/code&#62;&#60;img src=x&#62;&#124;@\u200dteam</code> | added |  |');
    expect(text).toContain('- <code>Main</code>: not at main (abcdef0)&#58; every permit is new access');
  });
});
