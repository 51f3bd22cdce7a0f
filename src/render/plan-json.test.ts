import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameSteps, staleDiagnostic } from '../apply/stale.js';
import { editedParts } from '../plan/digest.js';
import { nothingPlanned, planAll, unreachableEngine } from '../plan/plan-all.js';
import { planEngine } from '../plan/plan-engine.js';
import type { Plan } from '../plan/types.js';
import { ENGINE_ARN, applied, desired, engine, forbid, gateway, live, liveGateway, options, permit, spec, unmanaged } from '../../test/builders/plan.js';
import { parsePlanJson, renderPlanJson } from './plan-json.js';

const plan = () =>
  planAll([
    planEngine(
      engine({ policies: [desired('New', forbid('n')), desired('Renamed', permit('r'))], disabled: [spec('Old')], gateways: [gateway(1)] }),
      live({ policies: [applied(desired('Old', permit('o'))), applied(desired('Was', permit('r'))), unmanaged('Manual', permit('m'))], gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'LOG_ONLY' })] }),
      options,
    ),
  ]);

/** A plan of every kind and action the planner gives: creates (engine, policies), updates, a replace, a delete,
 * no-ops, gateways attached and set, an unreachable engine. */
const everyShape = (): Plan =>
  planAll([
    planEngine(engine({ policies: [desired('A', permit('a'))], gateways: [gateway(1), gateway(2, 'LOG_ONLY')] }, { name: 'Fresh' }), live({ withEngine: false, gateways: [liveGateway(1), liveGateway(2)] }), options),
    plan().engines[0]!,
    planEngine(
      engine({ policies: [desired('A', permit('a', ' when { context.input.amount < 5 }'), { version: '1.1.0' }), desired('F', forbid('f'))] }, { description: 'new words' }),
      live({ policies: [applied(desired('A', permit('a'))), applied(desired('F', forbid('f')), { status: 'CREATE_FAILED' })] }),
      options,
    ),
    unreachableEngine({ name: 'Gone', file: 'engines/gone.yaml' }, { severity: 'error', code: 'aws/AccessDenied', message: 'no' }),
  ]);

const refused = (text: string) => {
  const read = parsePlanJson(text, 'saved.json');
  if (read.ok) throw new Error(`accepted: ${text.slice(0, 200)}`);
  expect(read.error).toMatchObject({ severity: 'error', code: 'plan/file-invalid', file: 'saved.json' });
  return read.error;
};

