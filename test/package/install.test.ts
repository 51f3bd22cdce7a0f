// The package as a user gets it: `npm pack` in this project, the tarball installed into an empty folder from the
// local npm cache (the registry only for what the cache lacks), then `npx agentcore-policy validate --dir <a copy of
// the example policy repository>` run from there, so nothing of this checkout (sources, node_modules) is reachable.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, PROJECT_ROOT, removeRepos } from '../helpers/repo.js';
import { PACKAGE_TESTS } from '../helpers/timeouts.js';

const run = promisify(execFile);
/** Only what runs: the CLI's entry, the compiled modules it loads, the schemas it validates against, and the two
 * workflows `init` writes into a new repository. */
const SHIPPED = /^(package\.json|README\.md|LICENSE|bin\/agentcore-policy\.js|schemas\/[a-z]+\.schema\.json|dist\/(?!action\/)[\w/-]+\.js|\.github\/workflows\/policy-(plan|apply)\.yml)$/;

let folder: string;
let packed: { filename: string; files: { path: string }[] };

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'agentcore-policy-package-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', folder], { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 });
  // `prepare` (the build) prints before npm's JSON.
  packed = (JSON.parse(stdout.slice(stdout.indexOf('\n[') + 1)) as (typeof packed)[])[0]!;
}, PACKAGE_TESTS.timeout);

afterAll(async () => {
  await removeRepos();
  await rm(folder, { recursive: true, force: true });
});

describe('the npm package', PACKAGE_TESTS, () => {
  it('holds only what runs: no sources, tests, source maps, action code or test builders', () => {
    const paths = packed.files.map((f) => f.path).sort();
    expect(paths.filter((path) => !SHIPPED.test(path))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['bin/agentcore-policy.js', 'dist/cli/main.js', 'schemas/engine.schema.json', 'package.json', 'README.md']));
  });

  it('installs into an empty folder and validates a policy repository there with npx', async () => {
    const app = join(folder, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), '{ "name": "policies-tooling", "private": true }\n');
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(folder, packed.filename)], { cwd: app, maxBuffer: 16 * 1024 * 1024 });
    expect(await readdir(join(app, 'node_modules/agentcore-policy'))).not.toContain('src');

    const repository = await makeRepo();
    const installed = await run('npx', ['agentcore-policy', 'validate', '--dir', repository], { cwd: app, env: { ...process.env, npm_config_offline: 'true' } });
    const fromSource = await runCli(['validate', '--dir', repository], { cwd: app });
    expect(fromSource.code).toBe(0);
    expect(installed.stdout).toBe(fromSource.stdout);
    expect(installed.stdout).toMatch(/^Valid: \d+ policies, 2 engines/m);
    expect(installed.stderr).toBe('');

    // init writes the workflows the package ships, read from where it is installed.
    const scaffolded = join(folder, 'new-repository');
    await mkdir(scaffolded);
    await run('npx', ['agentcore-policy', 'init', '--dir', scaffolded], { cwd: app, env: { ...process.env, npm_config_offline: 'true' } });
    expect((await readdir(join(scaffolded, '.github/workflows'))).sort()).toEqual(['policy-apply.yml', 'policy-plan.yml']);
  });
});
