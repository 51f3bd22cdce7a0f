// Resolves what one engine should hold: its enabled policies with variables filled and statements in Cedar's
// normal form (so formatting alone never shows as a change), and its disabled ones (which must not exist live). A
// `definition: policy` statement is not Cedar: it is sent as written, trimmed, variables filled.
// Runs on a repository that passed validation.
import { formatCedar } from '../cedar/format.js';
import { readPolicyShape } from '../cedar/tokens.js';
import type { DesiredEngine, DesiredPolicy, EngineSpec, Repository } from '../model.js';
import { policiesOf } from './membership.js';
import { fillVariables, variableNames } from './variables.js';

/** Cedar's normal form of a statement; undefined when it does not parse. */
export function normalizeStatement(statement: string): string | undefined {
  const formatted = formatCedar(statement);
  return formatted.ok ? formatted.formatted.trimEnd() : undefined;
}

export function resolveDesired(repository: Repository, engine: EngineSpec): DesiredEngine {
  const declared = policiesOf(repository, engine);
  const policies: DesiredPolicy[] = declared
    .filter((spec) => spec.enabled)
    .map((spec) => {
      const filled = fillVariables(spec.source, engine.variables).text;
      const statement = spec.definition === 'policy' ? filled.trim() : (normalizeStatement(filled) ?? filled);
      const variables = variableNames(spec.source);
      return { spec, statement, effect: readPolicyShape(statement)?.effect ?? 'permit', variables };
    });
  return { engine, policies, disabled: declared.filter((spec) => !spec.enabled) };
}
