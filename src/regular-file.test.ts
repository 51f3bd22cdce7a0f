import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegularFile, writeFileAtomically } from './regular-file.js';

const folder = () => mkdtempSync(join(tmpdir(), 'regular-file-'));
const strict = { maxBytes: 1024, followLinks: false };
const lenient = { maxBytes: 1024, followLinks: true };

describe('readRegularFile', () => {
  it('reads a regular file whole, and says when there is none', () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.json'), '{"a":1}');
    const read = readRegularFile(join(dir, 'a.json'), strict);
    expect(read.ok && read.bytes.toString()).toBe('{"a":1}');
    expect(readRegularFile(join(dir, 'none.json'), strict)).toEqual({ ok: false, problem: 'missing' });
  });

  it('refuses a symbolic link unless told to follow it, whatever it points at', () => {
    const dir = folder();
    writeFileSync(join(dir, 'secret'), 'aws_secret_access_key = abc');
    symlinkSync(join(dir, 'secret'), join(dir, 'to-file'));
    symlinkSync('/dev/zero', join(dir, 'to-device'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    for (const link of ['to-file', 'to-device', 'dangling']) expect(readRegularFile(join(dir, link), strict)).toEqual({ ok: false, problem: 'symlink' });
    const followed = readRegularFile(join(dir, 'to-file'), lenient);
    expect(followed.ok && followed.bytes.toString()).toBe('aws_secret_access_key = abc');
    expect(readRegularFile(join(dir, 'to-device'), lenient)).toEqual({ ok: false, problem: 'not-a-file' });
  });

  it('refuses devices, folders and FIFOs without reading or blocking', () => {
    const dir = folder();
    mkdirSync(join(dir, 'folder'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    for (const path of ['/dev/zero', '/dev/urandom', join(dir, 'folder'), join(dir, 'fifo')]) {
      expect(readRegularFile(path, lenient), path).toEqual({ ok: false, problem: 'not-a-file' });
    }
  });

  it('refuses a file over the limit by its size, and one that holds more than its size says', () => {
    const dir = folder();
    writeFileSync(join(dir, 'exact'), 'x'.repeat(1024));
    expect(readRegularFile(join(dir, 'exact'), strict).ok).toBe(true);
    writeFileSync(join(dir, 'over'), 'x'.repeat(1025));
    expect(readRegularFile(join(dir, 'over'), strict)).toEqual({ ok: false, problem: 'too-large', size: 1025 });
    writeFileSync(join(dir, 'sparse'), '');
    truncateSync(join(dir, 'sparse'), 8 * 1024 ** 3);
    expect(readRegularFile(join(dir, 'sparse'), strict)).toEqual({ ok: false, problem: 'too-large', size: 8 * 1024 ** 3 });
    // /proc files are regular files of size 0 that hold more: only the read itself can bound them.
    expect(readRegularFile('/proc/self/status', { maxBytes: 16, followLinks: true })).toMatchObject({ ok: false, problem: 'too-large' });
  });

  it('names the error of a file it may not read', () => {
    const dir = folder();
    writeFileSync(join(dir, 'file'), '');
    expect(readRegularFile(join(dir, 'file', 'below'), strict)).toEqual({ ok: false, problem: 'unreadable', errno: 'ENOTDIR' });
  });
});

describe('writeFileAtomically', () => {
  it('replaces a symbolic link at the state file instead of writing through it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'atomic-'));
    writeFileSync(join(folder, 'outside'), 'aws_secret_access_key = abc');
    symlinkSync(join(folder, 'outside'), join(folder, 'state.json'));
    await writeFileAtomically(join(folder, 'state.json'), '{}');
    expect(readFileSync(join(folder, 'outside'), 'utf8')).toBe('aws_secret_access_key = abc');
    expect(lstatSync(join(folder, 'state.json')).isFile()).toBe(true);
  });

  it('leaves no temp file when the write fails, whichever step fails', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'atomic-'));
    // The rename fails: a folder with something in it is where the file should go.
    mkdirSync(join(folder, 'state.json', 'inside'), { recursive: true });
    await expect(writeFileAtomically(join(folder, 'state.json'), '{}')).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) });
    // The temp file cannot even be made: the state's folder is a file.
    writeFileSync(join(folder, 'file'), '');
    await expect(writeFileAtomically(join(folder, 'file', 'state.json'), '{}')).rejects.toMatchObject({ code: expect.stringMatching(/^(ENOTDIR|EEXIST)$/) });
    expect(readdirSync(folder).sort()).toEqual(['file', 'state.json']);
    expect(readdirSync(join(folder, 'state.json'))).toEqual(['inside']);
  });
});
