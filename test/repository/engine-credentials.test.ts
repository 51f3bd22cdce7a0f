// The `aws` block of an engine file (whose credentials reach the engine): the shapes the schema takes into
// EngineSpec.aws, and the mixtures it refuses, each at the line of the block.
import { describe, expect, it } from 'vitest';
import { parseEngineFile } from '../../src/repository/engine-file.js';

const ENGINE = 'name: Payments_prod\nregion: us-east-1\ngroups: [authorization]\ngateways: []\n';
const ROLE = 'arn:aws:iam::210987654321:role/agentcore-policy-apply';
const parse = (aws: string) => parseEngineFile('engines/payments.yaml', `${ENGINE}aws:\n${aws}`);

describe('aws in an engine file', () => {
  it('takes a profile, or a role with an optional external id and session name', () => {
    for (const [yaml, expected] of [
      ['  profile: payments-admin\n', { profile: 'payments-admin' }],
      [`  roleArn: ${ROLE}\n`, { roleArn: ROLE }],
      [`  roleArn: ${ROLE}\n  externalId: acme-7f3a\n  sessionName: nightly\n`, { roleArn: ROLE, externalId: 'acme-7f3a', sessionName: 'nightly' }],
    ] as const) {
      const result = parse(yaml);
      expect(result.ok && result.engine.aws).toEqual(expected);
    }
    const none = parseEngineFile('engines/payments.yaml', ENGINE);
    expect(none.ok && 'aws' in none.engine).toBe(false);
  });

  it('refuses a profile beside a role, an external id without a role, an empty block and a malformed role ARN', () => {
    for (const yaml of [
      `  profile: payments-admin\n  roleArn: ${ROLE}\n`,
      '  profile: payments-admin\n  externalId: acme-7f3a\n',
      '  {}\n',
      '  roleArn: arn:aws:iam::2109:role/short-account\n',
      '  roleArn: arn:aws:iam::210987654321:user/not-a-role\n',
    ]) {
      const result = parse(yaml);
      expect(result.ok, yaml).toBe(false);
      if (!result.ok) for (const d of result.diagnostics) expect(d).toMatchObject({ code: 'repository/schema', file: 'engines/payments.yaml', line: expect.any(Number) });
    }
  });

  it('suggests the key meant for a misspelt one', () => {
    const result = parse(`  rolearn: ${ROLE}\n`);
    expect(!result.ok && result.diagnostics.some((d) => d.code === 'repository/unknown-key' && /"rolearn".*"roleArn"/.test(d.message))).toBe(true);
  });
});
