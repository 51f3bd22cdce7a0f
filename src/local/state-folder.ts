// The local engine's folder, <root>/.agentcore-policy/. A cloned repository can commit anything there (a link to a
// credentials file or to /dev/zero, a FIFO, a folder where a file belongs), so nothing in it is trusted: the folder
// must be a real folder, not a link, and every file the local engine uses there must be a regular file or absent.
// A link is refused, never followed, and the error names the file without reading it. Files are written by
// writeFileAtomically, which replaces rather than writes through.
import { lstat, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AgentCoreError } from '../agentcore/index.js';
import { readRegularFile, writeFileAtomically } from '../regular-file.js';

export const STATE_FOLDER = '.agentcore-policy';
export const STATE_FILE = 'local-engine.json';
export const LOCK_FILE = 'local-engine.lock';
/** Where the process serving the local engine (`agentcore-policy emulator`) says where it listens (served.ts). */
export const SERVER_FILE = 'local-engine.server.json';
const GITIGNORE = '.gitignore';
/** Local state is a developer's scratch space, never something to commit. */
const IGNORE_ALL = '*\n';

export const stateFolderOf = (root: string) => join(resolve(root), STATE_FOLDER);

const refuse = (what: string, problem: string) =>
  new AgentCoreError('LocalEngineFailed', `${what} ${problem}; the local engine never follows links or reads anything but regular files there. Delete it to start the local engine afresh.`);

/** The folder, made when missing, once it and the files in it have been checked. */
export async function prepareStateFolder(root: string): Promise<string> {
  const folder = stateFolderOf(root);
  const info = await lstat(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
  if (info === undefined) await mkdir(folder);
  else if (info.isSymbolicLink()) throw refuse(`${STATE_FOLDER}/`, 'is a symbolic link');
  else if (!info.isDirectory()) throw refuse(`${STATE_FOLDER}/`, 'is not a folder');
  for (const name of [GITIGNORE, STATE_FILE, LOCK_FILE, SERVER_FILE]) {
    const file = await lstat(join(folder, name)).catch(() => undefined);
    if (file?.isSymbolicLink()) throw refuse(`${STATE_FOLDER}/${name}`, 'is a symbolic link');
    if (file && !file.isFile()) throw refuse(`${STATE_FOLDER}/${name}`, 'is not a regular file');
  }
  const ignore = readRegularFile(join(folder, GITIGNORE), { maxBytes: IGNORE_ALL.length, followLinks: false });
  if (!ignore.ok || ignore.bytes.toString() !== IGNORE_ALL) await writeFileAtomically(join(folder, GITIGNORE), IGNORE_ALL);
  return folder;
}
