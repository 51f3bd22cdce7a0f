// A statement from the service (a live policy, a generated one) written down as a `.cedar` file of this repository:
// in Cedar's format, with every string literal that is exactly one of the engine's variable values written back as
// that `{{variable}}`, so the file reads as the repository's own files do and fills back to the same statement.
import { formatCedar } from '../cedar/format.js';
import { tokenize } from '../cedar/tokens.js';
import { normalizeStatement } from './desired.js';
import { escapeCedarString, fillVariables } from './variables.js';

/** The `.cedar` text of a statement: templated when the template fills back to the very same statement. */
export function sourceOf(statement: string, variables: Readonly<Record<string, string>>): string {
  const plain = format(statement);
  const templated = format(withPlaceholders(plain, variables));
  const same = normalizeStatement(fillVariables(templated, variables).text) === normalizeStatement(statement);
  return same ? templated : plain;
}

function format(text: string): string {
  const formatted = formatCedar(text);
  return formatted.ok ? formatted.formatted : text;
}

/** Whole string literals equal to a variable's value become `"{{name}}"` (the first name in order wins). */
export function withPlaceholders(text: string, variables: Readonly<Record<string, string>>): string {
  const byLiteral = new Map<string, string>();
  for (const name of Object.keys(variables).sort()) {
    const literal = `"${escapeCedarString(variables[name]!)}"`;
    if (!byLiteral.has(literal)) byLiteral.set(literal, name);
  }
  let out = '';
  let copied = 0;
  for (const token of tokenize(text)) {
    const name = token.kind === 'string' ? byLiteral.get(token.text) : undefined;
    if (name === undefined) continue;
    out += `${text.slice(copied, token.start)}"{{${name}}}"`;
    copied = token.end;
  }
  return out + text.slice(copied);
}
