// Resolves what one engine should hold: its enabled policies with variables filled and statements in Cedar's
// normal form (so formatting alone never shows as a change), and its disabled ones (which must not exist live). A
// `definition: policy` statement is not Cedar: it is sent as written, trimmed, variables filled.
// Runs on a repository that passed validation.
import { readPolicyShape } from '../cedar/tokens.js';
import type { DesiredEngine, DesiredPolicy, EngineSpec, Repository } from '../model.js';
import { policiesOf } from './membership.js';
import { normalizeStatement } from './normal-forms.js';
import { fillVariables, findPlaceholders, variableNames } from './variables.js';

export { normalizeStatement };

/** `normalize`: a run's memo of normal forms (normal-forms.ts), when it has one. */
export function resolveDesired(repository: Repository, engine: EngineSpec, normalize = normalizeStatement): DesiredEngine {
  const declared = policiesOf(repository, engine);
  const policies: DesiredPolicy[] = declared
    .filter((spec) => spec.enabled)
    .map((spec) => {
      const placeholders = findPlaceholders(spec.source);
      const filled = fillVariables(spec.source, engine.variables, placeholders).text;
      const statement = spec.definition === 'policy' ? filled.trim() : (normalize(filled) ?? filled);
      const variables = variableNames(spec.source, placeholders);
      return { spec, statement, effect: readPolicyShape(statement)?.effect ?? 'permit', variables };
    });
  return { engine, policies, disabled: declared.filter((spec) => !spec.enabled) };
}
