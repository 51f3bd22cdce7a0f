// The architecture as a check: imports point one way. Reads every import and export-from of src/ (static and
// dynamic) and fails on an arrow the layering forbids, naming the file, the line and the rule it breaks.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/repo.js';
import { forbiddenImports, importsOf, type Rule } from './rules.js';

const SRC = join(PROJECT_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Where each import of a file leads: `src/...` paths for the repository's own modules, package names otherwise. */
function edgesOf(file: string) {
  const from = posix.join('src', relative(SRC, file).split('\\').join('/'));
  return importsOf(readFileSync(file, 'utf8')).map((imp) => {
    const to = imp.specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(from), imp.specifier)).replace(/\.js$/, '.ts') : imp.specifier;
    return { from, to, line: imp.line };
  });
}

describe('import arrows', () => {
  const edges = sourceFiles(SRC).flatMap(edgesOf);

  it('reads the imports of the whole tree', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((e) => e.from === 'src/cli/main.ts' && e.to === 'src/cli/plan.ts')).toBe(true);
  });

  it('breaks no layering rule', () => {
    const broken = forbiddenImports(edges).map(({ edge, rule }: { edge: (typeof edges)[number]; rule: Rule }) => `${edge.from}:${edge.line}: imports ${edge.to}: ${rule.why}`);
    expect(broken).toEqual([]);
  });

  it('ships no test helper: fixtures and builders live under test/', () => {
    const helpers = sourceFiles(SRC).filter((file) => !file.endsWith('.test.ts') && /(fixture|builder)/i.test(file.slice(SRC.length)));
    expect(helpers).toEqual([]);
  });

  it('is not fooled: a forbidden arrow is reported with file and line', () => {
    const planned = importsOf("import { x } from '../agentcore/index.js';\n").map((imp) => ({
      from: 'src/plan/plan-engine.ts',
      to: posix.normalize(posix.join(dirname('src/plan/plan-engine.ts'), imp.specifier)).replace(/\.js$/, '.ts'),
      line: imp.line,
    }));
    const found = forbiddenImports(planned);
    expect(found).toHaveLength(1);
    expect(found[0]!.edge).toMatchObject({ from: 'src/plan/plan-engine.ts', to: 'src/agentcore/index.ts', line: 1 });
  });
});
