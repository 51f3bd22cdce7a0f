// The access analysis in words, shared by every renderer: a verdict per tool, and a witness request as a reviewer
// reads it (`caller username=refund-agent; input amount=500, orderId="o-1"`), naming only what the difference needs.
import { parseGatewayArn } from '../arn.js';
import { ANY_PRINCIPAL_ID, type AccessRequest, type AccessVerdict, type ActionAccess } from '../model.js';

/** Access changes worth a line, most consequential first: widening, both ways, unknown, narrowing. */
const ORDER: Record<AccessVerdict, number> = { widens: 0, both: 1, unknown: 2, narrows: 3, equivalent: 4 };

export function sortedAccess(access: readonly ActionAccess[]): ActionAccess[] {
  return [...access].sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || a.action.localeCompare(b.action) || a.gateway.localeCompare(b.gateway));
}

export const VERDICT_SYMBOL: Record<AccessVerdict, string> = { widens: '[+]', both: '[±]', unknown: '[?]', narrows: '[-]', equivalent: '[=]' };

export const VERDICT_WORDS: Record<AccessVerdict, string> = {
  widens: 'widens access',
  both: 'widens and narrows access',
  unknown: 'access change unknown',
  narrows: 'narrows access',
  equivalent: 'same access',
};

/** The gateway's id, which is what a person recognises in an ARN. */
export function gatewayWords(arn: string): string {
  return parseGatewayArn(arn)?.gatewayId ?? arn;
}

/** A value as a reviewer writes it: simple strings bare, anything else as JSON. */
function valueWords(value: unknown): string {
  if (typeof value === 'string') return /^[\w.:@/+-]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

const pairs = (record: Record<string, unknown>) => Object.entries(record).map(([key, value]) => `${key}=${valueWords(value)}`);

export function witnessWords(request: AccessRequest): string {
  const { principal } = request;
  const who =
    principal.type === 'IamEntity'
      ? `IAM caller ${principal.id}`
      : [...(principal.id !== ANY_PRINCIPAL_ID ? [`id=${valueWords(principal.id)}`] : []), ...pairs(principal.tags ?? {})].join(', ') || 'any claims';
  const input = pairs(request.input).join(', ');
  return `caller ${who}; ${input === '' ? 'no input' : `input ${input}`}`;
}

/** The lines under one tool: up to `limit` witnesses each way, or why it is unknown. */
export function witnessLines(access: ActionAccess, limit = 3): string[] {
  return [
    ...access.newlyAllowed.slice(0, limit).map((w) => `newly allowed: ${witnessWords(w)}`),
    ...access.newlyDenied.slice(0, limit).map((w) => `newly denied: ${witnessWords(w)}`),
    ...(access.reason ? [`why unknown: ${access.reason}`] : []),
  ];
}
