// `npm run bench -- validate`: how much `validate` and `test` add over cedar-wasm's own floor. Generates repositories
// of 1,000 and 5,000 policies (plus a few hundred test cases), times `validateRepository` against the least the
// library must do for the same policies (one parse of all sources, one strict validation per engine of the filled
// texts, each as one text in one call), then times this repository's own `validate` warm (startup.bench.ts times it
// cold, as a command).
// The floor calls cedar-wasm directly, on purpose: it measures the library, not the tool.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { buildCedarSchema } from '../src/cedar/schema.js';
import type { Repository } from '../src/model.js';
import { policiesOf } from '../src/repository/membership.js';
import { fillVariables } from '../src/repository/variables.js';
import { runTests } from '../src/testing/run-tests.js';
import { hasErrors, validateRepository } from '../src/validation/validate.js';
import { generateRepository } from '../test/helpers/generate-repo.js';
import type { Figure } from './figures.js';

const PROJECT = dirname(dirname(fileURLToPath(import.meta.url)));
const SIZES = [
  { policies: 1_000, cases: 300, runs: 9 },
  { policies: 5_000, cases: 300, runs: 5 },
];
const TARGET_RATIO = 1.5;

function middle(times: number[]): number {
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** Median wall time of each task, run in turns so that load from other processes weighs on all of them alike. */
async function medians<K extends string>(runs: number, tasks: Record<K, () => unknown>): Promise<Record<K, number>> {
  const entries = Object.entries(tasks) as [K, () => unknown][];
  const times = new Map<K, number[]>(entries.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, task] of entries) {
      const start = performance.now();
      await task();
      times.get(name)!.push(performance.now() - start);
    }
  }
  return Object.fromEntries([...times].map(([name, list]) => [name, middle(list)])) as Record<K, number>;
}

/** The library's least work for the repository: parse every source once, strictly validate each engine's filled
 * policies against its schema. Inputs are prepared outside the timed part. */
function floorTask(repository: Repository): () => void {
  const sources = repository.policies.map((p) => p.source).join('\n');
  const engines = repository.engines.map((engine) => ({
    schema: buildCedarSchema(engine.gateways) as cedar.Schema,
    text: policiesOf(repository, engine).map((p) => fillVariables(p.source, engine.variables).text).join('\n'),
  }));
  return () => {
    if (cedar.checkParsePolicySet({ staticPolicies: sources }).type !== 'success') throw new Error('floor: parse failed');
    for (const { schema, text } of engines) {
      const answer = cedar.validate({ schema, policies: { staticPolicies: text }, validationSettings: { mode: 'strict' } });
      if (answer.type !== 'success' || answer.validationErrors.length > 0) throw new Error('floor: validation failed');
    }
  };
}

async function measure(size: (typeof SIZES)[number]) {
  const root = await mkdtemp(join(tmpdir(), 'agentcore-policy-bench-'));
  try {
    await generateRepository(root, size.policies, size.cases);
    const first = await validateRepository(root);
    if (hasErrors(first.diagnostics, true)) throw new Error(`generated repository does not validate: ${JSON.stringify(first.diagnostics.slice(0, 3))}`);
    const tests = runTests(first.repository, first.engines);
    if (tests.failed > 0) throw new Error(`generated cases fail: ${JSON.stringify(tests.cases.find((c) => !c.passed))}`);
    const { validate, floor, test } = await medians(size.runs, {
      validate: () => validateRepository(root),
      floor: floorTask(first.repository),
      test: () => runTests(first.repository, first.engines),
    });
    return { ...size, engines: first.engines.length, evaluations: tests.cases.length, validate, floor, test };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export async function run(): Promise<Figure[]> {
  // The first cedar-wasm call compiles the module; keep that out of every figure below.
  const own = await validateRepository(PROJECT);
  const { ownWarm } = await medians(5, { ownWarm: () => validateRepository(PROJECT) });
  const figures: Figure[] = [];

  console.log('| policies | engines | validate (median) | cedar-wasm floor | ratio | test: evaluations | test (median) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  const ratios: number[] = [];
  for (const size of SIZES) {
    const m = await measure(size);
    ratios.push(m.validate / m.floor);
    console.log(`| ${m.policies} | ${m.engines} | ${m.validate.toFixed(0)} ms | ${m.floor.toFixed(0)} ms | ${(m.validate / m.floor).toFixed(2)} | ${m.evaluations} | ${m.test.toFixed(0)} ms |`);
    const figure = m.policies === 1_000 ? '`validate`, 1,000 policies, 2 engines' : `\`validate\`, ${m.policies.toLocaleString('en')} policies`;
    figures.push({ figure, ms: m.validate, floor: { ms: m.floor, is: 'cedar-wasm parse + strict validate' }, target: TARGET_RATIO });
  }
  console.log(`\nTarget: validate within ${TARGET_RATIO}x the floor: ${ratios.every((r) => r <= TARGET_RATIO) ? 'met' : 'NOT met'}.`);
  console.log(`This repository (${own.repository.policies.length} policies, ${own.engines.length} engines): validate in-process, warm: ${ownWarm.toFixed(1)} ms (cold, as a command: startup.bench.ts).`);
  return figures;
}
