// `agentcore-policy emulator` in a policy repository, as its own process: started, and its URL read from what it
// prints once it serves. The caller stops it (SIGINT to see it end, SIGKILL after a failed test).
import type { ChildProcess } from 'node:child_process';
import { spawnCli } from '../security/processes.js';
import { collectExit, type Exit } from './process.js';

export const SERVER_ENV = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };

export interface Served {
  child: ChildProcess;
  exit: Promise<Exit>;
  url: string;
}

/** Serves the local engine of the repository at `root`; `started` gets the child at once, to be killed if need be. */
export async function serveRepository(root: string, started: (child: ChildProcess) => void): Promise<Served> {
  const child = spawnCli(['emulator'], root, SERVER_ENV);
  child.stdin.end();
  started(child);
  const exit = collectExit(child);
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /on (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*Press Ctrl\+C to stop\.\n/.exec(seen);
      if (match) resolve(match[1]!);
    });
    void exit.then((ended) => reject(new Error(`the server ended: ${ended.stderr}`)));
  });
  return { child, exit, url };
}
