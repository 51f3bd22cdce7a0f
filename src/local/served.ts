// A repository's local engine served by `agentcore-policy emulator` (serve.ts) for as long as that process runs:
// the commands of the repository then talk to it instead of waiting for the lock it holds. Once it listens, the
// serving process writes <folder>/local-engine.server.json (its pid, host, URL and a random nonce) and removes it
// when it stops. Nothing in the folder is trusted (a cloned repository can commit anything there), so a command
// joins a server only when it runs on this host as the live process holding the lock, listens on
// http://127.0.0.1:<port>, and answers the hello (HELLO_PATH) with that pid, that nonce and this repository's state
// folder. Answering the hello, the server seeds the gateways of the repository's engine files afresh, so a command
// meets the gateways the engine files say now.
import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { HELLO_PATH } from '../emulator/index.js';
import { readRegularFile, writeFileAtomically } from '../regular-file.js';
import type { LockHolder } from './lock.js';
import { SERVER_FILE, STATE_FOLDER, stateFolderOf } from './state-folder.js';

export interface ServerRecord {
  pid: number;
  host: string;
  url: string;
  nonce: string;
}

/** An engine file the server could not seed, by its repository-relative path. */
export interface SeedingProblem {
  file: string;
  message: string;
}

/** What the server answers at HELLO_PATH. */
export interface ServerHello {
  pid: number;
  nonce: string;
  /** The real path of the state folder it serves. */
  stateFolder: string;
  problems: SeedingProblem[];
}

export interface JoinedServer {
  url: string;
  pid: number;
  problems: SeedingProblem[];
}

/** Joined; refused, saying why (a live holder names a server that does not answer as itself); or no server. */
export type JoinResult = { joined: JoinedServer } | { refused: string } | undefined;

const HELLO_TIMEOUT_MS = 5_000;
const SERVED_URL = /^http:\/\/127\.0\.0\.1:(\d{1,5})$/;

/** A fresh nonce for a server to announce and answer with. */
export const serverNonce = () => randomBytes(16).toString('hex');

/** The real path of a repository's state folder, as a server reports it and a client compares it. */
export const realStateFolder = (root: string) => realpathSync(stateFolderOf(root));

/** Says where this process serves the local engine of `folder`; resolves to the withdrawal, which removes the file
 * only while it is still this announcement. */
export async function announceServer(folder: string, url: string, nonce: string): Promise<() => Promise<void>> {
  const file = join(folder, SERVER_FILE);
  const content = `${JSON.stringify({ pid: process.pid, host: hostname(), url, nonce } satisfies ServerRecord)}\n`;
  await writeFileAtomically(file, content);
  return async () => {
    const held = readRegularFile(file, { maxBytes: 4096, followLinks: false });
    if (held.ok && held.bytes.toString('utf8') === content) await rm(file, { force: true });
  };
}

/** The server of `root`'s local engine, when `holder` (the live holder of its lock) is one that answers as such. */
export async function joinServer(root: string, holder: LockHolder): Promise<JoinResult> {
  const seen = readRegularFile(join(stateFolderOf(root), SERVER_FILE), { maxBytes: 4096, followLinks: false });
  const record = seen.ok ? recordIn(seen.bytes.toString('utf8')) : undefined;
  if (record === undefined || record.pid !== holder.pid || record.host !== holder.host || record.pid === process.pid) return undefined;
  const where = `${STATE_FOLDER}/${SERVER_FILE}`;
  if (!SERVED_URL.test(record.url)) return { refused: `${where} names ${JSON.stringify(record.url)}, not a URL on 127.0.0.1; it is not a server of this tool` };
  const hello = await askHello(record.url);
  if (typeof hello === 'string') return { refused: `the server ${where} names (${record.url}) ${hello}` };
  if (hello.pid !== record.pid || hello.nonce !== record.nonce || hello.stateFolder !== realStateFolder(root)) {
    return { refused: `the server ${where} names (${record.url}) is not the one serving this repository's local engine` };
  }
  return { joined: { url: record.url, pid: record.pid, problems: hello.problems } };
}

function recordIn(text: string): ServerRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<ServerRecord>;
    const valid = Number.isSafeInteger(value.pid) && value.pid! > 0 && typeof value.host === 'string' && typeof value.url === 'string' && typeof value.nonce === 'string';
    return valid ? (value as ServerRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** The hello, or what went wrong, in words that follow "the server ... ". */
async function askHello(url: string): Promise<ServerHello | string> {
  let response: Response;
  try {
    response = await fetch(`${url}${HELLO_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      redirect: 'error',
      signal: AbortSignal.timeout(HELLO_TIMEOUT_MS),
    });
  } catch (error) {
    return `does not answer (${(error as Error).name === 'TimeoutError' ? `nothing within ${HELLO_TIMEOUT_MS / 1000} s` : 'connection failed'})`;
  }
  const text = await response.text().catch(() => '');
  try {
    const hello = JSON.parse(text) as Partial<ServerHello>;
    const problems = Array.isArray(hello.problems) ? hello.problems.filter(isProblem) : [];
    if (response.ok && typeof hello.pid === 'number' && typeof hello.nonce === 'string' && typeof hello.stateFolder === 'string') {
      return { pid: hello.pid, nonce: hello.nonce, stateFolder: hello.stateFolder, problems };
    }
  } catch {
    // not a hello
  }
  return `answers as something other than a local engine of this tool (HTTP ${response.status})`;
}

function isProblem(value: unknown): value is SeedingProblem {
  const problem = value as Partial<SeedingProblem> | null;
  return typeof problem?.file === 'string' && typeof problem.message === 'string';
}
