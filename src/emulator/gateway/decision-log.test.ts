import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decisionsFile, fileDecisionLog, memoryDecisionLog, readDecisionRecords, streamDecisionRecords, type DecisionLine } from './decision-log.js';
import { decisionRecord, type DecisionRecord } from './records.js';

const GATEWAY = 'refund-gateway-a1b2c3d4e5';
let folder: string;
let stateFile: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'records-'));
  stateFile = join(folder, 'local-engine.json');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const record = (entityId: string, decision: 'ALLOW' | 'DENY' = 'ALLOW', mode: 'ENFORCE' | 'LOG_ONLY' = 'ENFORCE'): DecisionRecord =>
  decisionRecord({
    requestId: 'req-1',
    gatewayArn: `arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/${GATEWAY}`,
    policyEngineArn: 'arn:aws:bedrock-agentcore:us-west-2:123456789012:policy-engine/E-0123456789',
    mode,
    principal: { type: 'OAuthUser', id: entityId, tags: { username: 'x' } },
    requestBody: { jsonrpc: '2.0', id: 1, method: 'tools/call' },
    decision: { decision, determiningPolicies: [], reason: 'r', errors: [], logOnlyMatchedPolicies: [], logOnlyDecisionFlippingPolicies: [] },
    latencyMs: 0.1,
    now: 1_767_225_600_000,
  });

describe('the file decision log and its reader', () => {
  it('appends one line per record to a 0600 file per gateway, read back in order', () => {
    const log = fileDecisionLog(stateFile);
    log.append(GATEWAY, record('a'));
    log.append(GATEWAY, record('b'));
    log.close();
    const file = decisionsFile(stateFile, GATEWAY);
    expect(file).toBe(join(folder, 'decisions', `${GATEWAY}.jsonl`));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const read = readDecisionRecords({ stateFile, gatewayId: GATEWAY });
    expect(read.ok && read.records.map((r) => r.body.policy.principal.entityId)).toEqual(['a', 'b']);
  });

  it('reads nothing for a gateway that decided nothing, and names lines that are not records', () => {
    expect(readDecisionRecords({ stateFile, gatewayId: GATEWAY })).toEqual({ ok: true, records: [], problems: [] });
    const file = decisionsFile(stateFile, GATEWAY);
    mkdirSync(join(folder, 'decisions'));
    appendFileSync(file, `${JSON.stringify(record('a'))}\n[1]\n{"cut":`);
    const read = readDecisionRecords({ stateFile, gatewayId: GATEWAY });
    expect(read).toMatchObject({ ok: true, records: [{ body: { policy: { principal: { entityId: 'a' } } } }], problems: [{ line: 2 }, { line: 3 }] });
  });

  it('neither writes nor reads through a symlink, and counts what it could not write', () => {
    mkdirSync(join(folder, 'decisions'));
    const elsewhere = join(folder, 'elsewhere.txt');
    writeFileSync(elsewhere, 'secret\n');
    symlinkSync(elsewhere, decisionsFile(stateFile, GATEWAY));
    const log = fileDecisionLog(stateFile);
    log.append(GATEWAY, record('a'));
    expect(log.failures()).toBe(1);
    log.close();
    const read = readDecisionRecords({ stateFile, gatewayId: GATEWAY });
    expect(read).toMatchObject({ ok: false, code: 'DecisionsUnreadable' });
    expect(JSON.stringify(read)).not.toContain('secret');
  });

  it('refuses a gateway id that is not one (a path)', () => {
    expect(() => decisionsFile(stateFile, '../../etc/passwd')).toThrow(/not a gateway id/);
  });
});

describe('the memory decision log', () => {
  it('keeps records per gateway', () => {
    const log = memoryDecisionLog();
    log.append(GATEWAY, record('a'));
    log.append('other-gateway-0123456789', record('b'));
    expect(log.read(GATEWAY).map((r) => r.body.policy.principal.entityId)).toEqual(['a']);
    expect(log.read('none-0123456789')).toEqual([]);
  });
});

describe('streamDecisionRecords', () => {
  const collect = async (lines: AsyncIterable<DecisionLine>) => {
    const seen: DecisionLine[] = [];
    for await (const line of lines) seen.push(line);
    return seen;
  };

  it('gives the records one line at a time, and the numbers of lines that are not records', async () => {
    const log = fileDecisionLog(stateFile);
    log.append(GATEWAY, record('a'));
    log.close();
    appendFileSync(decisionsFile(stateFile, GATEWAY), '{"cut sh\n\n[1]\n');
    const log2 = fileDecisionLog(stateFile);
    log2.append(GATEWAY, record('b', 'DENY'));
    log2.close();
    const stream = streamDecisionRecords({ stateFile, gatewayId: GATEWAY });
    if (!stream.ok) throw new Error(stream.message);
    const lines = await collect(stream.lines);
    expect(lines.map((l) => (l.ok ? l.record.body.policy.principal.entityId : l.line))).toEqual(['a', 2, 4, 'b']);
  });

  it('gives nothing for a gateway that decided nothing, and refuses a symlink', async () => {
    const none = streamDecisionRecords({ stateFile, gatewayId: GATEWAY });
    expect(none.ok && (await collect(none.lines))).toEqual([]);
    mkdirSync(join(folder, 'decisions'));
    writeFileSync(join(folder, 'elsewhere.jsonl'), `${JSON.stringify(record('x'))}\n`);
    symlinkSync(join(folder, 'elsewhere.jsonl'), decisionsFile(stateFile, GATEWAY));
    expect(streamDecisionRecords({ stateFile, gatewayId: GATEWAY })).toMatchObject({ ok: false, code: 'DecisionsUnreadable' });
  });
});
