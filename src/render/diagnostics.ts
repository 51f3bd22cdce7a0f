// Diagnostics as a person, a program or GitHub wants them: `file:line:col: error code: message` text, the
// documented JSON report, or workflow-command annotations that GitHub shows on the lines of a pull request. Lint
// findings a manifest entry ignores are shown apart, as suppressed (a notice on GitHub). Messages and paths quote the
// repository, so text and annotations show its control characters as visible escapes.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model.js';
import { plural } from '../text.js';
import { oneLine } from './sanitize.js';

export type DiagnosticFormat = 'text' | 'json' | 'github';

/** A diagnostic's message is shown whole on its line; this only bounds what a hostile file can make one line. */
const MAX_MESSAGE = 4000;

export function renderDiagnostics(diagnostics: Diagnostic[], format: DiagnosticFormat, ok: boolean, suppressed: Diagnostic[] = []): string {
  if (format === 'json') {
    return `${JSON.stringify({ ok, diagnostics: diagnostics.map(toJson), suppressed: suppressed.map(toJson) }, null, 2)}\n`;
  }
  if (format === 'github') return [...diagnostics.map((d) => toAnnotation(d)), ...suppressed.map((d) => toAnnotation(d, true))].join('');
  const line = (d: Diagnostic, label: string) => `${where(d)}${label} ${safe(d.code)}: ${safe(messageOf(d))}\n`;
  return [...diagnostics.map((d) => line(d, d.severity)), ...suppressed.map((d) => line(d, 'suppressed'))].join('');
}

/** The message, naming the engine when the finding concerns one. */
export function messageOf(d: Diagnostic): string {
  return d.engine === undefined ? d.message : `${d.message} [engine ${d.engine}]`;
}

/** Diagnostics name files relative to the repository root; a person or GitHub (whose annotations resolve from the
 * workspace) wants them relative to where the command ran, which differs under `--dir` or in a subfolder of the
 * repository (`policies/business_rules` sees `refunds.test.yaml`, as git shows paths). */
export function pathsFrom(cwd: string, root: string): (file: string) => string {
  if (resolve(cwd) === resolve(root)) return (file) => file;
  // A path the user gave whole (a plan file, say) is theirs: shown as given.
  return (file) => (isAbsolute(file) ? file : relative(cwd, resolve(root, file)).split(sep).join('/') || '.');
}

export function withPaths(diagnostics: Diagnostic[], path: (file: string) => string): Diagnostic[] {
  return diagnostics.map((d) => (d.file === undefined ? d : { ...d, file: path(d.file) }));
}

/** `1 error, 2 warnings` (and `, 3 notes` for information), and `, 1 suppressed` when manifest entries ignore some
 * lint findings. */
export function summarizeDiagnostics(diagnostics: Diagnostic[], suppressed: readonly Diagnostic[] = []): string {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const notes = count('info');
  const summary = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}${notes > 0 ? `, ${plural(notes, 'note')}` : ''}`;
  return suppressed.length > 0 ? `${summary}, ${suppressed.length} suppressed` : summary;
}

function safe(text: string): string {
  return oneLine(text, MAX_MESSAGE);
}

function where(d: Diagnostic): string {
  if (!d.file) return '';
  return d.line === undefined ? `${safe(d.file)}: ` : `${safe(d.file)}:${d.line}:${d.column ?? 1}: `;
}

function toJson(d: Diagnostic) {
  return { severity: d.severity, code: d.code, message: d.message, file: d.file ?? null, line: d.line ?? null, column: d.column ?? null, engine: d.engine ?? null };
}

/** GitHub workflow command, escaped as the runner expects so a message cannot inject another command. A suppressed
 * finding is a notice, which GitHub shows without failing anything. */
export function toAnnotation(d: Diagnostic, suppressed = false): string {
  const properties = [
    d.file ? `file=${escapeProperty(safe(d.file))}` : undefined,
    d.line !== undefined ? `line=${d.line}` : undefined,
    d.column !== undefined ? `col=${d.column}` : undefined,
    `title=${escapeProperty(suppressed ? `${d.code} (suppressed)` : d.code)}`,
  ].filter(Boolean);
  const command = suppressed || d.severity === 'info' ? 'notice' : d.severity;
  return `::${command} ${properties.join(',')}::${escapeData(safe(messageOf(d)))}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
