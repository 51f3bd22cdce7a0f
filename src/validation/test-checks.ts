// Test cases checked before any runs: each must name a known engine, call a tool some engine offers, name its
// gateway with variables that engine defines, and pass inputs the tool's schema knows, so `test` fails only on
// decisions, and a misspelling is reported at the case with a suggestion rather than as a rejected request.
import type { Diagnostic, DiagnosticCode, EngineSpec, Repository, TestCase, ToolSpec } from '../model.js';
import { toolsOf } from '../repository/membership.js';
import { closest } from '../repository/suggest.js';
import { fillPlain, malformedPlaceholders } from '../repository/variables.js';

const didYouMean = (hint: string | undefined) => (hint ? `; did you mean "${hint}"?` : '');

export function checkTests(repository: Repository): Diagnostic[] {
  const tools = new Map(repository.engines.map((engine) => [engine, toolsOf(engine)]));
  const allActions = [...new Set([...tools.values()].flatMap((map) => [...map.keys()]))];
  const diagnostics: Diagnostic[] = [];
  const report = (test: TestCase, code: DiagnosticCode, message: string) =>
    diagnostics.push({ severity: 'error', code, message: `test "${test.name}": ${message}`, ...test.declaredAt });

  for (const test of repository.tests) {
    const named = repository.engines.filter((e) => test.engine === undefined || e.name === test.engine);
    if (named.length === 0) {
      const hint = closest(test.engine!, repository.engines.map((e) => e.name));
      report(test, 'repository/unknown-engine', `engine ${test.engine} is declared by no engine file${didYouMean(hint)}`);
      continue;
    }
    const targets = named.filter((engine) => tools.get(engine)!.has(test.action));
    if (targets.length === 0) {
      const where = test.engine === undefined ? 'no engine offers it' : `engine ${test.engine} does not offer it`;
      report(test, 'test/unknown-action', `calls ${test.action}, but ${where}${didYouMean(closest(test.action, allActions))}`);
    }
    for (const engine of targets) {
      for (const [code, message] of caseProblems(test, engine, tools.get(engine)!.get(test.action)!)) report(test, code, message);
    }
  }
  return diagnostics;
}

function caseProblems(test: TestCase, engine: EngineSpec, tool: ToolSpec): [DiagnosticCode, string][] {
  const problems: [DiagnosticCode, string][] = [];
  if (test.resource === undefined) {
    if (engine.gateways.length !== 1) problems.push(['test/missing-resource', `needs a resource: engine ${engine.name} has ${engine.gateways.length} gateways`]);
  } else {
    if (malformedPlaceholders(test.resource).length > 0) problems.push(['validate/invalid-placeholder', `resource ${JSON.stringify(test.resource)} holds a malformed {{name}} placeholder`]);
    for (const name of fillPlain(test.resource, engine.variables).unknown) {
      problems.push(['validate/unknown-variable', `unknown variable {{${name}}} in resource; ${engine.file} has no variable "${name}"`]);
    }
  }
  if (tool.inputSchema.type !== 'object') return problems;
  const known = Object.keys(tool.inputSchema.properties ?? {});
  for (const key of Object.keys(test.input)) {
    if (!known.includes(key)) problems.push(['test/unknown-input', `${test.action} has no input "${key}"${didYouMean(closest(key, known))}`]);
  }
  for (const key of tool.inputSchema.required ?? []) {
    if (!(key in test.input)) problems.push(['test/missing-input', `${test.action} requires the input "${key}"`]);
  }
  return problems;
}
