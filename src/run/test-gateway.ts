// `test --gateway`: the guide's test_policy_suite. Every test case is sent as a real `tools/call` through its
// engine's gateway (GetGateway's `gatewayUrl`, the MCP SDK client), as the case's principal: a token from the local
// issuer (or the IAM stand-in header) on a local engine, what --token-command prints on an engine in AWS. The
// gateway decides with the live policies, so the engine must have been applied; a plan of the engine says when the
// repository has changes apply has not made. Decisions are read from the answers (a result: allowed; -32002:
// denied) and, locally, from the decision records matched by request id. The report is judged by
// src/testing/gateway-report.ts beside the offline evaluation of the same cases.
// The MCP client is loaded with this command only (it is not in agentcore/index.ts, which every command loads).
import { gatewayUrlProblem, openGatewaySession, type GatewaySession } from '../agentcore/gateway-client.js';
import { readGatewayUrl, readLiveState, type ClientOptions } from '../agentcore/index.js';
import { readDecisionRecords, type DecisionRecord } from '../emulator/index.js';
import { runBounded } from '../apply/pool.js';
import { openEngine } from '../local/connect.js';
import { localStatePath } from '../local/local-engine.js';
import type { Diagnostic, EngineSpec, LiveState, Repository, TestPrincipal } from '../model.js';
import { planEngine } from '../plan/plan-engine.js';
import { normalizeStatement, resolveDesired } from '../repository/desired.js';
import { policiesOf } from '../repository/membership.js';
import { gatewayReport, caseKey, type EngineRun, type GatewayOutcome, type GatewayTestReport } from '../testing/gateway-report.js';
import { resolveResource, runTests, type TestReport } from '../testing/run-tests.js';
import { plural } from '../text.js';
import { hasErrors, validateRepository } from '../validation/validate.js';
import { interpretAnswer } from './gateway-answers.js';
import { callerAuthorization, principalKey } from './gateway-callers.js';
import { liveError } from './plan.js';

export interface GatewayTestOptions {
  root: string;
  /** The engines to test, by name; all when empty or absent. */
  engines?: readonly string[];
  client?: ClientOptions;
  /** For engines in AWS: run with a principal as JSON on stdin, prints a bearer token for it. */
  tokenCommand?: string;
  env: Record<string, string | undefined>;
  /** Where the token command's stderr goes. */
  stderr: (text: string) => void;
}

export type GatewayTestOutcome =
  | { ok: false; diagnostics: Diagnostic[] }
  /** `diagnostics`: validation's warnings, engines not run, changes not applied. */
  | { ok: true; report: GatewayTestReport; diagnostics: Diagnostic[] };

const TOKENS_AT_ONCE = 4;

type EngineSent = { run: EngineRun; warnings: Diagnostic[] } | { notRun: Diagnostic };

export async function runGatewayTests(options: GatewayTestOptions): Promise<GatewayTestOutcome> {
  const validated = await validateRepository(options.root, { engines: options.engines ?? [] });
  if (hasErrors(validated.diagnostics)) return { ok: false, diagnostics: validated.diagnostics };
  const { repository, engines } = validated;
  const offline = runTests(repository, engines);
  const sent = await Promise.all(engines.map((engine) => sendCases(repository, engine, offline, options)));
  const diagnostics = [...validated.diagnostics];
  const runs: EngineRun[] = [];
  const notRun: GatewayTestReport['enginesNotRun'] = [];
  sent.forEach((result, index) => {
    if ('notRun' in result) {
      diagnostics.push(result.notRun);
      notRun.push({ engine: engines[index]!.name, message: result.notRun.message });
    } else {
      runs.push(result.run);
      for (const d of result.warnings) diagnostics.push(d);
    }
  });
  return { ok: true, report: gatewayReport(offline, repository.tests, runs, notRun), diagnostics };
}

/** One call made, to be read once every call of the engine is made (the local records are read after). */
interface Sent {
  key: string;
  gatewayId: string;
  answer: Awaited<ReturnType<GatewaySession['call']>>;
}

