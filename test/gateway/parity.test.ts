// The local gateway decides exactly as `agentcore-policy test` does: this repository's example (engines/local.yaml
// and its policies) is put on a local engine through the real SDK client, then every test case of the repository
// is sent as a real tools/call, with a token minted from the case's principal (or a SigV4 header for an
// IamEntity), and the decision recorded for it is compared with the offline evaluation's, decision and determining
// policies alike. The one way they may differ: a case calling a tool through a gateway that has no such tool, which
// the gateway refuses as an unknown tool (-32602) before any policy is evaluated, and `test` finds denied.
import { BedrockAgentCoreControlClient, CreatePolicyCommand, waitUntilPolicyActive } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachGateway } from '../../src/agentcore/index.js';
import { localIamAuthorization, startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { EngineSpec, Repository, TestCase } from '../../src/model.js';
import { resolveDesired } from '../../src/repository/desired.js';
import { loadRepository } from '../../src/repository/load.js';
import { fillPlain } from '../../src/repository/variables.js';
import { runTests } from '../../src/testing/run-tests.js';
import { activeEngine, FAKE_CREDENTIALS, WAIT } from '../emulator/helpers.js';
import { PROJECT_ROOT } from '../helpers/repo.js';
import { post } from './fixture.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

let emulator: Emulator;
let control: BedrockAgentCoreControlClient;
let repository: Repository;
let engine: EngineSpec;

beforeAll(async () => {
  repository = (await loadRepository(PROJECT_ROOT)).repository;
  engine = repository.engines.find((e) => e.endpoint === 'local')!;
  emulator = await startEmulator({ transitionDelayMs: 0, region: engine.region });
  control = new BedrockAgentCoreControlClient({ region: engine.region, endpoint: emulator.url, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
  expect(emulator.seedGateways(engine.gateways)).toEqual([]);
  const live = await activeEngine(control, 'Parity');
  for (const { arn } of engine.gateways) await attachGateway(control, arn, live.policyEngineArn, 'ENFORCE');
  for (const policy of resolveDesired(repository, engine).policies) {
    const created = await control.send(
      new CreatePolicyCommand({
        policyEngineId: live.policyEngineId,
        name: policy.spec.name,
        definition: { cedar: { statement: policy.statement } },
        validationMode: policy.spec.validationMode,
      }),
    );
    await waitUntilPolicyActive({ client: control, ...WAIT }, { policyEngineId: live.policyEngineId, policyId: created.policyId });
  }
}, PROCESS_TESTS.timeout);
afterAll(async () => {
  control.destroy();
  await emulator.close();
});

async function headersFor(test: TestCase): Promise<Record<string, string>> {
  const { type, id, tags } = test.principal;
  if (type === 'IamEntity') return { authorization: localIamAuthorization(id, engine.region) };
  const minted = await emulator.mintToken({ sub: id, claims: tags });
  if (!minted.ok) throw new Error(minted.message);
  return { authorization: `Bearer ${minted.token}` };
}

describe('the local gateway and `test`', () => {
  it('agree on every test case of the example repository', async () => {
    const report = runTests(repository, [engine]);
    const disagreements: string[] = [];
    let unknownTools = 0;
    for (const test of repository.tests.filter((t) => t.engine === undefined || t.engine === engine.name)) {
      const offline = report.cases.find((c) => c.name === test.name && c.engine === engine.name)!;
      const gatewayArn = test.resource === undefined ? engine.gateways[0]!.arn : fillPlain(test.resource, engine.variables).text;
      const gatewayId = gatewayArn.split('/').pop()!;
      const url = `${emulator.url}/gateways/${gatewayId}/mcp`;
      const before = emulator.decisionRecords(gatewayId).length;
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: test.action, arguments: test.input } });
      const answer = await post(url, body, await headersFor(test));
      const record = emulator.decisionRecords(gatewayId)[before];
      const error = (answer.json as { error?: { code: number; message: string } }).error;
      if (!record && error?.message === `Unknown tool: ${test.action}`) {
        if (offline.actual !== 'deny') disagreements.push(`${test.name}: not a tool of ${gatewayId}, yet test finds it ${offline.actual}`);
        unknownTools++;
        continue;
      }
      if (!record) {
        disagreements.push(`${test.name}: no decision (HTTP ${answer.status} ${JSON.stringify(answer.json)})`);
        continue;
      }
      const decision = record.body.policy.decision === 'ALLOW' ? 'allow' : 'deny';
      const reasons = record.body.policy.determiningPolicies.map((id) => id.replace(/-[a-z0-9_]{10}$/, '')).sort();
      if (decision !== offline.actual || JSON.stringify(reasons) !== JSON.stringify(offline.reasons)) {
        disagreements.push(`${test.name}: gateway ${decision} [${reasons}], test ${offline.actual} [${offline.reasons}]`);
      }
      const denied = error?.code === -32002;
      if (denied !== (decision === 'deny')) disagreements.push(`${test.name}: answered ${JSON.stringify(answer.json)} for ${decision}`);
    }
    expect(disagreements).toEqual([]);
    expect(report.cases.length - unknownTools).toBeGreaterThan(20);
  });
});
