// Cedar text for a translated rule in the guide's style (`principal is AgentCore::OAuthUser`, the tool's action,
// the gateway ARN as resource, conditions joined by `&&`), formatted with Cedar's own formatter.
import { formatCedar } from '../../cedar/format.js';
import { NAMESPACE } from '../../cedar/schema.js';

export interface CedarRule {
  effect: 'permit' | 'forbid';
  /** Undefined leaves the principal unconstrained. */
  principalType?: 'OAuthUser';
  /** `<Target>___<tool>`; undefined for every action. */
  action?: string;
  /** The gateway ARN; undefined for every resource. */
  resource?: string;
  when: string[];
  unless: string[];
}

/** A Cedar string literal. Callers pass printable text only (names, ARNs, checked values). */
export const cedarString = (text: string): string => JSON.stringify(text);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['true', 'false', 'if', 'then', 'else', 'in', 'like', 'has', 'is', '__cedar']);
const isIdentifier = (name: string) => IDENTIFIER.test(name) && !RESERVED.has(name);

/** `context.input.name`, or `context.input["na-me"]` for a name that is no Cedar identifier. */
export const inputAccess = (name: string): string => (isIdentifier(name) ? `context.input.${name}` : `context.input[${cedarString(name)}]`);

/** `context.input has name`. */
export const inputHas = (name: string): string => `context.input has ${isIdentifier(name) ? name : cedarString(name)}`;

export function renderRule(rule: CedarRule): string {
  const principal = rule.principalType ? `principal is ${NAMESPACE}::${rule.principalType}` : 'principal';
  const action = rule.action ? `action == ${NAMESPACE}::Action::${cedarString(rule.action)}` : 'action';
  const resource = rule.resource ? `resource == ${NAMESPACE}::Gateway::${cedarString(rule.resource)}` : 'resource';
  let text = `${rule.effect} (${principal}, ${action}, ${resource})`;
  if (rule.when.length > 0) text += ` when { ${rule.when.join(' && ')} }`;
  if (rule.unless.length > 0) text += ` unless { ${rule.unless.join(' && ')} }`;
  const formatted = formatCedar(`${text};`);
  // The text is built from checked parts and always parses; unformatted text would still be judged as it is.
  return formatted.ok ? formatted.formatted.trimEnd() : `${text};`;
}
