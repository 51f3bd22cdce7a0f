// Checks across files that no single schema can express: unique names, known engines, engines that deploy the
// groups their policies are meant for, and the test cases (test-checks.ts). An engine file with errors is reported
// once, by its own diagnostics: what names it is not blamed again (see EngineNames).
import { APPLY_LOCK_POLICY, type Diagnostic, type Repository } from '../model.js';
import type { BrokenEngineFile } from '../repository/load.js';
import { policiesOf } from '../repository/membership.js';
import { engineNames, undeclaredEngine, type NamedEngine } from './engine-names.js';
import { checkTests } from './test-checks.js';

export function crossCheck(repository: Repository, broken: readonly BrokenEngineFile[] = []): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const names = engineNames(broken, repository.engines);
  const known: NamedEngine[] = [...repository.engines, ...names.damaged];
  const engineNameList = known.map((e) => e.name);

  const engineFiles = new Map<string, string>();
  for (const engine of known) {
    const first = engineFiles.get(engine.name);
    if (first) {
      diagnostics.push({ severity: 'error', code: 'validate/duplicate-engine', message: `engine name ${engine.name} is already used by ${first}`, file: engine.file, line: 1, column: 1 });
    } else engineFiles.set(engine.name, engine.file);
  }

  for (const policy of repository.policies) {
    if (policy.name === APPLY_LOCK_POLICY) {
      diagnostics.push({ severity: 'error', code: 'validate/reserved-name', message: `${APPLY_LOCK_POLICY} is reserved: apply holds a live policy of that name while it changes an engine`, ...policy.declaredAt });
    }
    for (const name of policy.engines ?? []) {
      const engine = known.find((e) => e.name === name);
      if (!engine) {
        const message = `policy ${policy.name} names ${undeclaredEngine(name, names, engineNameList)}`;
        diagnostics.push({ severity: 'error', code: 'repository/unknown-engine', message, ...policy.declaredAt });
      } else if (!engine.groups.includes(policy.group)) {
        diagnostics.push({ severity: 'error', code: 'validate/group-not-deployed', message: `policy ${policy.name} names engine ${name}, but ${engine.file} does not deploy the ${policy.group} group`, ...policy.declaredAt });
      }
    }
  }

  // Within one engine, two policies with one name would fight over a single live policy.
  for (const engine of known) {
    const seen = new Map<string, string>();
    for (const policy of policiesOf(repository, engine)) {
      const first = seen.get(policy.name);
      if (first) {
        diagnostics.push({ severity: 'error', code: 'validate/duplicate-name', message: `policy name ${policy.name} is declared twice for engine ${engine.name} (also in ${first})`, ...policy.declaredAt });
      } else seen.set(policy.name, `${policy.declaredAt.file}:${policy.declaredAt.line}`);
    }
  }

  const files = new Map<string, string>();
  for (const policy of repository.policies) {
    const first = files.get(policy.file);
    if (first && first !== policy.name) {
      diagnostics.push({ severity: 'error', code: 'validate/duplicate-file', message: `${policy.file} is used by both ${first} and ${policy.name}; each policy needs its own file`, ...policy.declaredAt });
    } else files.set(policy.file, policy.name);
  }

  for (const d of checkTests(repository, names)) diagnostics.push(d);
  return diagnostics;
}
