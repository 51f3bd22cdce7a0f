// Whole files, without trusting what a path names. Reading: a FIFO, a device or a folder is refused without
// blocking (the file is opened non-blocking and checked on its descriptor), no more than `maxBytes` are ever read
// (even from a file that grows while it is read), and with `followLinks: false` a symbolic link at the path is
// refused instead of followed; failures are values, never exceptions. Writing: atomic and durable, never through
// a link.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

export type RegularFileProblem = 'missing' | 'symlink' | 'not-a-file' | 'too-large' | 'unreadable';

export type RegularFile =
  | { ok: true; bytes: Buffer }
  /** `size` for a file too large; `errno` (e.g. EACCES) for one that cannot be read. */
  | { ok: false; problem: RegularFileProblem; size?: number; errno?: string };

export interface ReadOptions {
  maxBytes: number;
  /** Whether a symbolic link at the path is followed (true) or refused (false). */
  followLinks: boolean;
}

// O_NOFOLLOW and O_NONBLOCK are POSIX; where they do not exist (Windows) the lstat below and the descriptor
// check stand in for them.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NON_BLOCKING = constants.O_NONBLOCK ?? 0;

export function readRegularFile(path: string, options: ReadOptions): RegularFile {
  let fd: number | undefined;
  try {
    if (!options.followLinks && lstatSync(path).isSymbolicLink()) return { ok: false, problem: 'symlink' };
    fd = openSync(path, constants.O_RDONLY | NON_BLOCKING | (options.followLinks ? 0 : NO_FOLLOW));
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, problem: 'not-a-file' };
    if (info.size > options.maxBytes) return { ok: false, problem: 'too-large', size: info.size };
    return readAtMost(fd, options.maxBytes);
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT') return { ok: false, problem: 'missing' };
    // O_NOFOLLOW on a link: ELOOP on Linux, EMLINK on FreeBSD.
    if (!options.followLinks && (errno === 'ELOOP' || errno === 'EMLINK')) return { ok: false, problem: 'symlink' };
    return { ok: false, problem: 'unreadable', errno: errno ?? String(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads to the end, refusing the file once it holds more than `maxBytes` (it may have grown since fstat). */
function readAtMost(fd: number, maxBytes: number): RegularFile {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) return { ok: true, bytes: Buffer.concat(chunks, total) };
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > maxBytes) return { ok: false, problem: 'too-large', size: total };
  }
}

/** Writes `text` to `file`, on disk when the promise resolves: a temp file beside it, created exclusively (so never
 * through a link), is written, synced and renamed over `file`, which replaces a link at `file` instead of writing
 * where it points. A reader or a crash sees the old content or the new, never half; a failure leaves no temp file. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(text);
    await handle.datasync();
    await handle.close();
    handle = undefined;
    await rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(file));
}

/** Makes the rename itself durable. Best effort: the file is already in place, and some systems (Windows) cannot
 * open a folder to sync it. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}