describe('renderPlanJson / parsePlanJson', () => {
  it('round-trips every shape of plan the planner makes, and the document printed when nothing was planned', () => {
    for (const original of [plan(), everyShape(), nothingPlanned('the repository does not validate', [{ severity: 'error', code: 'repository/no-engines', message: 'x' }])]) {
      expect(parsePlanJson(renderPlanJson(original))).toEqual({ ok: true, plan: original });
    }
  });

  it('has the documented fields on the plan, each engine and each change', () => {
    const data = JSON.parse(renderPlanJson(plan()));
    expect(Object.keys(data).sort()).toEqual(['counts', 'digest', 'engines', 'errors', 'formatVersion', 'hasChanges', 'warnings', 'widensAccess']);
    expect(data.formatVersion).toBe(1);
    const [engine] = data.engines;
    expect(Object.keys(engine).sort()).toEqual(['changes', 'desired', 'digest', 'engine', 'errors', 'file', 'fingerprint', 'live', 'policyEngineId', 'warnings']);
    for (const change of engine.changes) {
      expect(['create', 'update', 'delete', 'replace', 'no-op']).toContain(change.action);
      expect(['engine', 'policy', 'gateway']).toContain(change.kind);
      expect(typeof change.name).toBe('string');
      expect(change.before !== undefined || change.after !== undefined).toBe(true);
    }
    const replace = engine.changes.find((c: { action: string }) => c.action === 'replace');
    expect(replace).toMatchObject({ kind: 'policy', name: 'Renamed', before: { name: 'Was', policyId: 'Was-0123456789' }, after: { name: 'Renamed' } });
    expect(replace.after.description).toContain('[agentcore-policy managed');
  });

  it('refuses another format version and a plan without a digest, asking to plan again', () => {
    const text = renderPlanJson(plan());
    expect(refused(text.replace('"formatVersion": 1', '"formatVersion": 2')).message).toContain('version 2 is not supported');
    expect(refused(text.replace('"formatVersion": 1', '"formatVersion": "1"')).message).toContain('version "1" is not supported');
    expect(refused(JSON.stringify({ formatVersion: 0, engines: [] })).message).toContain('plan again');
    const old = JSON.parse(text) as Record<string, unknown>;
    delete old.digest;
    expect(refused(JSON.stringify(old)).message).toMatch(/has no digest.*older agentcore-policy.*plan again/);
  });

  it('refuses what is not JSON, saying where it stopped, without quoting the file', () => {
    const text = renderPlanJson(plan());
    expect(refused('').message).toBe('not JSON: the file is empty');
    expect(refused('  \n').message).toBe('not JSON: the file is empty');
    // Cut short anywhere: in a string, between fields, after a bracket.
    for (const at of [1, 40, Math.floor(text.length / 2), text.length - 3]) expect(refused(text.slice(0, at)).message).toContain('not JSON');
    expect(refused(text.slice(0, text.length / 2)).message).toBe('not JSON: the file ends in the middle of the plan (was it cut short?)');
    const broken = refused('{\n  "formatVersion": 1,\n  "engines": [}\n');
    expect(broken.message).toBe('not JSON: a syntax error');
    if (broken.line !== undefined) expect(broken).toMatchObject({ line: 3, column: 15 });
    const secret = 'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    expect(refused(`${secret}\n`).message).not.toContain('AKIA');
    expect(refused(`{"formatVersion": 1, "x": ${secret}}`).message).not.toContain('AKIA');
    // Binary garbage, and a byte order mark before otherwise good JSON.
    expect(refused('\u0000\u00ff\u0001PK\u0003\u0004').message).toContain('not JSON');
    expect(parsePlanJson(`\uFEFF${text}`).ok).toBe(true);
  });

  it('refuses JSON that is not a plan object', () => {
    for (const text of ['[]', 'null', '5', '"plan"', 'true']) expect(refused(text).message).toBe('not a plan: expected a JSON object');
  });

  it('refuses the wrong shape, saying where, with the entry names', () => {
    const text = renderPlanJson(plan());
    const cases: [string, string][] = [
      [text.replace('"engines": [', '"engines": 5, "x": ['), 'engines must be array'],
      [text.replace('"action": "delete"', '"action": "destroy"'), 'engines[0] (Main).changes[2] (Old).action must be one of "create", "update", "delete", "replace", "no-op"'],
      [text.replace(/"fingerprint": "[0-9a-f]+",/, ''), 'engines[0] (Main) is missing the field "fingerprint"'],
      [text.replace(/"fingerprint": "[0-9a-f]+"/, '"fingerprint": "x"'), 'engines[0] (Main).fingerprint must be a sha256 digest'],
      [text.replace(/"desired": "[0-9a-f]+",/, ''), 'engines[0] (Main) is missing the field "desired"'],
      [text.replace('"hasChanges": true', '"hasChanges": "yes"'), 'hasChanges must be boolean'],
      [text.replace('"kind": "gateway"', '"kind": "router"'), '.kind must be one of "engine", "policy", "gateway"'],
      [text.replace('"enforcementMode": "ACTIVE"', '"enforcementMode": "ON"'), 'enforcementMode must be one of "ACTIVE", "LOG_ONLY"'],
      [text.replace('"mode": "ENFORCE"', '"mode": 1'), '.mode must be one of "ENFORCE", "LOG_ONLY"'],
      [text.replace(/"create": \d+/, '"create": -1'), 'counts.create must be >= 0'],
      [text.replace(/"clientToken": "[0-9a-f]+"/, '"x": 1'), 'is missing the field "clientToken"'],
      // Patterns in words, with an example, never as a regular expression.
      [text.replace(/"desired": "[0-9a-f]+"/, '"desired": "abc"'), 'engines[0] (Main).desired must be a sha256 digest: 64 lower-case hex digits (e.g. '],
      [text.replace(/"statementHash": "[0-9a-f]+"/, '"statementHash": "ABCDEF0123456789"'), '.statementHash must be a short digest: 16 lower-case hex digits (e.g. 9f86d081884c7d65)'],
    ];
    for (const [input, why] of cases) {
      expect(refused(input).message, why).toContain(why);
      expect(refused(input).message, why).not.toMatch(/must match pattern|\^\[/);
    }
  });

  it('refuses a change whose sides do not fit its action', () => {
    const data = JSON.parse(renderPlanJson(plan())) as { engines: { changes: Record<string, unknown>[] }[] };
    const create = data.engines[0]!.changes.find((c) => c.action === 'create')!;
    const withBefore = structuredClone(data);
    withBefore.engines[0]!.changes.find((c) => c.action === 'create')!.before = data.engines[0]!.changes.find((c) => c.action === 'delete')!.before;
    expect(refused(JSON.stringify(withBefore)).message).toContain(`(${create.name as string}) has a side its action does not allow`);
    const withoutAfter = structuredClone(data);
    delete withoutAfter.engines[0]!.changes.find((c) => c.action === 'replace')!.after;
    expect(refused(JSON.stringify(withoutAfter)).message).toContain('(Renamed) is missing the field "after"');
  });

  it('lists the first few problems of a badly broken file and counts the rest', () => {
    const data = JSON.parse(renderPlanJson(everyShape())) as { engines: Record<string, unknown>[] };
    for (const engine of data.engines) engine.file = 7;
    const message = refused(JSON.stringify(data)).message;
    expect(message.match(/\.file must be string/g)).toHaveLength(3);
    expect(message).toMatch(/; and 1 more$/);
  });

  it('never throws, and anything it accepts can be stale-checked and compared (random edits of a saved plan)', () => {
    const text = renderPlanJson(everyShape());
    const base = JSON.parse(text) as unknown;
    const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.constant([]), fc.constant({}));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.boolean(), junk), { minLength: 1, maxLength: 4 }), (edits) => {
        const copy = structuredClone(base);
        for (const [pick, remove, value] of edits) editAt(copy, pick, remove, value);
        const read = parsePlanJson(JSON.stringify(copy));
        if (!read.ok) {
          expect(read.error.code).toBe('plan/file-invalid');
          return;
        }
        editedParts(read.plan);
        for (const engine of read.plan.engines) {
          staleDiagnostic(engine, live());
          sameSteps(engine, engine);
        }
      }),
      { numRuns: 400, seed: 17 },
    );
    for (const at of [10, 500, 2000, text.trimEnd().length - 1]) expect(parsePlanJson(text.slice(0, at)).ok).toBe(false);
  });

  it('reads the example in docs/plan-format.md', () => {
    const doc = readFileSync(new URL('../../docs/plan-format.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const read = parsePlanJson(example);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.plan.counts).toEqual({ create: 1, update: 1, delete: 0, replace: 0, temporary: 0 });
  });
});

/** Removes or replaces the `pick`-th value of the document (in a walk of every value). */
function editAt(root: unknown, pick: number, remove: boolean, value: unknown): void {
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((child, i) => (slots.push([node, i]), walk(child)));
    else if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) slots.push([node as Record<string, unknown>, key]), walk(child);
  };
  walk(root);
  if (slots.length === 0) return;
  const [parent, key] = slots[pick % slots.length]!;
  if (remove && !Array.isArray(parent)) delete parent[key as string];
  else (parent as Record<string | number, unknown>)[key] = value;
}
