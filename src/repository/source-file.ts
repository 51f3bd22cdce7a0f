// Reads a file of the repository safely: it must stay inside the repository (no `..`, no symlink out), exist, be
// a regular file (a FIFO or a device is refused without blocking) of a sane size and be UTF-8. Every failure is a
// diagnostic naming the file, never an exception.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic, DiagnosticCode } from '../model.js';
import { readRegularFile } from '../regular-file.js';

/** Larger files are refused: no manifest or policy is near this size, and reading one should never exhaust memory. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type SourceFile = { ok: true; path: string; text: string } | { ok: false; diagnostic: Diagnostic };

/** A file that exists is reported at a line (1 for problems with the whole file) so annotations can show it; a
 * missing one (`line` null) at none. */
const fail = (file: string, code: DiagnosticCode, message: string, line: number | null = 1): SourceFile => ({
  ok: false,
  diagnostic: { severity: 'error', code, message, file, ...(line === null ? {} : { line, column: 1 }) },
});

/** Whether `path` (relative to root, or absolute) stays inside `root` lexically. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, resolve(root, path));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export type SourceReader = (relPath: string, reportAs?: string) => SourceFile;

/** A reader for one pass over the repository at `root` (relPath is relative to it; `reportAs` is the path
 * diagnostics name, relPath by default). It resolves the root and each folder once, so a file costs a handful of
 * system calls; make a new one for each pass, as the tree may change in between. The calls are synchronous on
 * purpose: a repository is thousands of small files, and promise-based calls cost more than the reads. */
export function sourceReader(root: string): SourceReader {
  const folders = new Map<string, string | undefined>();
  let realRoot: string | undefined;
  const realFolder = (folder: string) => {
    if (!folders.has(folder)) folders.set(folder, tryOrUndefined(() => realpathSync.native(folder)));
    return folders.get(folder);
  };
  return (relPath, reportAs = relPath) => {
    if (!isInside(root, relPath)) return fail(reportAs, 'repository/path-escape', `${relPath} points outside the repository`);
    const absolute = resolve(root, relPath);
    const folder = realFolder(dirname(absolute));
    let real = folder === undefined ? undefined : join(folder, basename(absolute));
    const link = real === undefined ? undefined : tryOrUndefined(() => lstatSync(real!));
    if (link?.isSymbolicLink()) real = tryOrUndefined(() => realpathSync.native(real!));
    if (real === undefined || link === undefined) return fail(reportAs, 'repository/file-missing', `${relPath} does not exist`, null);
    realRoot ??= realpathSync.native(root);
    if (!isInside(realRoot, real)) {
      return fail(reportAs, 'repository/path-escape', `${relPath} leads outside the repository through a symbolic link`);
    }
    // A socket or device is refused before it is opened too: opening a socket fails oddly (ENXIO), not as a file.
    const target = link.isSymbolicLink() ? tryOrUndefined(() => statSync(real!)) : link;
    if (target && !target.isFile()) return fail(reportAs, 'repository/not-a-file', `${relPath} is not a regular file`);
    return readChecked(real, relPath, reportAs);
  };
}

/** Reads a file named by the user (on the command line), wherever it is: not bound to a repository, but still
 * only a regular file of a sane size, in UTF-8. Diagnostics name it `reportAs`, the path as the user wrote it. */
export function readGivenFile(path: string, reportAs: string): SourceFile {
  return readChecked(resolve(path), reportAs, reportAs);
}

function readChecked(real: string, relPath: string, reportAs: string): SourceFile {
  const read = readRegularFile(real, { maxBytes: MAX_FILE_BYTES, followLinks: true });
  if (!read.ok) {
    if (read.problem === 'missing') return fail(reportAs, 'repository/file-missing', `${relPath} does not exist`, null);
    if (read.problem === 'not-a-file') return fail(reportAs, 'repository/not-a-file', `${relPath} is not a regular file`);
    if (read.problem === 'too-large') {
      return fail(reportAs, 'repository/file-too-large', `${relPath} is ${read.size} bytes; files over ${MAX_FILE_BYTES} bytes are refused`);
    }
    return fail(reportAs, 'repository/file-unreadable', `${relPath} cannot be read (${read.errno ?? read.problem})`);
  }
  const bytes = read.bytes;
  try {
    return { ok: true, path: reportAs, text: UTF8.decode(bytes) };
  } catch {
    const line = lineOfFirstInvalidByte(bytes);
    return fail(reportAs, 'repository/not-utf8', `${relPath} is not valid UTF-8 (first bad byte on line ${line})`, line);
  }
}

function tryOrUndefined<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
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
