// An engine in AWS reads its decisions from CloudWatch Logs: here the production engine of the example repository,
// its control plane on the emulator and its gateways' application logs on a loopback CloudWatch Logs
// (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS). AWS's records carry no claims, so a request whose decision turns on them is
// undecidable, and one it cannot turn on is replayed like any other; the shipping gateway's log group is the one
// its engine file names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { EngineDecisions } from '../../src/decisions/summary.js';
import type { Plan } from '../../src/plan/types.js';
import { repoOnEmulator } from '../action/policy-repo.js';
import { runCli } from '../helpers/cli.js';
import { startFakeCloudWatch, type FakeCloudWatch, type LogEvent } from '../helpers/fake-cloudwatch.js';
import { removeRepos } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

const ENGINE = 'CustomerService_prod';
const REFUND_GW = 'arn:aws:bedrock-agentcore:us-east-1:210987654321:gateway/refund-gateway-q8w7e6r5t4';
const SHIPPING_GW = 'arn:aws:bedrock-agentcore:us-east-1:210987654321:gateway/shipping-gateway-n4m3l2k1j0';
const SHIPPING_LOGS = '/agentcore/shipping/application';

let emulator: Emulator;
let cloudWatch: FakeCloudWatch;
let root: string;

/** A decision as AWS logs it: no claims, the request as JSON text. */
function event(gateway: string, tool: string, args: Record<string, unknown>, decision: 'ALLOW' | 'DENY', minutesAgo: number): LogEvent {
  const timestamp = Date.now() - minutesAgo * 60_000;
  const requestBody = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: tool, arguments: args } });
  const body = { log: 'Policy evaluation completed', requestBody, policy: { decision, determiningPolicies: [], principal: { entityType: 'AgentCore::OAuthUser', entityId: 'user-1' } } };
  return { timestamp, message: JSON.stringify({ resource_arn: gateway, event_timestamp: timestamp, request_id: `r-${minutesAgo}`, body }) };
}

const REFUND = 'RefundTarget___process_refund';
const RATE = 'ShippingTarget___calculate_rate';

beforeAll(async () => {
  emulator = await startEmulator({ transitionDelayMs: 0 });
  cloudWatch = await startFakeCloudWatch({
    groups: {
      '/aws/vendedlogs/bedrock-agentcore/gateway/APPLICATION_LOGS/refund-gateway-q8w7e6r5t4': [
        event(REFUND_GW, REFUND, { orderId: 'o', amount: 100 }, 'ALLOW', 50), // RefundUnder500 asks for a username claim
        event(REFUND_GW, REFUND, { orderId: 'o', amount: 700 }, 'DENY', 40), // over 500: nobody's claims allow it
        { timestamp: Date.now() - 30 * 60_000, message: JSON.stringify({ body: { policy: { decision: 'ALLOW' } } }) },
        event(REFUND_GW, REFUND, { orderId: 'o', amount: 100 }, 'ALLOW', 3 * 24 * 60), // before the window
      ],
      [SHIPPING_LOGS]: [
        event(SHIPPING_GW, RATE, { weight: 1, region: 'US' }, 'ALLOW', 20), // allowed unless a suspended user: undecidable
        event(SHIPPING_GW, RATE, { weight: 1, region: 'UK' }, 'ALLOW', 15), // UK is no longer listed: denied whoever calls
        event(SHIPPING_GW, RATE, { weight: 1, region: 'FR' }, 'DENY', 10),
      ],
    },
  });
  root = await repoOnEmulator(emulator, {
    // As repoOnEmulator points it at the emulator, and with the shipping gateway's own log group.
    'engines/production.yaml': (text) =>
      text
        .replace('region: us-east-1\n', `region: us-east-1\nendpoint: ${emulator.url}\n`)
        .replace('  - arn: "{{shipping_gateway}}"\n', `  - arn: "{{shipping_gateway}}"\n    decisionLog: { logGroup: ${SHIPPING_LOGS} }\n`),
    'policies/business_rules/shipping_regional_restriction.cedar': (text) => text.replace('["US", "CA", "UK"]', '["US", "CA"]'),
  });
}, PROCESS_TESTS.timeout);
afterAll(async () => {
  await Promise.all([emulator.close(), cloudWatch.close()]);
  await removeRepos();
});

const env = () => ({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: cloudWatch.url });

describe('decisions of an engine in AWS, from CloudWatch Logs', PROCESS_TESTS, () => {
  it('decisions counts what each gateway decided in the window, and the records it could not read', async () => {
    const result = await runCli(['decisions', '--dir', root, '--engine', ENGINE, '--format', 'json'], { env: env() });
    const [engine] = (JSON.parse(result.stdout) as { engines: EngineDecisions[] }).engines;
    expect(engine!.window).toMatchObject({ source: 'CloudWatch Logs', unreadable: 1 });
    expect(engine!.tools.map((t) => [t.gateway, t.action, t.allow, t.deny])).toEqual([
      [REFUND_GW, REFUND, 1, 1],
      [SHIPPING_GW, RATE, 2, 1],
    ]);
    // Every gateway of the engine file was asked for; those without a log group are named as not read.
    expect(engine!.window!.problems.map((p) => / does not exist: /.test(p))).toEqual([true, true, true]);
    expect(cloudWatch.calls.map((c) => c.body.logGroupName)).toContain(SHIPPING_LOGS);
  });

  it('plan --replay: a request the claims cannot change is replayed, one they could change is undecidable', async () => {
    const result = await runCli(['plan', '--dir', root, '--engine', ENGINE, '--replay', '--since', '24h', '--format', 'json'], { env: env() });
    const plan = JSON.parse(result.stdout) as Plan;
    expect(plan.errors).toEqual([]);
    const replay = plan.engines[0]!.replay!;
    expect(replay).toMatchObject({ source: 'CloudWatch Logs', requests: 5, undecidable: 2, unreadable: 1, flips: { toDeny: 1, toAllow: 0 } });
    expect(replay.examples).toEqual([expect.objectContaining({ action: RATE, direction: 'toDeny', request: { principal: { type: 'OAuthUser', id: 'user-1' }, input: { weight: 1, region: 'UK' } } })]);
    // The three gateways without log groups are said to be unread, never fatal.
    expect(replay.problems).toHaveLength(3);
    expect(replay.problems[0]).toMatch(/^the log group \/aws\/vendedlogs\/bedrock-agentcore\/gateway\/APPLICATION_LOGS\/payment-gateway-z9x8c7v6b5 does not exist/);
  });
});
