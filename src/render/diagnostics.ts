// Diagnostics as a person, a program or GitHub wants them: `file:line:col: error code: message` text, the
// documented JSON report, or workflow-command annotations that GitHub shows on the lines of a pull request.
import { relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model.js';

export type DiagnosticFormat = 'text' | 'json' | 'github';

export function renderDiagnostics(diagnostics: Diagnostic[], format: DiagnosticFormat, ok: boolean): string {
  if (format === 'json') {
    return `${JSON.stringify({ ok, diagnostics: diagnostics.map(toJson) }, null, 2)}\n`;
  }
  if (format === 'github') return diagnostics.map(toAnnotation).join('');
  return diagnostics.map((d) => `${where(d)}${d.severity} ${d.code}: ${messageOf(d)}\n`).join('');
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
  return (file) => relative(cwd, resolve(root, file)).split(sep).join('/') || '.';
}

export function withPaths(diagnostics: Diagnostic[], path: (file: string) => string): Diagnostic[] {
  return diagnostics.map((d) => (d.file === undefined ? d : { ...d, file: path(d.file) }));
}

export function summarizeDiagnostics(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function where(d: Diagnostic): string {
  if (!d.file) return '';
  return d.line === undefined ? `${d.file}: ` : `${d.file}:${d.line}:${d.column ?? 1}: `;
}

function toJson(d: Diagnostic) {
  return { severity: d.severity, code: d.code, message: d.message, file: d.file ?? null, line: d.line ?? null, column: d.column ?? null, engine: d.engine ?? null };
}

/** GitHub workflow command, escaped as the runner expects so a message cannot inject another command. */
export function toAnnotation(d: Diagnostic): string {
  const properties = [
    d.file ? `file=${escapeProperty(d.file)}` : undefined,
    d.line !== undefined ? `line=${d.line}` : undefined,
    d.column !== undefined ? `col=${d.column}` : undefined,
    `title=${escapeProperty(d.code)}`,
  ].filter(Boolean);
  return `::${d.severity === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(messageOf(d))}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
