// AWS's decision source: a gateway's application logs in CloudWatch Logs (AgentCore delivers them once log delivery
// is set up for the gateway), read with paginated FilterLogEvents from a moment on, oldest first, only the events
// that carry a policy decision. The log group is the gateway's `decisionLog.logGroup` in its engine file, else the
// vended-logs default for its id. Credentials and region are the engine's, as for the control plane
// (credentials.ts); the endpoint is AWS's, or AWS_ENDPOINT_URL_CLOUDWATCH_LOGS / AWS_ENDPOINT_URL (a loopback one
// gets the local engine's fake credentials, as the control client does). A log group that does not exist, or
// that the identity may not read, ends that gateway's records with a problem in words: never an exception.
import { CloudWatchLogsClient, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import { parseGatewayArn } from '../arn.js';
import type { DecisionSource, RawRecord } from '../decisions/source.js';
import type { EngineSpec, GatewaySpec } from '../model.js';
import { isLoopback, type ClientOptions } from './client.js';
import { credentialsConfig, credentialSource } from './credentials.js';
import { describeAwsError, redact } from './errors.js';

export const DEFAULT_LOG_GROUP_PREFIX = '/aws/vendedlogs/bedrock-agentcore/gateway/APPLICATION_LOGS/';

/** Only events that carry a decision: other application-log lines are not fetched at all. */
export const DECISION_FILTER = '{ ($.body.policy.decision = "ALLOW") || ($.body.policy.decision = "DENY") }';

export function logGroupOf(gateway: Pick<GatewaySpec, 'arn' | 'decisionLog'>): string {
  return gateway.decisionLog?.logGroup ?? `${DEFAULT_LOG_GROUP_PREFIX}${parseGatewayArn(gateway.arn)?.gatewayId ?? gateway.arn}`;
}

/** The CloudWatch Logs endpoint the environment names, if any (the SDK's own variables). */
export function logsEndpoint(env: Record<string, string | undefined> = process.env): string | undefined {
  return env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ?? env.AWS_ENDPOINT_URL;
}

export interface LogsSource extends DecisionSource {
  close(): void;
}

export function cloudWatchDecisionSource(engine: Pick<EngineSpec, 'region' | 'aws'>, options: ClientOptions = {}): LogsSource {
  const endpoint = logsEndpoint(options.env);
  const client = new CloudWatchLogsClient({
    region: engine.region,
    ...(endpoint !== undefined && { endpoint }),
    ...credentialsConfig(credentialSource(engine, isLoopback(endpoint), options.profile), engine.region),
    maxAttempts: options.maxAttempts ?? 5,
  });
  return {
    name: 'CloudWatch Logs',
    close: () => client.destroy(),
    async *records(gateway, since): AsyncGenerator<RawRecord> {
      const logGroupName = logGroupOf(gateway);
      try {
        for await (const page of paginateFilterLogEvents({ client }, { logGroupName, startTime: since, filterPattern: DECISION_FILTER })) {
          for (const event of page.events ?? []) yield eventRecord(event.message, event.timestamp);
        }
      } catch (error) {
        yield { failed: logsProblem(logGroupName, error) };
      }
    },
  };
}

function eventRecord(message: string | undefined, timestamp: number | undefined): RawRecord {
  try {
    return { value: JSON.parse(message ?? ''), ...(timestamp !== undefined && { at: timestamp }) };
  } catch {
    return { unreadable: true };
  }
}

function logsProblem(logGroup: string, error: unknown): string {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'ResourceNotFoundException') {
    return `the log group ${logGroup} does not exist: set up log delivery of the gateway's application logs, or name its log group with decisionLog.logGroup`;
  }
  if (name === 'AccessDeniedException') {
    const said = redact((error as Error).message ?? '');
    return `not allowed to read the log group ${logGroup}: grant logs:FilterLogEvents on it to the identity you run as (${said})`;
  }
  return `the log group ${logGroup} could not be read: ${describeAwsError(error, 'FilterLogEvents').message}`;
}
