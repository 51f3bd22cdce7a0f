import { describe, expect, it } from 'vitest';
import { describeHolder, lockId, lockWarning, parseHolder, unlockCommand } from './apply-lock.js';

const holder = { host: 'ci-runner-7', pid: 4242, id: '6f1c0a2e-9b7d-4c1e-8f00-1234567890ab', since: '2026-11-29T04:00:00.000Z' };
const lock = (description?: string) => ({ policyId: 'AgentcorePolicyApplyLock-a1b2c3d4e5', ...(description !== undefined && { description }) });

describe('the lock holder', () => {
  it('is written into the lock description and read back', () => {
    expect(parseHolder(describeHolder(holder))).toEqual(holder);
    expect(parseHolder(describeHolder({ ...holder, id: '6f1c' }))).toEqual({ ...holder, id: '6f1c' });
    expect(parseHolder('made in the console')).toBeUndefined();
    expect(parseHolder(undefined)).toBeUndefined();
  });

  it('gives the holder id to unlock by, or the policy id when the description names no holder', () => {
    expect(lockId(lock(describeHolder(holder)))).toBe(holder.id);
    expect(lockId(lock('left by hand'))).toBe('AgentcorePolicyApplyLock-a1b2c3d4e5');
    expect(lockId(lock())).toBe('AgentcorePolicyApplyLock-a1b2c3d4e5');
  });

  it('never reads shell syntax written into a description as an id to print in a command', () => {
    for (const id of ['$(touch /tmp/x)', '`id`', 'a;rm', "a'b", 'a|sh', 'x'.repeat(65)]) {
      const description = describeHolder({ ...holder, id });
      expect(parseHolder(description), id).toBeUndefined();
      expect(unlockCommand('Main', lock(description)), id).toBe('agentcore-policy unlock --engine Main AgentcorePolicyApplyLock-a1b2c3d4e5');
    }
    // A policy id the service would never give is still quoted as one word.
    expect(unlockCommand('Main', { policyId: "x'; rm -rf ~" })).toBe(`agentcore-policy unlock --engine Main 'x'\\''; rm -rf ~'`);
  });
});

describe('lockWarning', () => {
  it('says who holds the engine, since when, and how to clear it', () => {
    const warning = lockWarning('Main', 'engines/main.yaml', lock(describeHolder(holder)));
    expect(warning).toEqual({ severity: 'warning', code: 'plan/engine-locked', file: 'engines/main.yaml', engine: 'Main', message: expect.any(String) });
    expect(warning.message).toContain('from ci-runner-7, process 4242, since 2026-11-29T04:00:00.000Z');
    expect(warning.message).toContain(`lock id ${holder.id}`);
    expect(warning.message).toMatch(new RegExp(`clear the lock with: agentcore-policy unlock --engine Main ${holder.id}$`));
    // The engine is in its field, not in the text (but for the command).
    expect(warning.message.replace(/--engine Main/, '')).not.toContain('Main');
  });

  it('says the holder is unknown for a lock left by hand', () => {
    const warning = lockWarning('Main', 'engines/main.yaml', lock('made in the console'));
    expect(warning.message).toContain('holder unknown; lock id AgentcorePolicyApplyLock-a1b2c3d4e5');
  });
});
