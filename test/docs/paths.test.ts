// The docs travel with the repository: every path they name is relative to it, never one of the machine they were
// written on.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/repo.js';

/** README.md, docs/, and every README under src/ and bench/. */
function docs(): string[] {
  const found = ['README.md'];
  const walk = (folder: string, all: boolean) => {
    for (const entry of readdirSync(join(PROJECT_ROOT, folder), { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path, all);
      else if (entry.name.endsWith('.md') && (all || entry.name === 'README.md')) found.push(path);
    }
  };
  walk('docs', true);
  walk('src', false);
  walk('bench', false);
  return found;
}

const MACHINE_PATH = /(?<![\w.:/-])\/(?:work|home|tmp|Users|var\/folders|private\/tmp)\/[^\s`)'"]*/g;

describe('paths in the docs', () => {
  it('are repository-relative', () => {
    const files = docs();
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/action.md', 'src/emulator/README.md']));
    const found = files.flatMap((file) => (readFileSync(join(PROJECT_ROOT, file), 'utf8').match(MACHINE_PATH) ?? []).map((path) => `${relative('.', file)}: ${path}`));
    expect(found).toEqual([]);
  });
});
