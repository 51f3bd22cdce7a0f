// What a command loads before it runs: the modules reachable from its own by static imports (a dynamic `import()`
// loads only when the code asks for it; `import type` is erased). The offline commands must never load the AWS SDK,
// whose start-up alone would double theirs, and `--help` and `--version` load no command at all (src/cli/main.ts
// imports every command's module when it runs).
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/repo.js';
import { importsOf } from './rules.js';

/** Every module a run of `start` (an `src/...` path) loads before its first dynamic import, packages by name. */
function loadedBy(start: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (module: string) => {
    if (loaded.has(module)) return;
    loaded.add(module);
    if (!module.startsWith('src/') || !module.endsWith('.ts')) return;
    for (const imp of importsOf(readFileSync(join(PROJECT_ROOT, module), 'utf8'))) {
      if (imp.kind !== 'static') continue;
      visit(imp.specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(module), imp.specifier)).replace(/\.js$/, '.ts') : imp.specifier);
    }
  };
  visit(start);
  return loaded;
}

const packagesOf = (modules: Set<string>) => [...modules].filter((m) => !m.startsWith('src/') && !m.startsWith('.'));
const OFFLINE = ['validate', 'test', 'fmt', 'lint', 'diff'].map((name) => `src/cli/${name}.ts`).filter((file) => existsSync(join(PROJECT_ROOT, file)));

describe('what a command loads', () => {
  it('follows static imports through the tree, and stops at dynamic ones', () => {
    expect(packagesOf(loadedBy('src/cli/plan.ts'))).toContain('@aws-sdk/client-bedrock-agentcore-control');
    expect(loadedBy('src/cli/test.ts').has('src/cli/test-gateway.ts')).toBe(false);
    expect(loadedBy('src/cli/test.ts').has('src/validation/validate.ts')).toBe(true);
  });

  it('never loads the AWS SDK for an offline command', () => {
    expect(OFFLINE.length).toBeGreaterThanOrEqual(3);
    for (const command of OFFLINE) {
      expect({ command, sdk: packagesOf(loadedBy(command)).filter((p) => p.startsWith('@aws-sdk/')) }).toEqual({ command, sdk: [] });
    }
  });

  it('loads no command, no Cedar, no YAML and no schemas for --help and --version', () => {
    const main = loadedBy('src/cli/main.ts');
    expect([...main].filter((m) => m.startsWith('src/cli/') && m !== 'src/cli/main.ts' && m !== 'src/cli/args.ts' && m !== 'src/cli/io.ts')).toEqual([]);
    expect(packagesOf(main)).toEqual(expect.not.arrayContaining(['#cedar-wasm', 'yaml', 'ajv', '@aws-sdk/client-bedrock-agentcore-control']));
  });
});
