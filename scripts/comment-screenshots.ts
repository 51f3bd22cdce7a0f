// `npm run screenshots`: the pull-request comments of docs/action.md, as GitHub shows them, in headless Chromium.
// For each scenario of test/helpers/comment-scenarios.ts (the example repository applied to its local engine, then
// edited), the bundled action (action-dist/, as `npm run build:action` leaves it) runs `plan` on a pull request and
// posts its comment to a loopback stand-in for GitHub's API; the comment is rendered with marked (GFM) inside a
// page styled like a GitHub comment and screenshotted to docs/images/comment-<scenario>.png.
// Needs Chromium at /usr/bin/chromium (`apt-get install -y chromium`), or CHROMIUM=path; not part of the tests.
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { runBundledAction } from '../test/action/runner.js';
import { startFakeGitHub } from '../test/action/fake-github.js';
import { scenarioRepo, type ScenarioName } from '../test/helpers/comment-scenarios.js';
import { githubHtml } from '../test/helpers/github-html.js';
import { PROJECT_ROOT, removeRepos } from '../test/helpers/repo.js';
import { commentPage } from './comment-page.js';

const NAMES: Record<ScenarioName, string> = { 'small-change': 'comment-small-change', widening: 'comment-widening', emergency: 'comment-emergency' };
const PULL = 7;
const HEAD_SHA = '3f2a9c1d4e5b6a7980f1e2d3c4b5a6978877aabb';
const WIDTH = 900;

/** The comment the action posts on pull request #7 for `scenario`. */
async function commentOf(scenario: ScenarioName): Promise<string> {
  const workspace = await scenarioRepo(scenario);
  const github = await startFakeGitHub();
  try {
    const pull = { number: PULL, head: { sha: HEAD_SHA, repo: { full_name: 'acme/policies' } }, base: { ref: 'main', repo: { full_name: 'acme/policies' } } };
    const run = await runBundledAction({
      bundle: join(PROJECT_ROOT, 'action-dist/index.js'),
      workspace,
      inputs: { command: 'plan' },
      event: { name: 'pull_request', ref: `refs/pull/${PULL}/merge`, sha: HEAD_SHA, payload: { number: PULL, pull_request: pull, repository: { full_name: 'acme/policies', default_branch: 'main' } } },
      apiUrl: github.url,
    });
    const body = github.comments.get(PULL)?.[0]?.body;
    if (body === undefined) throw new Error(`the action posted no comment for ${scenario} (exit ${run.code}): ${run.stdout}${run.stderr}`);
    return body;
  } finally {
    await github.close();
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2) as ScenarioName[];
  const scenarios = only.length > 0 ? only : (Object.keys(NAMES) as ScenarioName[]);
  const folder = resolve(PROJECT_ROOT, 'docs/images');
  await mkdir(folder, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 600 }, deviceScaleFactor: 1 });
    for (const scenario of scenarios) {
      const markdown = await commentOf(scenario);
      await page.setContent(commentPage(githubHtml(markdown)), { waitUntil: 'load' });
      const file = join(folder, `${NAMES[scenario]}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${file}: ${Math.round((await stat(file)).size / 1024)} KB, ${markdown.length} characters of markdown`);
    }
  } finally {
    await browser.close();
    await removeRepos();
  }
}

await main();
