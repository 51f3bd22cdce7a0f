// The layering rules of src/, as data, and a reader of import statements. Tests beside the code may reach across
// layers (a unit test of the client starts an emulator); the rules hold for the shipped modules.

export interface Import {
  specifier: string;
  line: number;
  /** `import('...')`, loaded when the code runs it; `type`, an `import type` or `export type` that TypeScript erases. */
  kind: 'static' | 'dynamic' | 'type';
}

export interface Edge {
  /** `src/...` path of the importing file. */
  from: string;
  /** `src/...` path of an imported module, or a package name. */
  to: string;
  line: number;
}

export interface Rule {
  /** The files the rule is about. */
  applies: (from: string) => boolean;
  forbids: (to: string) => boolean;
  why: string;
}

/** `import ... from '...'`, `export ... from '...'`, `import '...'` and `import('...')`, with their line. */
export function importsOf(text: string): Import[] {
  const found: Import[] = [];
  const pattern = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    const specifier = match[1] ?? match[2] ?? match[3]!;
    const line = text.slice(0, match.index + match[0].length).split('\n').length;
    const kind = match[3] !== undefined ? 'dynamic' : /^[\s;]*(?:import|export)\s+type\s/.test(match[0]) ? 'type' : 'static';
    found.push({ specifier, line, kind });
  }
  return found;
}

const isTest = (file: string) => file.endsWith('.test.ts');
const inside = (...folders: string[]) => (path: string) => folders.some((folder) => path.startsWith(`src/${folder}/`));
const isPackage = (to: string) => !to.startsWith('src/') && !to.startsWith('.') && !to.startsWith('test/');

/** The vocabulary every layer may import: types (src/model.ts and its parts in src/model/), ARN formats, text helpers. */
const VOCABULARY = new Set(['src/model.ts', 'src/diagnostic-codes.ts', 'src/arn.ts', 'src/text.ts']);
const isVocabulary = (path: string) => VOCABULARY.has(path) || path.startsWith('src/model/');

/** Packages the pure planner may use: hashing and version arithmetic (semver's functions one by one, as the
 * whole package loads some forty modules), nothing with I/O. */
const planPackage = (to: string) => to === 'node:crypto' || to === 'semver' || /^semver\/functions\/[a-z-]+\.js$/.test(to);

export const RULES: Rule[] = [
  {
    applies: inside('plan'),
    forbids: (to) => (isPackage(to) ? !planPackage(to) : !(to.startsWith('src/plan/') || isVocabulary(to) || to === 'src/cedar/tokens.ts')),
    why: 'plan/ is pure: it imports only the vocabulary (model, arn, text) and the pure Cedar lexer (cedar/tokens.ts)',
  },
  { applies: isVocabulary, forbids: (to) => to.startsWith('src/') && !isVocabulary(to), why: 'the vocabulary imports nothing of the tool but itself' },
  {
    applies: inside('repository'),
    forbids: inside('validation', 'testing', 'agentcore', 'local', 'plan', 'apply', 'render', 'run', 'emulator', 'access'),
    why: 'repository/ reads and edits the tree; it knows nothing of the layers that use it',
  },
  { applies: inside('validation', 'cedar', 'testing'), forbids: inside('agentcore', 'local', 'emulator', 'run', 'apply'), why: 'offline checks never reach a service' },
  {
    applies: inside('tool-schemas'),
    forbids: (to) => (isPackage(to) ? to !== 'yaml' : !(to.startsWith('src/tool-schemas/') || isVocabulary(to))),
    why: 'tool-schemas/ is pure: a target configuration or schema document in, tools out (the vocabulary and the yaml parser only)',
  },
  { applies: inside('access'), forbids: inside('agentcore', 'local', 'emulator', 'run', 'apply', 'plan', 'render'), why: 'the access analysis is pure: model and Cedar in, verdicts out' },
  {
    applies: inside('decisions', 'replay'),
    forbids: inside('agentcore', 'local', 'emulator', 'run', 'apply', 'plan', 'render'),
    why: 'reading decision records and replaying them is pure: a source is handed in, records and Cedar in, counts out',
  },
  { applies: inside('agentcore'), forbids: inside('emulator', 'local', 'run', 'apply', 'cli', 'action'), why: 'the client layer must not know a stand-in or a caller exists' },
  { applies: inside('emulator'), forbids: inside('agentcore', 'local', 'run', 'apply', 'cli', 'action'), why: 'the emulator is a server: it depends on no client and no shell' },
  { applies: inside('render'), forbids: inside('apply', 'agentcore', 'local', 'run', 'emulator'), why: 'renderers read data; they never act' },
  { applies: inside('apply'), forbids: inside('run', 'local', 'render', 'emulator'), why: 'apply/ is the executor: composers call it, not the other way' },
  { applies: inside('local'), forbids: inside('run', 'apply', 'cli', 'action'), why: 'the local engine is started by composers; it calls none of them' },
  { applies: (f) => !f.startsWith('src/cli/'), forbids: inside('cli'), why: 'nothing imports the CLI but its entry point' },
  { applies: (f) => !f.startsWith('src/action/'), forbids: inside('action'), why: 'nothing imports the action but its entry point' },
  { applies: (f) => !f.startsWith('src/cedar/'), forbids: (to) => to.startsWith('@cedar-policy/'), why: 'cedar-wasm is imported only in src/cedar/' },
  { applies: (f) => !f.startsWith('src/agentcore/'), forbids: (to) => to.startsWith('@aws-sdk/') || to.startsWith('@smithy/'), why: 'the AWS SDK is imported only in src/agentcore/' },
  { applies: () => true, forbids: (to) => to.startsWith('test/') || to === 'vitest' || to.startsWith('fast-check'), why: 'shipped code holds no test code' },
];

export function forbiddenImports(edges: Edge[]): { edge: Edge; rule: Rule }[] {
  return edges.filter((edge) => !isTest(edge.from)).flatMap((edge) => RULES.filter((rule) => rule.applies(edge.from) && rule.forbids(edge.to)).map((rule) => ({ edge, rule })));
}
