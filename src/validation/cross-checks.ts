// Checks across files that no single schema can express: unique names, known engines, engines that deploy the
// groups their policies are meant for, and the test cases (test-checks.ts).
import { APPLY_LOCK_POLICY, type Diagnostic, type Repository } from '../model.js';
import { policiesOf } from '../repository/membership.js';
import { closest } from '../repository/suggest.js';
import { checkTests } from './test-checks.js';

export function crossCheck(repository: Repository): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const engineNames = repository.engines.map((e) => e.name);

  const engineFiles = new Map<string, string>();
  for (const engine of repository.engines) {
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
      const engine = repository.engines.find((e) => e.name === name);
      if (!engine) {
        const hint = closest(name, engineNames);
        diagnostics.push({ severity: 'error', code: 'repository/unknown-engine', message: `policy ${policy.name} names engine ${name}, which no engine file declares${hint ? `; did you mean "${hint}"?` : ''}`, ...policy.declaredAt });
      } else if (!engine.groups.includes(policy.group)) {
        diagnostics.push({ severity: 'error', code: 'validate/group-not-deployed', message: `policy ${policy.name} names engine ${name}, but ${engine.file} does not deploy the ${policy.group} group`, ...policy.declaredAt });
      }
    }
  }

  // Within one engine, two policies with one name would fight over a single live policy.
  for (const engine of repository.engines) {
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

  diagnostics.push(...checkTests(repository));
  return diagnostics;
}
