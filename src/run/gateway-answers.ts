// What a gateway's answer to a test case's `tools/call` says was decided. A decision record of the call (the local
// engine writes one per decided call, with the answer's request id) says it all: the decision (for a gateway in
// LOG_ONLY mode, the one it would have enforced), the determining policies, the LOG_ONLY ones that matched or would
// have flipped it. Without one (AWS): a result is allowed, by policies the answer does not name; JSON-RPC -32002 is
// denied, by the policies its message names. A tool the gateway does not have (-32602 "Unknown tool") cannot be
// called at all, which `test` finds denied too. Policy ids are shown as the names of the live policies.
import { TOOL_DENIED, type ToolCallAnswer } from '../agentcore/gateway-client.js';
import type { DecisionRecord } from '../emulator/index.js';
import type { GatewayOutcome } from '../testing/gateway-report.js';

const DENIED_DUE_TO = /\[Policy evaluation denied due to ([^\]]+)\]/;
const DENIED_BY_DEFAULT = '[No policy applies to the request';
const UNKNOWN_TOOL = /^Unknown tool: /;
const INVALID_PARAMS = -32602;

/** `names`: live policy names by policy id; `local`: the gateway keeps decision records (a missing one means the
 * gateway has no engine attached, which allows every call). */
export function interpretAnswer(answer: ToolCallAnswer, record: DecisionRecord | undefined, names: ReadonlyMap<string, string>, local: boolean): GatewayOutcome {
  const requestId = answer.requestId === undefined ? {} : { requestId: answer.requestId };
  const named = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id).sort();
  if (answer.kind === 'refused') return { error: `the gateway refused the call: ${answer.message}`, ...requestId };
  const denied = answer.kind === 'rpc-error' && answer.code === TOOL_DENIED;
  if (answer.kind === 'rpc-error' && !denied) {
    if (answer.code === INVALID_PARAMS && UNKNOWN_TOOL.test(answer.message)) {
      const note = `the gateway has no such tool (JSON-RPC ${INVALID_PARAMS} ${answer.message}), so no policy was evaluated`;
      return { decision: 'deny', reasons: [], logOnlyMatched: [], errors: [], note, ...requestId };
    }
    return { error: `the gateway answered JSON-RPC error ${answer.code}: ${answer.message}`, ...requestId };
  }
  if (record) {
    const { policy } = record.body;
    const decision = policy.decision === 'ALLOW' ? 'allow' : 'deny';
    const flipping = named(policy.logOnlyDecisionFlippingPolicies);
    return {
      decision,
      reasons: named(policy.determiningPolicies),
      logOnlyMatched: named(policy.logOnlyMatchedPolicies),
      ...(flipping.length > 0 && { logOnly: { decision: decision === 'allow' ? 'deny' : 'allow', policies: flipping } }),
      errors: policy.errors.map((e) => ({ policy: names.get(e.policy) ?? e.policy, message: e.message })),
      ...(policy.mode === 'LOG_ONLY' && decision === 'deny' && { note: 'the gateway is in LOG_ONLY mode: it let the call through' }),
      ...requestId,
    };
  }
  if (!denied) return { decision: 'allow', reasons: local ? [] : null, logOnlyMatched: [], errors: [], ...requestId };
  const message = (answer as { message: string }).message;
  const due = DENIED_DUE_TO.exec(message);
  const reasons = due ? named(due[1]!.split(',').map((id) => id.trim())) : message.includes(DENIED_BY_DEFAULT) ? [] : null;
  return { decision: 'deny', reasons, logOnlyMatched: [], errors: [], ...requestId };
}
