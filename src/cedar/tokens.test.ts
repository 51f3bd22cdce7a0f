import { describe, expect, it } from 'vitest';
import { readPolicyShape, splitStatements, tokenize } from './tokens.js';

describe('readPolicyShape', () => {
  it('reads effect, scope and conditions', () => {
    const shape = readPolicyShape(`@id("x") // comment; with semicolon
forbid(principal is AgentCore::OAuthUser, action in [AgentCore::Action::"A___b", AgentCore::Action::"C___d"], resource == AgentCore::Gateway::"arn:\\"q")
when { context.input has description };`);
    expect(shape).toMatchObject({
      effect: 'forbid',
      principal: { op: 'is', entityType: 'AgentCore::OAuthUser' },
      action: { op: 'in', entityIds: ['A___b', 'C___d'] },
      resource: { op: '==', entityType: 'AgentCore::Gateway', entityId: 'arn:"q' },
      hasConditions: true,
    });
  });

  it('sees an unconditional forbid and refuses two policies', () => {
    expect(readPolicyShape('forbid(principal, action, resource);')).toMatchObject({ effect: 'forbid', hasConditions: false, action: { op: 'all' } });
    expect(readPolicyShape('permit(principal, action, resource); permit(principal, action, resource);')).toBeUndefined();
  });

  it('counts statements without being fooled by semicolons in strings or comments', () => {
    expect(splitStatements(tokenize('permit(principal, action, resource) when { "a;b" == "c" }; // ; \n'))).toHaveLength(1);
  });
});