async function sendCases(repository: Repository, engine: EngineSpec, offline: TestReport, options: GatewayTestOptions): Promise<EngineSent> {
  const diagnostic = (code: Diagnostic['code'], message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({ severity, code, message, file: engine.file, engine: engine.name });
  const local = engine.endpoint === 'local';
  if (!local && options.tokenCommand === undefined) {
    const message = "the engine is in AWS, whose gateways trust their own identity provider: give --token-command 'CMD', which prints a bearer token for the principal it reads as JSON on stdin";
    return { notRun: diagnostic('gateway/no-token-command', message) };
  }
  const tests = new Map(repository.tests.map((t) => [caseKey(t.declaredAt), t]));
  const cases = offline.cases.flatMap((c) => (c.engine === engine.name && tests.has(caseKey(c.declaredAt)) ? [tests.get(caseKey(c.declaredAt))!] : []));
  const sessions = new Map<string, GatewaySession>();
  let connection: Awaited<ReturnType<typeof openEngine>> | undefined;
  try {
    connection = await openEngine(engine, repository.root, options.client);
    const live = await readLiveState(connection.client, engine);
    if (!live.engine) {
      const message = `the engine does not exist live, so its gateways have no policies to decide with: run agentcore-policy apply --engine ${engine.name} first`;
      return { notRun: diagnostic('gateway/not-applied', message) };
    }
    const unapplied = unappliedChanges(repository, engine, live);
    const warnings = unapplied.length === 0 ? [] : [diagnostic('gateway/changes-not-applied', notAppliedMessage(engine, unapplied), 'warning')];
    const gatewayOf = memo((arn: string) => gatewayAccess(connection!, engine, live, arn, local));
    const callerOf = memo((principal: string) => callerAuthorization(JSON.parse(principal) as TestPrincipal, engine, options));
    // Tokens first, a few at a time: a token command may take a while (a sign-in), and each runs once.
    await runBounded([...new Set(cases.map((t) => principalKey(t.principal)))], TOKENS_AT_ONCE, callerOf);
    const outcomes = new Map<string, GatewayOutcome>();
    const sent: Sent[] = [];
    for (const test of cases) {
      const key = caseKey(test.declaredAt);
      const resource = resolveResource(test, engine);
      if ('error' in resource) continue;
      const gateway = await gatewayOf(resource.arn);
      if ('error' in gateway) {
        outcomes.set(key, gateway);
        continue;
      }
      const caller = await callerOf(principalKey(test.principal));
      if ('error' in caller) {
        outcomes.set(key, caller);
        continue;
      }
      const sessionKey = `${gateway.url}\n${caller.authorization}`;
      if (!sessions.has(sessionKey)) sessions.set(sessionKey, openGatewaySession(gateway.url, caller.authorization));
      sent.push({ key, gatewayId: gateway.gatewayId, answer: await sessions.get(sessionKey)!.call(test.action, test.input) });
    }
    const records = local ? recordsByRequest(repository.root, sent) : new Map<string, DecisionRecord>();
    const names = new Map(live.policies.map((p) => [p.policyId, p.name]));
    for (const { key, answer } of sent) {
      outcomes.set(key, interpretAnswer(answer, answer.requestId === undefined ? undefined : records.get(answer.requestId), names, local));
    }
    const policies = policiesOf(repository, engine).filter((p) => p.enabled);
    const logOnlyPolicies = new Set(policies.filter((p) => p.enforcementMode === 'LOG_ONLY').map((p) => p.name));
    return { run: { engine: engine.name, policies: policies.map((p) => p.name), logOnlyPolicies, outcomes }, warnings };
  } catch (error) {
    return { notRun: liveError(engine, error) };
  } finally {
    await Promise.all([...sessions.values()].map((s) => s.close()));
    await connection?.close();
  }
}

interface GatewayAccess {
  url: string;
  gatewayId: string;
}

async function gatewayAccess(connection: { client: Parameters<typeof readGatewayUrl>[0] }, engine: EngineSpec, live: LiveState, arn: string, local: boolean): Promise<GatewayAccess | { error: string }> {
  const gateway = live.gateways.find((g) => g.arn === arn);
  if (!gateway) return { error: `${arn} is not a gateway of engine ${engine.name}` };
  if (gateway.policyEngine?.arn !== live.engine?.arn) {
    return { error: `gateway ${gateway.name} is not attached to engine ${engine.name} live: run agentcore-policy apply --engine ${engine.name} first` };
  }
  if (!local && gateway.policyEngine?.mode === 'LOG_ONLY') {
    return { error: `gateway ${gateway.name} is attached in LOG_ONLY mode: it lets every call through and its decisions are only in its logs, which test --gateway does not read` };
  }
  const url = await readGatewayUrl(connection.client, arn, engine);
  const problem = url === undefined ? 'GetGateway gave no gatewayUrl' : gatewayUrlProblem(url) && `no token is sent to its gatewayUrl ${url}: ${gatewayUrlProblem(url)}`;
  if (problem) return { error: `gateway ${gateway.name}: ${problem}` };
  return { url: url!, gatewayId: gateway.gatewayId };
}

/** The decision records of the gateways called, by request id (a local engine writes one per decided call). */
function recordsByRequest(root: string, sent: Sent[]): Map<string, DecisionRecord> {
  const byRequest = new Map<string, DecisionRecord>();
  for (const gatewayId of new Set(sent.map((s) => s.gatewayId))) {
    const read = readDecisionRecords({ stateFile: localStatePath(root), gatewayId });
    if (read.ok) for (const record of read.records) byRequest.set(record.request_id, record);
  }
  return byRequest;
}

/** Changes apply would make that change what the gateways decide: policies added, removed or rewritten, modes,
 * attachments. */
function unappliedChanges(repository: Repository, engine: EngineSpec, live: LiveState): string[] {
  const plan = planEngine(resolveDesired(repository, engine), live, { normalize: normalizeStatement });
  return plan.changes.flatMap((change) => {
    if (change.kind === 'gateway') return change.action === 'update' ? [`gateway ${change.name}`] : [];
    if (change.kind !== 'policy' || change.action === 'no-op') return [];
    if (change.action === 'update' && !change.fields.some((f) => f === 'statement' || f === 'enforcementMode')) return [];
    return [`${change.name} (${change.action})`];
  });
}

function notAppliedMessage(engine: EngineSpec, changes: string[]): string {
  const listed = changes.length > 5 ? `${changes.slice(0, 5).join(', ')}, ...` : changes.join(', ');
  return (
    `the repository has ${plural(changes.length, 'change')} apply has not made (${listed}): the gateways decide with the live policies; ` +
    `run agentcore-policy apply --engine ${engine.name} to test what the repository says`
  );
}

function memo<T>(make: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const made = new Map<string, Promise<T>>();
  return (key) => {
    if (!made.has(key)) made.set(key, make(key));
    return made.get(key)!;
  };
}
