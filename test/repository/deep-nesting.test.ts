// A statement nested too deeply for cedar-wasm (150 parentheses trapped it, and every policy after it was blamed at
// 1:1 until the process ended), through validate, fmt, test and plan in one process: the deep one is refused at the
// bracket past the limit, and every other policy keeps its exact findings, before and after it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { State } from '../../src/emulator/store.js';
import { loadRepository } from '../../src/repository/load.js';
import { LOCAL } from '../apply/service.js';
import { runCli, validateJson } from '../helpers/cli.js';
import { lineOf, makeRepo, PROJECT_ROOT, readRepoFile, removeRepos, replace } from '../helpers/repo.js';

const REFUND = 'policies/business_rules/refund_under_500.cedar';
const PAYMENT = 'policies/business_rules/payment_scope_transfer.cedar';
const CONDITION = 'context.input.amount < 500';
const nested = (open: string, close: string, depth: number) => replace(CONDITION, `${open.repeat(depth)}${CONDITION}${close.repeat(depth)}`);

afterAll(removeRepos);

/** Where the deep file is refused: the 36th bracket, which makes it 41 levels deep (`when {`, two `&&`, `principal.`
 * and `==` are the first five). */
async function refusedAt(root: string, open: string): Promise<string> {
  const source = await readRepoFile(root, REFUND);
  const line = lineOf(source, open.repeat(3));
  const text = source.split('\n')[line - 1]!;
  return `${REFUND}:${line}:${text.search(/[([]/) + 1 + 35}`;
}

describe('a statement nested too deeply', () => {
  it.each([
    ['parentheses', '(', ')', 150],
    ['the fewest parentheses refused at one', '(', ')', 36],
    ['sets', '[', '].contains(true)', 150],
  ])('is refused at its bracket by validate, fmt and test (%s), and every other policy keeps its exact findings', async (_, open, close, depth) => {
    const root = await makeRepo({ [REFUND]: nested(open, close, depth), [PAYMENT]: replace('context.input.amount', 'context.input.amonut') });
    const typoLine = lineOf(await readRepoFile(root, PAYMENT), 'amonut');

    const report = await validateJson(root);
    expect(report.ok).toBe(false);
    const where = (d: { file: string | null; line: number | null; column: number | null }) => `${d.file}:${d.line}:${d.column}`;
    expect(report.diagnostics.filter((d) => d.code === 'validate/nesting-too-deep').map(where)).toEqual([await refusedAt(root, open)]);
    const typo = report.diagnostics.filter((d) => d.file === PAYMENT && d.severity === 'error');
    expect(typo.map((d) => [d.code, d.line])).toEqual([['cedar/validation', typoLine]]);
    // Nothing else is blamed, and nothing at 1:1 for a trap.
    expect(report.diagnostics.filter((d) => d.severity === 'error' && d.file !== REFUND && d.file !== PAYMENT)).toEqual([]);
    expect(JSON.stringify(report.diagnostics)).not.toMatch(/RuntimeError|out of stack/);

    const fmt = await runCli(['fmt', '--check', '--dir', root], { cwd: root });
    expect(fmt.code).toBe(1);
    expect(fmt.stderr.split('\n').filter((l) => l.includes('error'))).toEqual([expect.stringContaining(`${await refusedAt(root, open)}: error cedar/syntax: the statement nests more than 40 levels`)]);

    const tests = await runCli(['test', '--dir', root], { cwd: root });
    expect(tests.code).toBe(1);
    expect(tests.stderr).toContain(`${await refusedAt(root, open)}: error validate/nesting-too-deep`);

    // The same process, on the example repository: every policy and case still passes.
    expect((await validateJson(PROJECT_ROOT)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(await runCli(['fmt', '--check', '--dir', PROJECT_ROOT])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await runCli(['test', '--dir', PROJECT_ROOT])).code).toBe(0);
  });

  it('is accepted at the limit, and refused one level past it where the condition inside goes deeper', async () => {
    // Five levels before the brackets, three inside them (`context.input.amount <`): 32 brackets make 40.
    const inside = await makeRepo({ [REFUND]: nested('(', ')', 32) });
    expect((await validateJson(inside)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const past = await makeRepo({ [REFUND]: nested('(', ')', 33) });
    const source = await readRepoFile(past, REFUND);
    const line = lineOf(source, CONDITION);
    const errors = (await validateJson(past)).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.line, d.column])).toEqual([['validate/nesting-too-deep', line, source.split('\n')[line - 1]!.indexOf('<') + 1]]);
  });
});

describe('a live statement nested too deeply', () => {
  let folder: string;
  let emulator: Emulator;
  let root: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'agentcore-policy-deep-'));
    const stateFile = join(folder, 'state.json');
    emulator = await startEmulator({ stateFile, transitionDelayMs: 2 });
    const port = Number(new URL(emulator.url).port);
    const { repository } = await loadRepository(PROJECT_ROOT);
    emulator.seedGateways(repository.engines.flatMap((e) => e.gateways));
    root = await makeRepo({ 'engines/local.yaml': replace('endpoint: local\n', `endpoint: ${emulator.url}\n`) });
    expect((await runCli(['apply', '--auto-approve', '--dir', root, '--engine', LOCAL])).code).toBe(0);
    // The emulator refuses such a statement now, so it is written into its state by hand, as a service might hold it.
    await emulator.close();
    const state = JSON.parse(await readFile(stateFile, 'utf8')) as State;
    const policies = Object.values(state.regions['us-west-2']!.policies).flatMap((byId) => Object.values(byId));
    const refund = policies.find((p) => p.name === 'RefundUnder500')!;
    const cedar = refund.attrs.definition.cedar as { statement: string };
    cedar.statement = nested('(', ')', 150)(cedar.statement);
    await writeFile(stateFile, JSON.stringify(state));
    emulator = await startEmulator({ stateFile, port, transitionDelayMs: 2 });
  });
  afterAll(async () => {
    await emulator.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('counts as unparsable in plan, without marking any other managed policy as changed, and apply replaces it', async () => {
    const result = await runCli(['plan', '--dir', root, '--engine', LOCAL, '--format', 'json']);
    expect(result.stderr).not.toContain('internal error');
    const engine = (JSON.parse(result.stdout) as { engines: { changes: { name: string; action: string }[]; warnings: { code: string; message: string }[] }[] }).engines[0]!;
    expect(engine.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.name} ${c.action}`)).toEqual(['RefundUnder500 update']);
    expect(engine.changes.filter((c) => c.action === 'no-op').length).toBeGreaterThan(5);
    expect(engine.warnings.filter((w) => w.code === 'plan/live-unparsable').map((w) => w.message)).toEqual([expect.stringContaining('RefundUnder500')]);
    // The next command in the same process reads every statement as before.
    expect((await validateJson(root)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    expect((await runCli(['apply', '--auto-approve', '--dir', root, '--engine', LOCAL])).code).toBe(0);
    const after = await runCli(['plan', '--dir', root, '--engine', LOCAL, '--detailed-exitcode']);
    expect(after.code).toBe(0);
  });
});
