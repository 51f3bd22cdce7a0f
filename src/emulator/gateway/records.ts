// Decision records: one JSON line per policy decision of a gateway, in the shape of AgentCore's gateway
// application-log records (`event_timestamp`, `request_id`, `resource_arn`, `body.policy`), kept in
// `<state folder>/decisions/<gatewayId>.jsonl` (0600, appended, never through a symlink), or in memory for an
// in-memory emulator. Beyond what AWS logs: the LOG_ONLY policies that matched and those that would have flipped
// the decision (AWS reports these in traces and metrics), the gateway's attachment mode, and under `body.local` the
// principal's tags (AWS logs carry no token claims). The bearer token is never part of a record.
//
// Guesses: `event_timestamp` in epoch milliseconds, as CloudWatch vended logs write it; `determiningPolicies` as
// policy ids; `isError` true for a call the decision denied (not for one a LOG_ONLY gateway let through).
import { randomUUID } from 'node:crypto';
import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NAMESPACE } from '../../cedar/schema.js';
import { GATEWAY_ID_PATTERN } from '../ids.js';
import type { Principal } from './authenticate.js';
import type { PolicyDecision } from './decide.js';

export interface DecisionRecord {
  event_timestamp: number;
  request_id: string;
  resource_arn: string;
  body: {
    log: 'Policy evaluation completed' | 'Policy evaluation denied request';
    isError: boolean;
    /** The JSON-RPC `tools/call` request as received. */
    requestBody: unknown;
    policy: {
      decision: 'ALLOW' | 'DENY';
      policyEngineArn: string;
      determiningPolicies: string[];
      latencyMs: number;
      principal: { entityType: string; entityId: string };
      reason: string;
      /** The gateway's attachment: LOG_ONLY means the call went ahead whatever the decision. */
      mode: 'ENFORCE' | 'LOG_ONLY';
      logOnlyMatchedPolicies: string[];
      logOnlyDecisionFlippingPolicies: string[];
      /** Policies Cedar skipped because they failed to evaluate. */
      errors: { policy: string; message: string }[];
    };
    local: { principalTags: Record<string, string> };
  };
}

export interface DecisionLog {
  append(gatewayId: string, record: DecisionRecord): void;
  read(gatewayId: string): DecisionRecord[];
  /** Records that could not be written (a full disk): counted rather than failing the call they describe. */
  failures(): number;
  close(): void;
}

export interface DecisionFacts {
  gatewayArn: string;
  policyEngineArn: string;
  mode: 'ENFORCE' | 'LOG_ONLY';
  principal: Principal;
  requestBody: unknown;
  decision: PolicyDecision;
  latencyMs: number;
  now: number;
}

export function decisionRecord(facts: DecisionFacts): DecisionRecord {
  const { decision, principal } = facts;
  const denied = decision.decision === 'DENY' && facts.mode === 'ENFORCE';
  return {
    event_timestamp: facts.now,
    request_id: randomUUID(),
    resource_arn: facts.gatewayArn,
    body: {
      log: denied ? 'Policy evaluation denied request' : 'Policy evaluation completed',
      isError: denied,
      requestBody: facts.requestBody,
      policy: {
        decision: decision.decision,
        policyEngineArn: facts.policyEngineArn,
        determiningPolicies: decision.determiningPolicies,
        latencyMs: facts.latencyMs,
        principal: { entityType: `${NAMESPACE}::${principal.type}`, entityId: principal.id },
        reason: decision.reason,
        mode: facts.mode,
        logOnlyMatchedPolicies: decision.logOnlyMatchedPolicies,
        logOnlyDecisionFlippingPolicies: decision.logOnlyDecisionFlippingPolicies,
        errors: decision.errors,
      },
      local: { principalTags: principal.tags },
    },
  };
}

const GATEWAY_ID = new RegExp(`^${GATEWAY_ID_PATTERN}$`);
/** What an in-memory emulator keeps per gateway: the latest records, so a long session stays bounded. */
const MEMORY_RECORDS = 10_000;

export function decisionsFile(stateFile: string, gatewayId: string): string {
  if (!GATEWAY_ID.test(gatewayId)) throw new Error(`not a gateway id: ${gatewayId}`);
  return join(dirname(stateFile), 'decisions', `${gatewayId}.jsonl`);
}

export function memoryDecisionLog(): DecisionLog {
  const records = new Map<string, DecisionRecord[]>();
  return {
    append(gatewayId, record) {
      const list = records.get(gatewayId) ?? [];
      list.push(record);
      if (list.length > MEMORY_RECORDS) list.splice(0, list.length - MEMORY_RECORDS);
      records.set(gatewayId, list);
    },
    read: (gatewayId) => [...(records.get(gatewayId) ?? [])],
    failures: () => 0,
    close() {},
  };
}

/** Appends to the files of the emulator whose state is `stateFile`. */
export function fileDecisionLog(stateFile: string): DecisionLog {
  const open = new Map<string, number>();
  let failures = 0;
  return {
    append(gatewayId, record) {
      try {
        let fd = open.get(gatewayId);
        if (fd === undefined) {
          const file = decisionsFile(stateFile, gatewayId);
          mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
          fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
          open.set(gatewayId, fd);
        }
        writeSync(fd, `${JSON.stringify(record)}\n`);
      } catch {
        failures++;
      }
    },
    read(gatewayId) {
      const result = readDecisionRecords({ stateFile, gatewayId });
      return result.ok ? result.records : [];
    },
    close() {
      for (const fd of open.values()) closeSync(fd);
      open.clear();
    },
    failures: () => failures,
  };
}

export type DecisionRecordsResult =
  | { ok: true; records: DecisionRecord[]; problems: { line: number; message: string }[] }
  | { ok: false; code: 'DecisionsUnreadable'; message: string; file: string };

/** The decision records of one gateway of the emulator whose state is `stateFile`, oldest first; none when it has
 * decided nothing yet. Lines that are not JSON objects (a record cut short by a crash) are reported by number. */
export function readDecisionRecords(options: { stateFile: string; gatewayId: string }): DecisionRecordsResult {
  const file = decisionsFile(options.stateFile, options.gatewayId);
  let text: string;
  try {
    const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, records: [], problems: [] };
    return { ok: false, code: 'DecisionsUnreadable', message: `cannot read the decision records (${code ?? (error as Error).message})`, file };
  }
  const records: DecisionRecord[] = [];
  const problems: { line: number; message: string }[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const value: unknown = JSON.parse(line);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
      records.push(value as DecisionRecord);
    } catch {
      problems.push({ line: index + 1, message: 'not a decision record (a JSON object on one line)' });
    }
  });
  return { ok: true, records, problems };
}
