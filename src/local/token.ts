// Tokens from the local issuer of a repository's local engine (what `agentcore-policy token` prints and what
// `test --gateway` sends): signed with the key kept beside the state file, so every process serving that state
// verifies them. The state folder is checked and its .gitignore written first: the key is private.
import { mintLocalToken, type MintOptions, type MintResult } from '../emulator/index.js';
import { localStatePath } from './local-engine.js';
import { prepareStateFolder } from './state-folder.js';

/** Throws AgentCoreError (LocalEngineFailed) for a state folder it refuses (state-folder.ts). */
export async function mintRepositoryToken(root: string, options: MintOptions): Promise<MintResult> {
  await prepareStateFolder(root);
  return mintLocalToken({ ...options, stateFile: localStatePath(root) });
}
