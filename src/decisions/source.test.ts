import { describe, expect, it } from 'vitest';
import { GATEWAY } from '../../test/builders/replay.js';
import type { GatewaySpec, RecordedRequest } from '../model.js';
import { parseSpan, readDecisions, type DecisionSource, type RawRecord } from './source.js';

const gateway = (arn: string): GatewaySpec => ({ arn, mode: 'ENFORCE', authorizerType: 'CUSTOM_JWT', targets: [] });
const OTHER = GATEWAY.replace('refund-gateway', 'other-gateway');

const recordAt = (at: number, gatewayArn = GATEWAY) => ({
  value: {
    event_timestamp: at,
    resource_arn: gatewayArn,
    body: { requestBody: { method: 'tools/call', params: { name: 'T___t', arguments: {} } }, policy: { decision: 'ALLOW', principal: { entityType: 'AgentCore::IamEntity', entityId: 'i' } } },
  },
});

/** Records kept in memory, per gateway ARN: the interface, implemented as simply as it can be. */
function memorySource(records: Record<string, RawRecord[]>): DecisionSource {
  return {
    name: 'memory',
    async *records(g) {
      yield* records[g.arn] ?? [];
    },
  };
}

async function read(source: DecisionSource, gateways: GatewaySpec[], since: number, limit = 100) {
  const seen: RecordedRequest[] = [];
  const window = await readDecisions(source, gateways, { since, limit }, (r) => seen.push(r));
  return { window, seen: seen.map((r) => [r.gateway === GATEWAY ? 'refund' : 'other', r.at]) };
}

describe('readDecisions', () => {
  it('reads each gateway in turn from `since` on, counting and skipping what cannot be read, and goes on after a failure', async () => {
    const source = memorySource({
      [GATEWAY]: [recordAt(5), { unreadable: true }, recordAt(10), { value: { body: { policy: { decision: 'ALLOW' } } } }, { value: { body: { log: 'other' } } }, recordAt(20)],
      [OTHER]: [recordAt(30, OTHER), { failed: 'the log group is gone' }, recordAt(40, OTHER)],
    });
    const { window, seen } = await read(source, [gateway(GATEWAY), gateway(OTHER)], 10);
    expect(seen).toEqual([['refund', 10], ['refund', 20], ['other', 30]]);
    expect(window).toEqual({ source: 'memory', since: new Date(10).toISOString(), unreadable: 2, truncated: false, problems: ['the log group is gone'] });
  });

  it('stops at the limit over all gateways, and says more were recorded', async () => {
    const source = memorySource({ [GATEWAY]: [recordAt(1), recordAt(2)], [OTHER]: [recordAt(3, OTHER), recordAt(4, OTHER)] });
    const { window, seen } = await read(source, [gateway(GATEWAY), gateway(OTHER)], 0, 3);
    expect(seen).toEqual([['refund', 1], ['refund', 2], ['other', 3]]);
    expect(window.truncated).toBe(true);
  });
});

describe('parseSpan', () => {
  it('reads minutes, hours and days', () => {
    expect([parseSpan('30m'), parseSpan('24h'), parseSpan(' 7d ')]).toEqual([1_800_000, 86_400_000, 604_800_000]);
    expect([parseSpan('0h'), parseSpan('1w'), parseSpan('1.5h'), parseSpan('')]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
