// The CloudWatch Logs decision source through the real SDK client, against a loopback server speaking CloudWatch
// Logs' JSON protocol: paging, the time window, the filter, the log group per gateway, and problems in words.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeCloudWatch, type FakeCloudWatch, type LogEvent } from '../../test/helpers/fake-cloudwatch.js';
import { readDecisions } from '../decisions/source.js';
import type { GatewaySpec, RecordedRequest } from '../model.js';
import { cloudWatchDecisionSource, DEFAULT_LOG_GROUP_PREFIX, logGroupOf } from './decision-logs.js';

const GATEWAY_ID = 'refund-gateway-a1b2c3d4e5';
const GATEWAY: GatewaySpec = { arn: `arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/${GATEWAY_ID}`, mode: 'ENFORCE', authorizerType: 'CUSTOM_JWT', targets: [] };
const OTHER: GatewaySpec = { ...GATEWAY, arn: GATEWAY.arn.replace(GATEWAY_ID, 'other-gateway-b1b2c3d4e5'), decisionLog: { logGroup: '/custom/other' } };
const T0 = Date.parse('2026-01-01T00:00:00Z');

/** AWS's record of one decision: no claims, the request body as JSON text. */
function awsEvent(minute: number, amount: number, decision: 'ALLOW' | 'DENY'): LogEvent {
  const requestBody = JSON.stringify({ jsonrpc: '2.0', id: minute, method: 'tools/call', params: { name: 'RefundTarget___process_refund', arguments: { orderId: 'o', amount } } });
  const record = {
    resource_arn: GATEWAY.arn,
    event_timestamp: T0 + minute * 60_000,
    request_id: `r-${minute}`,
    body: { log: 'Policy evaluation completed', requestBody, policy: { decision, determiningPolicies: [], principal: { entityType: 'AgentCore::OAuthUser', entityId: 'user-1' } } },
  };
  return { timestamp: record.event_timestamp, message: JSON.stringify(record) };
}

let cloudWatch: FakeCloudWatch | undefined;
afterEach(async () => {
  await cloudWatch?.close();
  cloudWatch = undefined;
});

async function read(gateways: GatewaySpec[], since: number, limit = 1000) {
  const source = cloudWatchDecisionSource({ region: 'us-west-2' }, { env: { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: cloudWatch!.url }, maxAttempts: 1 });
  const requests: RecordedRequest[] = [];
  try {
    const window = await readDecisions(source, gateways, { since, limit }, (r) => requests.push(r));
    return { window, requests };
  } finally {
    source.close();
  }
}

describe('the CloudWatch Logs decision source', () => {
  it('reads every page of the default log group from the window on, only decision events (the filter), and counts the decision records it cannot read', async () => {
    const events = [awsEvent(0, 100, 'ALLOW'), awsEvent(1, 200, 'ALLOW'), { timestamp: T0 + 90_000, message: JSON.stringify({ body: { policy: { decision: 'ALLOW' } } }) }, awsEvent(2, 700, 'DENY'), awsEvent(3, 300, 'ALLOW')];
    events.push({ timestamp: T0 + 200_000, message: JSON.stringify({ body: { log: 'Started processing request' } }) });
    cloudWatch = await startFakeCloudWatch({ groups: { [`${DEFAULT_LOG_GROUP_PREFIX}${GATEWAY_ID}`]: events }, pageSize: 2 });
    const { window, requests } = await read([GATEWAY], T0 + 60_000);
    expect(requests.map((r) => [r.input.amount, r.decision, r.principal.tags])).toEqual([
      [200, 'allow', undefined],
      [700, 'deny', undefined],
      [300, 'allow', undefined],
    ]);
    expect(window).toMatchObject({ source: 'CloudWatch Logs', since: '2026-01-01T00:01:00.000Z', unreadable: 1, truncated: false, problems: [] });
    expect(cloudWatch.calls.length).toBe(2);
    expect(cloudWatch.calls[0]!.body).toMatchObject({ logGroupName: `${DEFAULT_LOG_GROUP_PREFIX}${GATEWAY_ID}`, startTime: T0 + 60_000 });
    expect(cloudWatch.calls[1]!.body.nextToken).toBe('2');
    // Signed, with the fake credentials a loopback endpoint gets.
    expect(cloudWatch.calls[0]!.headers.authorization).toContain('Credential=AKIDLOCALENGINE/');
  });

  it('reads a gateway from the log group its engine file names, and stops at the limit', async () => {
    cloudWatch = await startFakeCloudWatch({ groups: { '/custom/other': [awsEvent(0, 1, 'ALLOW'), awsEvent(1, 2, 'ALLOW'), awsEvent(2, 3, 'ALLOW')] } });
    expect(logGroupOf(OTHER)).toBe('/custom/other');
    const { window, requests } = await read([OTHER], T0, 2);
    expect(requests.map((r) => r.input.amount)).toEqual([1, 2]);
    expect(window.truncated).toBe(true);
  });

  it('says in words when a log group is missing or not readable, and goes on with the next gateway', async () => {
    cloudWatch = await startFakeCloudWatch({ groups: { '/custom/other': [] }, denied: ['/custom/other'] });
    const { window, requests } = await read([GATEWAY, OTHER], T0);
    expect(requests).toEqual([]);
    expect(window.problems).toEqual([
      `the log group ${DEFAULT_LOG_GROUP_PREFIX}${GATEWAY_ID} does not exist: set up log delivery of the gateway's application logs, or name its log group with decisionLog.logGroup`,
      expect.stringMatching(/^not allowed to read the log group \/custom\/other: grant logs:FilterLogEvents on it/),
    ]);
  });
});
