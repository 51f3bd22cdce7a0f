// The example policy repository in a temporary folder with every engine pointed at one emulator, its gateways
// seeded there, as a user's repository would meet the service.
import type { Emulator } from '../../src/emulator/index.js';
import { loadRepository } from '../../src/repository/load.js';
import { makeRepo, replace, type Tree } from '../helpers/repo.js';

export const LOCAL_ENGINE = 'CustomerService_local';
export const PROD_ENGINE = 'CustomerService_prod';

/** Engine files that name `url` as their endpoint, for `changes` to build on. */
export function enginesAt(url: string): Tree {
  return {
    'engines/local.yaml': replace('endpoint: local\n', `endpoint: ${url}\n`),
    'engines/production.yaml': replace('region: us-east-1\n', `region: us-east-1\nendpoint: ${url}\n`),
  };
}

export async function repoOnEmulator(emulator: Emulator, changes: Tree = {}): Promise<string> {
  const root = await makeRepo({ ...enginesAt(emulator.url), ...changes });
  const { repository } = await loadRepository(root);
  for (const engine of repository.engines) {
    const problems = emulator.seedGateways(engine.gateways);
    if (problems.length > 0) throw new Error(`seeding ${engine.name}: ${problems.map((p) => p.message).join('; ')}`);
  }
  return root;
}
