// A statement from the service (a live policy, a generated one) written down as a `.cedar` file of this repository:
// in Cedar's format, with every string literal that is exactly one of the engine's variable values written back as
// that `{{variable}}`, so the file reads as the repository's own files do and fills back to the same statement. A
// literal `{{` of the statement is written `\u{7b}{`, so it is never read as a variable. A statement that is not Cedar
// (`text`: a `policy` definition) is not formatted, and compared as text.
import { formatCedar } from '../cedar/format.js';
import { tokenize } from '../cedar/tokens.js';
import { normalizeStatement } from './desired.js';
import { escapeCedarPattern, escapeCedarString, escapeLiteralBraces, fillVariables, isPattern } from './variables.js';

/** The `.cedar` text of a statement: templated when the template fills back to the very same statement. */
export function sourceOf(statement: string, variables: Readonly<Record<string, string>>, text = false): string {
  const plain = text ? `${statement.trim()}\n` : format(statement);
  const templated = text ? withPlaceholders(plain, variables) : format(withPlaceholders(plain, variables));
  const filled = fillVariables(templated, variables).text;
  const same = text ? filled.trim() === statement.trim() : normalizeStatement(filled) === normalizeStatement(statement);
  return same ? templated : plain;
}

function format(text: string): string {
  const formatted = formatCedar(text);
  return formatted.ok ? formatted.formatted : text;
}

/** Whole string literals equal to a variable's value become `"{{name}}"` (the first name in order wins); in a
 * `like` pattern, a literal equal to the value as the filler writes it there. Other literals holding `{{` have it
 * escaped. */
export function withPlaceholders(text: string, variables: Readonly<Record<string, string>>): string {
  const byLiteral = new Map<string, string>();
  const byPattern = new Map<string, string>();
  for (const name of Object.keys(variables).sort()) {
    const value = variables[name]!;
    if (!byLiteral.has(`"${escapeCedarString(value)}"`)) byLiteral.set(`"${escapeCedarString(value)}"`, name);
    if (!byPattern.has(`"${escapeCedarPattern(value)}"`)) byPattern.set(`"${escapeCedarPattern(value)}"`, name);
  }
  let out = '';
  let copied = 0;
  const tokens = tokenize(text);
  tokens.forEach((token, index) => {
    if (token.kind !== 'string') return;
    const name = (isPattern(tokens, index) ? byPattern : byLiteral).get(token.text);
    const written = name === undefined ? escapeLiteralBraces(token.text) : `"{{${name}}}"`;
    if (written === token.text) return;
    out += `${text.slice(copied, token.start)}${written}`;
    copied = token.end;
  });
  return out + text.slice(copied);
}
