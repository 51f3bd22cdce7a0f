// `generate` end to end on the embedded local engine: each natural-language example of AWS's guide is generated,
// written with --write into a repository holding only its gateway, the written test case (a TODO skeleton) is
// filled in with the example's boundary requests, and `validate` and `test` pass; the guide's pitfalls (a hyphen in
// the name, vague text) are refused as the service would refuse them, and nothing is written for them.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { GatewaySpec } from '../../src/model.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeRepos } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';
import { GUIDE_EXAMPLES, type Example } from '../emulator/guide-examples.js';
import { GUIDE_GATEWAYS } from '../emulator/guide-gateways.js';

afterAll(removeRepos);

const ENGINE = 'Guide';
const EMPTY_GROUP = 'policies: []\n';

/** A permit for one principal no case uses: an engine needs a permit to be applied at all (lint/no-permit). */
const BOOTSTRAP = 'permit (principal == AgentCore::OAuthUser::"bootstrap", action, resource == AgentCore::Gateway::"{{gw}}");\n';
/** What the guide's generated forbid cuts into, so its effect shows. */
const BASE = 'permit (principal, action, resource == AgentCore::Gateway::"{{gw}}") when { context.input.claimId != "" };\n';

/** A repository whose one local engine holds just this gateway (as `{{gw}}`) and one permit (the base of a forbid). */
async function repositoryFor(gateway: GatewaySpec, base = BOOTSTRAP): Promise<string> {
  const engine = { name: ENGINE, region: 'us-west-2', endpoint: 'local', groups: ['authorization', 'business_rules'], variables: { gw: gateway.arn }, gateways: [gateway] };
  return makeRepo(
    {
      'engines/guide.yaml': stringify(engine),
      'policies/business_rules/policies.yaml': EMPTY_GROUP,
      'policies/authorization/policies.yaml': stringify({ policies: [{ name: 'BasePermit', file: 'base_permit.cedar', version: '1.0.0', description: 'The permit the engine starts with' }] }),
      'policies/authorization/base_permit.cedar': base,
    },
    { empty: true },
  );
}

/** The example's boundary requests as test cases, in place of the TODO skeleton generate wrote. */
function filledCases(example: Example): string {
  const [target] = example.gateway.targets;
  const cases = example.expect.map(([tags, input, decision], i) => ({
    name: `${decision} ${i}`,
    principal: { type: 'OAuthUser', id: 'alice', tags },
    action: `${target!.name}___${target!.tools[0]!.name}`,
    resource: '{{gw}}',
    input,
    expect: decision,
  }));
  return stringify(cases);
}

describe('generate --write on the local engine', PROCESS_TESTS, () => {
  it.each(GUIDE_EXAMPLES.map((example, index) => [example.text, example, index] as const))('%s', async (_text, example, index) => {
    const root = await repositoryFor(example.gateway, example.base ? BASE : BOOTSTRAP);
    const applied = await runCli(['apply', '--dir', root, '--auto-approve']);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const name = `Guide_${index}`;
    const generated = await runCli(['generate', example.text, '--engine', ENGINE, '--gateway', '{{gw}}', '--name', name, '--write'], { cwd: root });
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain(`from "${example.text}"`);
    expect(generated.stdout).toContain('findings: VALID');
    expect(generated.stdout).toContain(`Wrote policies/business_rules/guide_${index}.cedar (${name}, version 1.0.0)`);
    expect(generated.stdout).toContain('The repository validates with the generated policies.');

    const source = await readFile(join(root, `policies/business_rules/guide_${index}.cedar`), 'utf8');
    expect(source).toContain('AgentCore::Gateway::"{{gw}}"');
    const manifest = await readFile(join(root, 'policies/business_rules/policies.yaml'), 'utf8');
    expect(manifest).toContain(`name: ${name}`);
    expect(manifest).toContain(`description: ${example.text}`);
    expect(manifest).toContain('enabled: true');
    const testFile = join(root, `policies/business_rules/guide_${index}.test.yaml`);
    expect(await readFile(testFile, 'utf8')).toContain('TODO: complete this case');

    await writeFile(testFile, filledCases(example));
    const tested = await runCli(['test', '--dir', root, '--format', 'json']);
    const report = JSON.parse(tested.stdout) as { passed: number; failed: number; cases: { name: string; actual: string }[] };
    expect({ failed: report.failed, cases: report.cases.map((c) => `${c.name}: ${c.actual}`) }).toEqual({
      failed: 0,
      cases: example.expect.map(([, , decision], i) => `${decision} ${i}: ${decision}`),
    });
  });

  it('refuses the name of pitfall 1 before anything is sent, suggesting one the service takes', async () => {
    const root = await repositoryFor(GUIDE_GATEWAYS.refund);
    const result = await runCli(['generate', 'Allow refunds under $500', '--dir', root, '--engine', ENGINE, '--gateway', '{{gw}}', '--name', 'refund-policy-v1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error generate/invalid-name: "refund-policy-v1" is not a valid policy name');
    expect(result.stderr).toContain('e.g. refund_policy_v1');
  });

  it('needs the engine live with the gateway attached, and says to apply first', async () => {
    const root = await repositoryFor(GUIDE_GATEWAYS.refund);
    const result = await runCli(['generate', 'Allow refunds under $500', '--dir', root, '--engine', ENGINE, '--gateway', '{{gw}}', '--name', 'Refunds']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error generate/engine-missing: engine Guide does not exist live yet: run agentcore-policy apply first');
    const unknown = await runCli(['generate', 'Allow refunds under $500', '--dir', root, '--engine', ENGINE, '--gateway', '{{nope}}', '--name', 'Refunds']);
    expect(unknown.stderr).toContain('error generate/unknown-gateway: {{nope}} is not a gateway of engine Guide; use one of {{gw}}');
  });

  it('writes nothing for the vague text of pitfall 3, quoting the NOT_TRANSLATABLE finding', async () => {
    const root = await repositoryFor(GUIDE_GATEWAYS.refund);
    expect((await runCli(['apply', '--dir', root, '--auto-approve'])).code).toBe(0);
    const result = await runCli(['generate', 'Allow refunds when the amount is reasonable', '--engine', ENGINE, '--gateway', '{{gw}}', '--name', 'Vague', '--write'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('findings: NOT_TRANSLATABLE');
    expect(result.stdout).toMatch(/Not written: asset \S+ \("Allow refunds when the amount is reasonable"\): the service returned no statement: NOT_TRANSLATABLE/);
    expect(result.stderr).toContain('error generate/nothing-written');
    expect(await readFile(join(root, 'policies/business_rules/policies.yaml'), 'utf8')).toBe(EMPTY_GROUP);
  });
});
