import { describe, expect, it } from 'vitest';
import { planAll } from '../plan/plan-all.js';
import { planEngine } from '../plan/plan-engine.js';
import { ENGINE_ARN, applied, desired, engine, forbid, gateway, live, liveGateway, options, permit, unmanaged } from '../../test/builders/plan.js';
import type { Plan } from '../plan/types.js';
import { renderPlanMarkdown } from './plan-markdown.js';


function bigPlan(count: number): Plan {
  // Long multi-line statements so diffs dominate the size.
  const statement = (i: number) => permit(`t${i}`, ` when {\n${Array.from({ length: 8 }, (_, k) => `  context.input.field${k} == ${i}`).join(' &&\n')}\n}`);
  const policies = Array.from({ length: count }, (_, i) => desired(`Policy${String(i).padStart(5, '0')}`, statement(i)));
  return planAll([planEngine(engine({ policies }), live(), options)]);
}

/** Markdown outside fenced code blocks, where GitHub acts on mentions, HTML and tables. */
function outsideFences(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const match = /^(`{3,})/.exec(line);
    if (fence === undefined && match) fence = match[1];
    else if (fence !== undefined && line.trim() === fence) fence = undefined;
    else if (fence === undefined) out.push(line);
  }
  expect(fence, 'every fence is closed').toBeUndefined();
  return out.join('\n');
}

describe('renderPlanMarkdown', () => {
  it('shows banners, then the summary table, then each change in a collapsible block', () => {
    const plan = planAll([
      planEngine(
        engine({ policies: [desired('Allow', permit('a')), desired('Kill', forbid('all'), { group: 'emergency' })], gateways: [gateway(1)] }),
        live({ policies: [applied(desired('Old', forbid('o')))], gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'LOG_ONLY' })] }),
        options,
      ),
    ]);
    const md = renderPlanMarkdown(plan);
    const order = [
      '## agentcore-policy plan',
      '**2 to create, 1 to update, 1 to delete**',
      '**Enforcement drift',
      '**Deletions**',
      '**Emergency switches**',
      '**Widens access**',
      '### Plan\n\n| Engine | Changes | Drift |',
      '**Plan&#58; 2 to create, 1 to update, 1 to delete.**',
      '### Warnings',
      '<details><summary><b>Main</b> (<code>engines/main.yaml</code>): 2 to create, 1 to update, 1 to delete</summary>',
    ];
    const positions = order.map((text) => md.indexOf(text));
    expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md).toContain('| <b>Main</b> | 2 to create, 1 to update, 1 to delete | 1 |');
    expect(md).toContain('**Emergency switches**: <code>Kill</code> engaged');
    expect(md.match(/<details>/g)).toHaveLength(5);
    expect(md.match(/<\/details>/g)).toHaveLength(5);
    expect(md).toContain('```diff\n--- /dev/null\n+++ Allow (repository)');
  });

  it('says there are no changes', () => {
    const md = renderPlanMarkdown(planAll([planEngine(engine(), live(), options)]));
    expect(md).toContain('**no changes**');
    expect(md).toContain('**No changes. Live engines match the repository.**');
  });

  it('fits 3,000 changes under the limit, keeping the table and saying what was cut', () => {
    const plan = bigPlan(3000);
    const md = renderPlanMarkdown(plan, { detailsUrl: 'https://github.com/o/r/actions/runs/1' });
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md).toContain('| Engine | Changes |\n|---|---|\n| <b>Main</b> | 3000 to create |');
    expect(md).toContain('**Plan&#58; 3000 to create, 0 to update, 0 to delete.**');
    expect(md).toMatch(/> To fit a comment, .*\d+ more entries were left out\. \[Read the full plan\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1\)\./);
    expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
    expect(md).toContain('policy Policy00000 (business&#95;rules, permit) will be created');
    outsideFences(md);
  });

  it('cuts diffs before it leaves out any change', () => {
    const plan = bigPlan(40);
    const full = renderPlanMarkdown(plan, { maxLength: 1_000_000 });
    expect(full).not.toContain('To fit a comment');
    const md = renderPlanMarkdown(plan, { maxLength: Math.floor(full.length / 2) });
    expect(md.length).toBeLessThanOrEqual(Math.floor(full.length / 2));
    for (let i = 0; i < 40; i++) expect(md).toContain(`policy Policy${String(i).padStart(5, '0')} (`);
    expect(md).toContain('<details>');
    // Somewhere in a range of budgets the first diff that does not fit whole is cut, not dropped.
    const budgets = Array.from({ length: 40 }, (_, i) => Math.floor(full.length / 2) + i * 97);
    expect(budgets.some((maxLength) => renderPlanMarkdown(plan, { maxLength }).includes('more diff lines cut'))).toBe(true);
    expect(md).toMatch(/To fit a comment, the diffs of \d+ changes were cut\. Run `agentcore-policy plan` to see the full plan\./);
    outsideFences(md);
  });

  it('quotes hostile names, descriptions and statements without breaking the layout or pinging anyone', () => {
    const evil = '</summary></details><script>alert(1)</script> @octocat #1 | a | ``` `x` ![img](http://e.vil) [l](javascript:x) $x$ **b**\n# heading';
    const statement = `permit (principal, action, resource) when { context.input.s == "\`\`\`\`\n</details> @octocat" };`;
    const old = desired('Evil', permit('e'), { description: 'old' });
    const now = desired('Evil', statement, { description: evil, version: '2.0.0' });
    const plan = planAll([
      planEngine(engine({ policies: [now] }, { name: 'Eng|ine@x' }), live({ policies: [applied(old), unmanaged('Hand', permit('h'), { description: evil })] }), options),
    ]);
    plan.warnings.push({ severity: 'warning', code: 'plan/policy-drift', message: evil, file: 'a|b.yaml' });
    const md = renderPlanMarkdown(plan);
    const prose = outsideFences(md);
    expect(prose).not.toMatch(/<script|<\/summary><\/details>|\]\(javascript|!\[img\]/);
    // GitHub finds mentions and issue references in the rendered text, after entities are decoded.
    const rendered = prose.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
    expect(rendered).not.toMatch(/@[A-Za-z0-9]/);
    expect(rendered).not.toMatch(/#[0-9]/);
    expect(prose).not.toMatch(/^#+ heading/m);
    expect(prose.match(/<details>/g)!.length).toBe(prose.match(/<\/details>/g)!.length);
    // Every row of a table has as many cells as its header: nothing quoted broke a cell.
    const tableRows = prose.split('\n').filter((line) => line.startsWith('|'));
    expect(tableRows.length).toBeGreaterThan(2);
    for (const row of tableRows) expect(row.match(/\|/g)).toHaveLength(tableRows[0]!.match(/\|/g)!.length);
    expect(md).toContain('`````diff');
    expect(prose).toContain('&#60;script&#62;');
  });

  it('links the full plan only to an http(s) URL, encoded', () => {
    const md = renderPlanMarkdown(bigPlan(3000), { detailsUrl: 'https://x.example/a)b(c' });
    expect(md).toContain('[Read the full plan](https://x.example/a%29b%28c)');
    const bad = renderPlanMarkdown(bigPlan(3000), { detailsUrl: 'javascript:alert(1)' });
    expect(bad).not.toContain('javascript');
    expect(bad).toContain('Run `agentcore-policy plan` to see the full plan.');
  });
});
