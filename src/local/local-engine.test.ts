import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngine } from './connect.js';
import { AgentCoreError } from '../agentcore/errors.js';
import { readLiveState } from '../agentcore/live-state.js';
import { startLocalEngine, localStatePath } from './local-engine.js';
import { createEngine } from '../agentcore/policies.js';
import { engineSpec, GATEWAY_ARN, REFUND_GATEWAY } from '../../test/helpers/agentcore-fixture.js';
import { LOCAL_WAIT } from '../agentcore/wait.js';

const repository = () => mkdtempSync(join(tmpdir(), 'local-engine-'));
const localSpec = (name: string, gateways = [REFUND_GATEWAY]) => ({ ...engineSpec(name, gateways), endpoint: 'local' });

describe('startLocalEngine', () => {
  it('keeps its state under .agentcore-policy/, ignored by git, across restarts', async () => {
    const root = repository();
    const first = await openEngine(localSpec('Local'), root);
    expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.wait).toEqual(LOCAL_WAIT);
    const engine = await createEngine(first.client, { name: 'Local' }, first.wait);
    await first.close();
    expect(existsSync(localStatePath(root))).toBe(true);
    expect(readFileSync(join(root, '.agentcore-policy', '.gitignore'), 'utf8')).toBe('*\n');

    const second = await openEngine(localSpec('Local'), root);
    const live = await readLiveState(second.client, localSpec('Local'));
    expect(live.engine?.policyEngineId).toBe(engine.policyEngineId);
    expect(live.gateways[0]?.arn).toBe(GATEWAY_ARN);
    await second.close();
  });

  it('shares one emulator between the local engines of a repository open at once', async () => {
    const root = repository();
    const other = { ...REFUND_GATEWAY, arn: GATEWAY_ARN.replace('refund-gateway', 'orders') };
    const a = await startLocalEngine(localSpec('A'), root);
    const b = await startLocalEngine(localSpec('B', [other]), root);
    expect(b.endpoint).toBe(a.endpoint);
    await a.close();
    const stillUp = await openEngine(localSpec('B', [REFUND_GATEWAY, other]), root, { endpoint: b.endpoint });
    expect((await readLiveState(stillUp.client, localSpec('B', [REFUND_GATEWAY, other]))).gateways).toHaveLength(2);
    await stillUp.close();
    await b.close();
  });

  it('refuses to start with a gateway ARN it cannot seed', async () => {
    const bad = { ...REFUND_GATEWAY, arn: 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/no-suffix' };
    const error = await startLocalEngine(localSpec('Bad', [bad]), repository()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentCoreError);
    expect((error as AgentCoreError).code).toBe('LocalEngineFailed');
    expect((error as AgentCoreError).message).toContain('engines/Bad.yaml');
  });
});
