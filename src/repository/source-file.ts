// Reads a file of the repository safely: it must stay inside the repository (no `..`, no symlink out), exist, be
// of a sane size and be UTF-8. Every failure is a diagnostic naming the file, never an exception.
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model.js';

/** Larger files are refused: no manifest or policy is near this size, and reading one should never exhaust memory. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type SourceFile = { ok: true; path: string; text: string } | { ok: false; diagnostic: Diagnostic };

/** A file that exists is reported at a line (1 for problems with the whole file) so annotations can show it; a
 * missing one (`line` null) at none. */
const fail = (file: string, code: string, message: string, line: number | null = 1): SourceFile => ({
  ok: false,
  diagnostic: { severity: 'error', code, message, file, ...(line === null ? {} : { line, column: 1 }) },
});

/** Whether `path` (relative to root, or absolute) stays inside `root` lexically. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, resolve(root, path));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Reads `relPath` (relative to `root`). `reportAs` is the path diagnostics name (defaults to relPath). */
export async function readSourceFile(root: string, relPath: string, reportAs = relPath): Promise<SourceFile> {
  if (!isInside(root, relPath)) return fail(reportAs, 'path-escape', `${relPath} points outside the repository`);
  const absolute = resolve(root, relPath);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    return fail(reportAs, 'file-missing', `${relPath} does not exist`, null);
  }
  if (!isInside(await realpath(root), real)) {
    return fail(reportAs, 'path-escape', `${relPath} leads outside the repository through a symbolic link`);
  }
  const info = await stat(real);
  if (!info.isFile()) return fail(reportAs, 'not-a-file', `${relPath} is not a regular file`);
  if (info.size > MAX_FILE_BYTES) {
    return fail(reportAs, 'file-too-large', `${relPath} is ${info.size} bytes; files over ${MAX_FILE_BYTES} bytes are refused`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(real);
  } catch (error) {
    return fail(reportAs, 'file-unreadable', `${relPath} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return { ok: true, path: reportAs, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const line = lineOfFirstInvalidByte(bytes);
    return fail(reportAs, 'not-utf8', `${relPath} is not valid UTF-8 (first bad byte on line ${line})`, line);
  }
}

function lineOfFirstInvalidByte(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // Binary search for the longest valid prefix (streaming, so a prefix ending inside a character still counts).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return bytes.subarray(0, low).toString('utf8').split('\n').length;
}
