// Test cases checked before any runs: each must name a known engine, call a tool some engine offers, name its
// gateway with variables that engine defines, and pass inputs the tool's schema knows, so `test` fails only on
// decisions, and a misspelling is reported at the case with a suggestion rather than as a rejected request. A case
// that may be meant for an engine whose file did not load is not checked (one warning says how many): the engine
// file's own errors say what is wrong.
import type { Diagnostic, DiagnosticCode, EngineSpec, Repository, TestCase, ToolSpec } from '../model.js';
import { toolsOf } from '../repository/membership.js';
import { closest } from '../repository/suggest.js';
import { fillPlain, malformedPlaceholders, noSuchVariable } from '../repository/variables.js';
import { plural } from '../text.js';
import { undeclaredEngine, type EngineNames } from './engine-names.js';
import { gatewayArnProblem } from './gateway-arns.js';

const didYouMean = (hint: string | undefined) => (hint ? `; did you mean "${hint}"?` : '');

export function checkTests(repository: Repository, names: EngineNames = { damaged: [], unnamed: [] }): Diagnostic[] {
  const tools = new Map(repository.engines.map((engine) => [engine, toolsOf(engine)]));
  const allActions = [...new Set([...tools.values()].flatMap((map) => [...map.keys()]))];
  const candidates = [...repository.engines, ...names.damaged].map((e) => e.name);
  const diagnostics: Diagnostic[] = [];
  const notChecked: TestCase[] = [];
  const report = (test: TestCase, code: DiagnosticCode, message: string) =>
    diagnostics.push({ severity: 'error', code, message: `test "${test.name}": ${message}`, ...test.declaredAt });

  for (const test of repository.tests) {
    const named = repository.engines.filter((e) => test.engine === undefined || e.name === test.engine);
    if (test.engine !== undefined && named.length === 0) {
      if (names.unnamed.length > 0 || names.damaged.some((e) => e.name === test.engine)) notChecked.push(test);
      else report(test, 'repository/unknown-engine', `names ${undeclaredEngine(test.engine, names, candidates)}`);
      continue;
    }
    const targets = named.filter((engine) => tools.get(engine)!.has(test.action));
    if (targets.length === 0) {
      // With no engine to check against, or one whose tools could not be read, the case may be fine.
      if (test.engine === undefined && (repository.engines.length === 0 || names.damaged.length > 0 || names.unnamed.length > 0)) {
        notChecked.push(test);
        continue;
      }
      const where = test.engine === undefined ? 'no engine offers it' : `engine ${test.engine} does not offer it`;
      report(test, 'test/unknown-action', `calls ${test.action}, but ${where}${didYouMean(closest(test.action, allActions))}`);
    }
    for (const engine of targets) {
      for (const [code, message] of caseProblems(test, engine, tools.get(engine)!.get(test.action)!)) report(test, code, message);
    }
  }
  if (notChecked.length > 0) diagnostics.push(notCheckedWarning(notChecked, names));
  return diagnostics;
}

function notCheckedWarning(cases: TestCase[], names: EngineNames): Diagnostic {
  const files = [...names.damaged.map((e) => e.file), ...names.unnamed];
  const why = files.length > 0 ? `the engine files that may declare their engine have errors (${files.join(', ')})` : 'no engine file loaded';
  return { severity: 'warning', code: 'test/not-checked', message: `${plural(cases.length, 'test case')} not checked: ${why}`, ...cases[0]!.declaredAt };
}

function caseProblems(test: TestCase, engine: EngineSpec, tool: ToolSpec): [DiagnosticCode, string][] {
  const problems: [DiagnosticCode, string][] = [];
  if (test.resource === undefined) {
    if (engine.gateways.length !== 1) problems.push(['test/missing-resource', `needs a resource: engine ${engine.name} has ${plural(engine.gateways.length, 'gateway')}`]);
  } else {
    if (malformedPlaceholders(test.resource).length > 0) problems.push(['validate/invalid-placeholder', `resource ${JSON.stringify(test.resource)} holds a malformed {{name}} placeholder`]);
    for (const name of fillPlain(test.resource, engine.variables).unknown) {
      problems.push(['validate/unknown-variable', `unknown variable {{${name}}} in resource; ${noSuchVariable(name, engine)}`]);
    }
    const arn = gatewayArnProblem(test.resource, engine.variables);
    if (arn !== undefined) problems.push(['validate/gateway-arn', `resource: ${arn}`]);
  }
  if (tool.inputSchema.type !== 'object') return problems;
  const known = Object.keys(tool.inputSchema.properties ?? {});
  const knownSet = new Set(known);
  for (const key of Object.keys(test.input)) {
    if (!knownSet.has(key)) problems.push(['test/unknown-input', `${test.action} has no input "${key}"${didYouMean(closest(key, known))}`]);
  }
  for (const key of tool.inputSchema.required ?? []) {
    if (!Object.hasOwn(test.input, key)) problems.push(['test/missing-input', `${test.action} requires the input "${key}"`]);
  }
  return problems;
}
