import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planAll } from '../plan/plan-all.js';
import { planEngine } from '../plan/plan-engine.js';
import { ENGINE_ARN, applied, desired, engine, forbid, gateway, live, liveGateway, options, permit, unmanaged } from '../../test/builders/plan.js';
import { parsePlanJson, renderPlanJson } from './plan-json.js';

const plan = () =>
  planAll([
    planEngine(
      engine({ policies: [desired('New', forbid('n')), desired('Renamed', permit('r'))], gateways: [gateway(1)] }),
      live({ policies: [applied(desired('Old', permit('o'))), applied(desired('Was', permit('r'))), unmanaged('Manual', permit('m'))], gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'LOG_ONLY' })] }),
      options,
    ),
  ]);

describe('renderPlanJson / parsePlanJson', () => {
  it('round-trips', () => {
    const original = plan();
    const read = parsePlanJson(renderPlanJson(original));
    expect(read).toEqual({ ok: true, plan: original });
  });

  it('has the documented fields on the plan, each engine and each change', () => {
    const data = JSON.parse(renderPlanJson(plan()));
    expect(Object.keys(data).sort()).toEqual(['counts', 'engines', 'errors', 'formatVersion', 'hasChanges', 'warnings', 'widensAccess']);
    expect(data.formatVersion).toBe(1);
    const [engine] = data.engines;
    expect(Object.keys(engine).sort()).toEqual(['changes', 'engine', 'errors', 'file', 'fingerprint', 'live', 'warnings']);
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

  it('refuses another format version, broken JSON and the wrong shape, saying why', () => {
    const text = renderPlanJson(plan());
    const cases: [string, string][] = [
      [text.replace('"formatVersion": 1', '"formatVersion": 2'), 'version 2 is not supported'],
      ['{', 'not JSON'],
      ['[]', 'expected a JSON object'],
      [text.replace('"engines": [', '"engines": 5, "x": ['), '`engines` must be a list'],
      [text.replace('"action": "delete"', '"action": "destroy"'), 'changes[2] needs a known'],
      [text.replace(/"fingerprint": "[0-9a-f]+",/, ''), 'needs `fingerprint`'],
    ];
    for (const [input, why] of cases) {
      const read = parsePlanJson(input, 'saved.json');
      expect(read.ok, why).toBe(false);
      if (!read.ok) expect(read.error).toMatchObject({ code: 'plan/file-invalid', file: 'saved.json', message: expect.stringContaining(why) });
    }
  });

  it('reads the example in docs/plan-format.md', () => {
    const doc = readFileSync(new URL('../../docs/plan-format.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const read = parsePlanJson(example);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.plan.counts).toEqual({ create: 1, update: 1, delete: 0, replace: 0, temporary: 0 });
  });
});
