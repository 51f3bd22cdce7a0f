import { describe, expect, it } from 'vitest';
import { finishedReport } from '../plan/apply-report.js';
import { renderReport, type ReportOptions } from './report.js';
import { creatingPlan, diagnostic, testReport, unreachablePlan } from '../../test/builders/action.js';

const URL = 'https://github.com/acme/policies/actions/runs/42';
const COMMENT: ReportOptions = { maxLength: 64_000, listLimit: 10, detailsUrl: URL };

describe('renderReport', () => {
  it('starts a plan with its verdict, then its banners and table, then the checks and the footer', () => {
    const text = renderReport(
      { mode: 'plan', denyWarnings: false, checks: { diagnostics: [], tests: testReport([{ name: 'ok', passed: true }]) }, plan: creatingPlan(2) },
      { ...COMMENT, run: { sha: 'abc1234def', url: URL, mergeBranch: 'main' } },
    );
    expect(text.startsWith('## agentcore-policy plan\n\n**2 to create · tests 1/1 · applies on merge to main**\n\n> [!WARNING]\n> **Widens access**')).toBe(true);
    expect(text.indexOf('| Engine |')).toBeLessThan(text.indexOf('### Checks'));
    expect(text).toContain('**Validation**: passed, 0 errors, 0 warnings.\n\n**Tests**: 1 case passed, 0 failed.');
    expect(text.endsWith(`<sub>Planned commit <code>abc1234</code> · [workflow run](${URL}) · On merge to <code>main</code>, apply changes <code>Main</code>.</sub>\n`)).toBe(true);
  });

  it('escapes names and messages from the repository: no HTML, no mentions, no table breaks', () => {
    const name = '@octocat <img src=x onerror=alert(1)> | fixes #12';
    const tests = testReport([{ name, passed: false, message: '</details> @here' }]);
    const text = renderReport({ mode: 'test', denyWarnings: false, checks: { diagnostics: [diagnostic('error', 'cedar/validation', '<script>@admin</script>')], tests } }, COMMENT);
    for (const raw of ['@octocat', '<img', '</details>', '@here', '<script>', '@admin', '| fixes', 'fixes #12']) expect(text).not.toContain(raw);
    expect(text).toContain('@\u200doctocat &#60;img src=x onerror=alert(1)&#62; &#124; fixes &#35;\u200d12');
  });

  it('says a fork gets offline checks only, and shows no plan', () => {
    const text = renderReport({ mode: 'offline', denyWarnings: false, checks: { diagnostics: [], tests: testReport([{ name: 'a', passed: true }]) } }, COMMENT);
    expect(text).toMatch(/^## agentcore-policy plan\n\n> \[!NOTE\]\n> \*\*Offline checks only\.\*\* This pull request comes from a fork/);
    expect(text).toContain('no live plan was made');
    expect(text).not.toContain('| Engine |');
  });

  it('explains why there is no plan', () => {
    const invalid = renderReport({ mode: 'plan', denyWarnings: false, checks: { diagnostics: [diagnostic('error', 'cedar/syntax', 'unexpected token')] } }, COMMENT);
    expect(invalid).toContain('> [!CAUTION]\n> **No plan**: the repository does not validate.');
    expect(invalid).toContain('**Validation**: failed, 1 error, 0 warnings.');
    const live = renderReport({ mode: 'plan', denyWarnings: false, checks: { diagnostics: [] }, plan: unreachablePlan() }, COMMENT);
    expect(live).toContain('**Not planned**: the live engine could not be read (see Errors).');
    expect(live).toContain('- **error** <code>aws/AccessDenied</code>');
    const refused = renderReport({ mode: 'refuse', denyWarnings: false, refused: 'apply never runs on pull_request events' }, COMMENT);
    expect(refused).toBe('## agentcore-policy apply\n\n> [!CAUTION]\n> **Apply refused**: apply never runs on pull&#95;request events\n');
  });

  it('shows the apply report, not the plan it applied, in the same shape: outcome first, how long, then the footer', () => {
    const apply = finishedReport([{ engine: 'Main', file: 'engines/main.yaml', outcome: 'no-changes', steps: [] }]);
    const text = renderReport({ mode: 'apply', denyWarnings: false, apply, plan: creatingPlan(0) }, { ...COMMENT, run: { sha: 'abc1234def', url: URL }, elapsedMs: 2500 });
    expect(text).toBe(
      `## agentcore-policy apply\n\n**No changes. Live engines match the repository. · took 2.5 s**\n\n<b>Main</b> (<code>engines/main.yaml</code>): no-changes\n\n<sub>commit <code>abc1234</code> · [workflow run](${URL})</sub>\n`,
    );
  });

  it('lists up to the limit and links the rest to the job summary', () => {
    const diagnostics = Array.from({ length: 25 }, (_, i) => diagnostic('warning', 'lint/no-permit', `warning ${i}`, i + 1));
    const text = renderReport({ mode: 'validate', denyWarnings: true, checks: { diagnostics } }, COMMENT);
    expect(text.match(/^- \*\*warning\*\*/gm)).toHaveLength(10);
    expect(text).toContain(`- … and 15 more in the [job summary](${URL})`);
    expect(text).toContain('**Validation**: failed, 0 errors, 25 warnings (warnings are denied).');
  });

  it('fits a 3,000-policy plan into the budget, keeps the table and links to the full plan', () => {
    const text = renderReport({ mode: 'plan', denyWarnings: false, checks: { diagnostics: [] }, plan: creatingPlan(3000) }, COMMENT);
    expect(text.length).toBeLessThanOrEqual(COMMENT.maxLength);
    expect(text.length).toBeGreaterThan(COMMENT.maxLength - 5_000);
    expect(text).toContain('| <b>Main</b> | 3000 to create |');
    expect(text).toContain(`[Read the full plan](${URL})`);
    expect(text).toContain('### Checks');
  });

  it('falls back to the summary line and a link when even the table cannot fit', () => {
    const text = renderReport({ mode: 'plan', denyWarnings: false, checks: { diagnostics: [] }, plan: creatingPlan(3) }, { ...COMMENT, maxLength: 400 });
    expect(text.length).toBeLessThanOrEqual(400);
    expect(text).toBe(
      `## agentcore-policy plan\n\n**Plan&#58; 3 to create, 0 to update, 0 to delete.**\n\nThe full report is too long for this place. Read it in the [job summary](${URL}).\n`,
    );
  });
});
