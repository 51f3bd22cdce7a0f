// Decision records of a local engine that keeps its state in a file: each decision is a line of
// `<state folder>/decisions/<gatewayId>.jsonl`, readable by another process with readDecisionRecords, and kept
// across a restart of the engine.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionsFile, mintLocalToken, readDecisionRecords } from '../../src/emulator/index.js';
import { GATEWAY_ID, localGateway, post, PROCESS_REFUND, REFUND_UNDER_500 } from './fixture.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gateway-records-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const call = (amount: number) => JSON.stringify({ jsonrpc: '2.0', id: amount, method: 'tools/call', params: { name: PROCESS_REFUND, arguments: { orderId: 'o', amount } } });

describe('decision records in the state folder', () => {
  it('are appended per gateway, 0600, and read back by readDecisionRecords, across restarts', async () => {
    const stateFile = join(folder, 'local-engine.json');
    const minted = await mintLocalToken({ stateFile, sub: 'user-1', claims: { username: 'refund-agent' } });
    if (!minted.ok) throw new Error(minted.message);
    const auth = { authorization: `Bearer ${minted.token}` };
    for (const amount of [450, 750]) {
      const gw = await localGateway({ policies: [{ name: 'RefundUnder500', statement: REFUND_UNDER_500 }], emulator: { stateFile } });
      try {
        await post(gw.gatewayUrl, call(amount), auth);
      } finally {
        await gw.close();
      }
    }
    const file = decisionsFile(stateFile, GATEWAY_ID);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).not.toContain(minted.token);
    const read = readDecisionRecords({ stateFile, gatewayId: GATEWAY_ID });
    expect(read.ok && read.records.map((r) => [r.body.requestBody, r.body.policy.decision])).toEqual([
      [JSON.parse(call(450)), 'ALLOW'],
      [JSON.parse(call(750)), 'DENY'],
    ]);
    expect(read.ok && read.problems).toEqual([]);
  });
});
