// What belongs to an engine: the declared policies it deploys (those of its groups, narrowed by a policy's own
// `engines` list), and the tool actions its gateways offer.
import { actionName } from '../cedar/schema.js';
import type { EngineSpec, PolicySpec, Repository, ToolSpec } from '../model.js';

/** What membership needs of an engine: an engine file with errors still has these. */
export type EngineGroups = Pick<EngineSpec, 'name' | 'groups'>;

export function deploysTo(policy: PolicySpec, engine: EngineGroups): boolean {
  if (!engine.groups.includes(policy.group)) return false;
  return policy.engines === undefined || policy.engines.includes(engine.name);
}

/** Every policy of the engine's groups meant for it, enabled or not, in repository order. */
export function policiesOf(repository: Repository, engine: EngineGroups): PolicySpec[] {
  return repository.policies.filter((policy) => deploysTo(policy, engine));
}

/** The engines to work on: all when no names are given, else the ones named (in repository order), and the names
 * that no engine has. */
export function selectEngines(repository: Repository, names: readonly string[] = []): { engines: EngineSpec[]; unknown: string[] } {
  if (names.length === 0) return { engines: repository.engines, unknown: [] };
  const known = new Set(repository.engines.map((engine) => engine.name));
  return { engines: repository.engines.filter((engine) => names.includes(engine.name)), unknown: names.filter((name) => !known.has(name)) };
}

/** The tools the engine's gateways offer, by their `<Target>___<tool>` action name. */
export function toolsOf(engine: EngineSpec): Map<string, ToolSpec> {
  return new Map(engine.gateways.flatMap((g) => g.targets.flatMap((t) => t.tools.map((tool) => [actionName(t.name, tool.name), tool] as const))));
}
