// What a cloned repository can commit under .agentcore-policy/, met the way a command meets it: by starting the
// local engine. Nothing there is followed, nothing outside the repository is written or read, and no error quotes
// what a file holds.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentCoreError } from '../agentcore/errors.js';
import { engineSpec, REFUND_GATEWAY } from '../../test/helpers/agentcore-fixture.js';
import { MAX_STATE_BYTES } from '../emulator/index.js';
import { startLocalEngine } from './local-engine.js';

const SECRET = 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const spec = { ...engineSpec('Local', [REFUND_GATEWAY]), endpoint: 'local' };

/** A repository whose .agentcore-policy/ is set up by `arrange`, and a folder outside it holding a secret. */
function cloned(arrange: (folder: string, outside: string) => void): { root: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'cloned-'));
  const outside = mkdtempSync(join(tmpdir(), 'outside-'));
  writeFileSync(join(outside, 'credentials'), SECRET);
  arrange(join(root, '.agentcore-policy'), outside);
  return { root, outside };
}

async function refusal(root: string): Promise<AgentCoreError> {
  const error = await startLocalEngine(spec, root, { waitMs: 0 }).then(
    async (engine) => {
      await engine.close();
      throw new Error('the local engine started');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AgentCoreError);
  expect((error as AgentCoreError).message).not.toMatch(/aws_secret|wJalr|EXAMPLEKEY/);
  return error as AgentCoreError;
}

describe('the local engine folder of a cloned repository', () => {
  it('refuses a folder that is a link or not a folder, and writes nothing where a link points', async () => {
    const linked = cloned((folder, outside) => symlinkSync(outside, folder));
    expect((await refusal(linked.root)).message).toBe(
      '.agentcore-policy/ is a symbolic link; the local engine never follows links or reads anything but regular files there. Delete it to start the local engine afresh.',
    );
    expect(readdirSync(linked.outside)).toEqual(['credentials']);
    const file = cloned((folder) => writeFileSync(folder, SECRET));
    expect((await refusal(file.root)).message).toMatch(/^\.agentcore-policy\/ is not a folder; /);
  });

  it('refuses a link at any file it uses, to a file, a device or nowhere, without reading or writing through it', async () => {
    for (const name of ['.gitignore', 'local-engine.json', 'local-engine.lock']) {
      for (const target of ['credentials', '/dev/zero', 'missing']) {
        const { root, outside } = cloned((folder, out) => {
          mkdirSync(folder);
          symlinkSync(target.startsWith('/') ? target : join(out, target), join(folder, name));
        });
        const error = await refusal(root);
        expect(error.code).toBe('LocalEngineFailed');
        expect(error.message, `${name} -> ${target}`).toMatch(new RegExp(`^\\.agentcore-policy/${name.replace('.', '\\.')} is a symbolic link; `));
        expect(readFileSync(join(outside, 'credentials'), 'utf8')).toBe(SECRET);
        expect(readdirSync(outside)).toEqual(['credentials']);
        expect(lstatSync(join(root, '.agentcore-policy', name)).isSymbolicLink()).toBe(true);
      }
    }
  });

  it('refuses a FIFO, a folder or a huge file where its state belongs, without blocking or reading it', async () => {
    const fifo = cloned((folder) => {
      mkdirSync(folder);
      execFileSync('mkfifo', [join(folder, 'local-engine.json')]);
    });
    expect((await refusal(fifo.root)).message).toMatch(/^\.agentcore-policy\/local-engine\.json is not a regular file; /);
    const folderInstead = cloned((folder) => mkdirSync(join(folder, 'local-engine.lock'), { recursive: true }));
    expect((await refusal(folderInstead.root)).message).toMatch(/^\.agentcore-policy\/local-engine\.lock is not a regular file; /);
    const huge = cloned((folder) => {
      mkdirSync(folder);
      writeFileSync(join(folder, 'local-engine.json'), '');
      truncateSync(join(folder, 'local-engine.json'), MAX_STATE_BYTES + 1);
    });
    expect((await refusal(huge.root)).message).toMatch(new RegExp(`local-engine\\.json: the emulator state file is ${MAX_STATE_BYTES + 1} bytes; state files over ${MAX_STATE_BYTES} bytes are refused$`));
  });

  it('names an unparseable state file and what is wrong with it, quoting none of it', async () => {
    for (const text of [SECRET, JSON.stringify({ version: 1, seq: 0, regions: { x: SECRET } }), JSON.stringify(SECRET)]) {
      const { root } = cloned((folder) => {
        mkdirSync(folder);
        writeFileSync(join(folder, 'local-engine.json'), text);
      });
      const error = await refusal(root);
      expect(error.message).toMatch(/^The local engine could not start: .*\/\.agentcore-policy\/local-engine\.json: the emulator state is not valid: .*; delete it to start afresh$/);
    }
  });

  it('replaces a .gitignore that does not ignore everything, and starts', async () => {
    const { root } = cloned((folder) => {
      mkdirSync(folder);
      writeFileSync(join(folder, '.gitignore'), '!local-engine.json\n');
    });
    const engine = await startLocalEngine(spec, root);
    await engine.close();
    expect(readFileSync(join(root, '.agentcore-policy', '.gitignore'), 'utf8')).toBe('*\n');
    expect(readdirSync(join(root, '.agentcore-policy')).sort()).toEqual(['.gitignore', 'local-engine.json']);
  });
});
