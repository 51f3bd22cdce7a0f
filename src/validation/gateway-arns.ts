// Gateways named by a policy (`AgentCore::Gateway::"<ARN>"`) or a test case (`resource`), as sent, variables filled:
// each must be an ARN a client can read a gateway id from. AWS's guide writes `gateway/refund-gateway`, which has no
// id suffix: a policy naming it never matches a real gateway, and `test --gateway` cannot call it. Said in the words
// the engine schema gives a gateway's `arn`, with an example of a real one.
import engineSchema from '../../schemas/engine.schema.json' with { type: 'json' };
import { parseGatewayArn } from '../arn.js';
import { charOffsetToLineColumn } from '../cedar/locations.js';
import { unquote, type Token } from '../cedar/tokens.js';
import type { Diagnostic, EngineSpec, PolicySpec } from '../model.js';
import { fillPlain } from '../repository/variables.js';

const GATEWAY_ARN_WORDS: string = engineSchema.definitions.gateway.properties.arn.patternErrorMessage;

/** Why `value` (written as `written`, variables unfilled) is no gateway ARN; undefined when it is one, or when a
 * variable in it is unknown (that is reported on its own). */
export function gatewayArnProblem(written: string, variables: Readonly<Record<string, string>>): string | undefined {
  const filled = fillPlain(written, variables);
  if (filled.unknown.length > 0 || parseGatewayArn(filled.text)) return undefined;
  const via = filled.text === written ? '' : ` (filled from ${written})`;
  return `gateway ${JSON.stringify(filled.text)}${via} ${GATEWAY_ARN_WORDS}`;
}

/** Each `AgentCore::Gateway::"..."` of a statement that is no gateway ARN, at its string literal. */
export function policyGatewayArns(policy: PolicySpec, tokens: readonly Token[], engine: EngineSpec): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (let i = 2; i < tokens.length; i++) {
    const literal = tokens[i]!;
    if (literal.kind !== 'string' || tokens[i - 1]!.text !== '::' || tokens[i - 2]!.text !== 'Gateway') continue;
    const problem = gatewayArnProblem(unquote(literal.text), engine.variables);
    if (problem === undefined) continue;
    const message = `${problem}; a policy naming it never matches a gateway of engine ${engine.name}`;
    found.push({ severity: 'error', code: 'validate/gateway-arn', message, file: policy.file, ...charOffsetToLineColumn(policy.source, literal.start), engine: engine.name });
  }
  return found;
}
