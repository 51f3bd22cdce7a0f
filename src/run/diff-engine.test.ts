import { describe, expect, it } from 'vitest';
import type { DesiredPolicy, GatewaySpec } from '../model.js';
import { forbid, permit, REFUND, REFUND_GW, refundGateway } from '../../test/builders/access.js';
import { desired, engine } from '../../test/builders/plan.js';
import { accessDiff, comparePolicies, diffEngine, removedEngine } from './diff-engine.js';

const gateways: GatewaySpec[] = [{ ...refundGateway, mode: 'ENFORCE' }];
const agent = 'principal.hasTag("username") && principal.getTag("username") == "refund-agent"';
const limit = (n: number) => desired('RefundLimit', permit(REFUND_GW, REFUND, `${agent} && context.input.amount < ${n}`));
const commented = (policy: DesiredPolicy): DesiredPolicy => ({ ...policy, statement: `// why this limit\n${policy.statement}` });
const names = (list: ReturnType<typeof comparePolicies>) => list.map((c) => `${c.diff.name} ${c.diff.change}${c.diff.fields ? ` ${c.diff.fields.join(',')}` : ''}`);

describe('comparePolicies', () => {
  it('names what was added, removed and edited, sorted by name, and leaves the unchanged out', () => {
    const kept = desired('Kept', forbid(REFUND_GW, REFUND, 'context.input.amount > 10000'));
    const compared = comparePolicies([limit(500), kept, desired('Old', permit(REFUND_GW, REFUND))], [desired('New', permit(REFUND_GW, REFUND)), kept, limit(400)]);
    expect(names(compared)).toEqual(['New added', 'Old removed', 'RefundLimit edited statement']);
    expect(compared.find((c) => c.diff.name === 'RefundLimit')!.statements).toEqual([limit(500).statement, limit(400).statement]);
  });

  it('tells a comment from a change of meaning, and sees an enforcement mode switched', () => {
    expect(names(comparePolicies([limit(500)], [commented(limit(500))]))).toEqual(['RefundLimit text-only']);
    const logOnly = { ...limit(500), spec: { ...limit(500).spec, enforcementMode: 'LOG_ONLY' as const } };
    expect(names(comparePolicies([logOnly], [commented(limit(400))]))).toEqual(['RefundLimit edited statement,enforcementMode']);
  });
});

describe('diffEngine', () => {
  it('says a raised limit widens, with the policy that raised it flagged and its tool named', () => {
    const result = diffEngine(engine({ policies: [limit(500)], gateways }), engine({ policies: [limit(600)], gateways }));
    expect(result).toMatchObject({ engine: 'Main', status: 'kept', policies: [{ name: 'RefundLimit', change: 'edited', touches: [{ gateway: REFUND_GW, action: REFUND }], widensAccess: true }] });
    expect(result.access.map((a) => a.verdict)).toEqual(['widens']);
  });

  it('lists no access for an equivalent rewrite, and no tools for a text-only change', () => {
    const rewrite = desired('RefundLimit', permit(REFUND_GW, REFUND, `context.input.amount <= 499 && ${agent}`));
    expect(diffEngine(engine({ policies: [limit(500)], gateways }), engine({ policies: [rewrite], gateways }))).toMatchObject({ access: [], policies: [{ change: 'edited', widensAccess: false }] });
    expect(diffEngine(engine({ policies: [limit(500)], gateways }), engine({ policies: [commented(limit(500))], gateways })).policies).toEqual([{ name: 'RefundLimit', change: 'text-only' }]);
  });

  it('starts an engine the base does not have from no policy: its permits are new access', () => {
    const result = diffEngine(undefined, engine({ policies: [limit(500)], gateways }));
    expect(result.status).toBe('new');
    expect(result.access).toMatchObject([{ action: REFUND, verdict: 'widens' }]);
    expect(result.access[0]!.newlyAllowed[0]!.principal.tags).toEqual({ username: 'refund-agent' });
  });
});

describe('accessDiff', () => {
  it('changes access when a tool is not equivalent, and widens only on widens or both', () => {
    const narrowed = diffEngine(engine({ policies: [limit(500)], gateways }), engine({ policies: [limit(400)], gateways }));
    const gone = removedEngine(engine().engine);
    const base = { ref: 'main', commit: 'c'.repeat(40) };
    expect(accessDiff(base, [narrowed, gone], [])).toMatchObject({ changesAccess: true, widensAccess: false });
    expect(accessDiff(base, [gone], [])).toMatchObject({ changesAccess: false, widensAccess: false, engines: [{ status: 'removed', access: [], policies: [] }] });
  });
});
