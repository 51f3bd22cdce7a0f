// Reads a `*.test.yaml` file of authorization test cases.
import type { Diagnostic, TestCase } from '../model.js';
import { locate, parseYaml } from './yaml-file.js';

type RawCase = Omit<TestCase, 'declaredAt' | 'input' | 'principal'> & {
  input?: Record<string, unknown>;
  principal: Omit<TestCase['principal'], 'tags'> & { tags?: Record<string, string> };
};

export function parseTestsFile(file: string, text: string): { cases: TestCase[]; diagnostics: Diagnostic[] } {
  const parsed = parseYaml(file, text, 'tests');
  if (!parsed.ok) return { cases: [], diagnostics: parsed.diagnostics };
  const cases = (parsed.yaml.value as RawCase[]).map((raw, index): TestCase => ({
    ...raw,
    principal: { ...raw.principal, tags: raw.principal.tags ?? {} },
    input: raw.input ?? {},
    declaredAt: locate(parsed.yaml, [index]),
  }));
  return { cases, diagnostics: [] };
}
