// Two `agentcore-policy` processes on one repository's embedded local engine at once. Both engines of the
// repository (two `endpoint: local` engine files, in two regions) live in the one state file, so two commands that
// each load it, change it and write it back would lose one another's writes. With the lock, the second waits (saying
// for whom, on stderr), then runs, and every write of both is there afterwards.
import type { ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLiveState } from '../../src/agentcore/index.js';
import { openEngine } from '../../src/local/connect.js';
import { startLocalEngine } from '../../src/local/local-engine.js';
import type { EngineSpec } from '../../src/model.js';
import { loadRepository } from '../../src/repository/load.js';
import { bundleCli, spawnCli } from '../faults/cli-process.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, PROJECT_ROOT, removeRepos } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

const WEST = 'CustomerService_local';
const EAST = 'CustomerService_east';

let bundle: string;
let root: string;
let specs: Record<string, EngineSpec>;

beforeAll(async () => {
  const west = await readFile(join(PROJECT_ROOT, 'engines/local.yaml'), 'utf8');
  const east = west.replaceAll('us-west-2', 'us-east-1').replace(`name: ${WEST}`, `name: ${EAST}`);
  [bundle, root] = await Promise.all([bundleCli(), makeRepo({ 'engines/local-east.yaml': east })]);
  const { repository } = await loadRepository(root);
  specs = Object.fromEntries(repository.engines.map((e) => [e.name, e]));
});
afterAll(async () => {
  await rm(dirname(bundle), { recursive: true, force: true });
  await removeRepos();
});

/** Resolves once the child has printed `text` on stderr. */
function printed(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(text)) resolve();
    });
  });
}

async function livePolicies(engine: string): Promise<string[]> {
  const connection = await openEngine(specs[engine]!, root, { env: {} });
  try {
    return (await readLiveState(connection.client, specs[engine]!)).policies.map((p) => p.name).sort();
  } finally {
    await connection.close();
  }
}

describe('the local engine lock', PROCESS_TESTS, () => {
  it('makes a second process wait for the first, saying for whom, and loses no write of either', async () => {
    // This process holds the local engine: both applies started now must wait for it.
    const held = await startLocalEngine(specs[WEST]!, root, { notify: () => undefined });
    const waiting = `waiting for agentcore-policy pid ${process.pid}, which is using the local engine of this repository`;
    const runs = [WEST, EAST].map((engine) => spawnCli(bundle, ['apply', '--auto-approve', '--dir', root, '--engine', engine]));
    await Promise.all(runs.map(({ child }) => printed(child, waiting)));
    await held.close();
    const exits = await Promise.all(runs.map((run) => run.exit));
    for (const exit of exits) {
      expect(exit.stderr.match(new RegExp(`waiting for agentcore-policy pid ${process.pid}\\b`, 'g')), exit.stderr).toHaveLength(1);
      expect(exit.stdout, exit.stderr).toMatch(/Apply complete! Resources: \d+ added/);
      expect(exit.code).toBe(0);
    }
    // Each apply found the engine and its policies the other left, and made its own: nothing is left to do for either.
    for (const engine of [WEST, EAST]) {
      const plan = await runCli(['plan', '--dir', root, '--engine', engine, '--detailed-exitcode']);
      expect(plan.stdout, engine).toContain('No changes.');
      expect(plan.code, engine).toBe(0);
    }
  });

  it('keeps both of two emergency switches thrown at once on the engines of one repository', async () => {
    const runs = [
      spawnCli(bundle, ['emergency', 'engage', 'DisableTransferFunds', '--engine', WEST, '--reason', 'INC-1', '--dir', root]),
      spawnCli(bundle, ['emergency', 'engage', 'DisableAllTools', '--engine', EAST, '--reason', 'INC-2', '--dir', root]),
    ];
    for (const exit of await Promise.all(runs.map((run) => run.exit))) {
      expect(exit.stdout, exit.stderr).toMatch(/engaged live/);
      expect(exit.code).toBe(0);
    }
    expect(await livePolicies(WEST)).toContain('DisableTransferFunds');
    expect(await livePolicies(WEST)).not.toContain('DisableAllTools');
    expect(await livePolicies(EAST)).toContain('DisableAllTools');
    expect(await livePolicies(EAST)).not.toContain('DisableTransferFunds');
  });
});
