// Property-based fuzz of validate's layers on mutated manifests, engine files, test files and Cedar text: nothing
// throws, nothing hangs, and every diagnostic names a file and a line inside it.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, PolicySpec } from '../../src/model.js';
import { parseEngineFile } from '../../src/repository/engine-file.js';
import { parseTestsFile } from '../../src/repository/tests-file.js';
import { parseYaml } from '../../src/repository/yaml-file.js';
import { checkEnginePolicies, checkPolicySyntax } from '../../src/validation/cedar-checks.js';
import { lintPolicyShape, lintUnguardedGetTag } from '../../src/validation/lints.js';
import { mutate, mutations } from './mutations.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const engineText = read('engines/local.yaml');
const manifestText = read('policies/business_rules/policies.yaml');
const testsText = read('policies/business_rules/refunds.test.yaml');
const cedarText = read('policies/business_rules/refund_under_500.cedar');
const engine = (() => {
  const parsed = parseEngineFile('engines/local.yaml', engineText);
  if (!parsed.ok) throw new Error('the example engine file must parse');
  return parsed.engine;
})();

function expectLocated(diagnostics: Diagnostic[], text: string): void {
  const lines = text.split('\n').length;
  for (const d of diagnostics) {
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.file).toBeTruthy();
    if (d.line !== undefined) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lines + 1);
    }
  }
}

const RUNS = { numRuns: 1500, seed: 20261129 };

describe('fuzz: YAML files', () => {
  it('engine files, manifests and test files never throw and locate every finding', () => {
    fc.assert(
      fc.property(mutations, mutations, mutations, (a, b, c) => {
        const engineVariant = mutate(engineText, a);
        const result = parseEngineFile('engines/local.yaml', engineVariant);
        if (!result.ok) expectLocated(result.diagnostics, engineVariant);

        const manifestVariant = mutate(manifestText, b);
        const manifest = parseYaml('policies/business_rules/policies.yaml', manifestVariant, 'policies');
        if (!manifest.ok) expectLocated(manifest.diagnostics, manifestVariant);

        const testsVariant = mutate(testsText, c);
        expectLocated(parseTestsFile('policies/business_rules/refunds.test.yaml', testsVariant).diagnostics, testsVariant);
      }),
      RUNS,
    );
  });
});

describe('fuzz: Cedar text', () => {
  it('syntax, lints and schema validation never throw and locate every finding in the file', () => {
    fc.assert(
      fc.property(mutations, (steps) => {
        const source = mutate(cedarText, steps);
        const policy: PolicySpec = {
          name: 'Fuzzed',
          group: 'business_rules',
          file: 'policies/business_rules/fuzzed.cedar',
          declaredAt: { file: 'policies/business_rules/policies.yaml', line: 1, column: 1 },
          version: '1.0.0',
          description: 'fuzzed',
          enabled: true,
          enforcementMode: 'ACTIVE',
          validationMode: 'FAIL_ON_ANY_FINDINGS',
          source,
        };
        const syntax = checkPolicySyntax([policy], new Set([policy]));
        const found = [...syntax.diagnostics];
        for (const parsed of syntax.parsed) {
          found.push(...lintUnguardedGetTag(parsed.policy, parsed.tokens), ...lintPolicyShape(parsed.policy, parsed.tokens));
          found.push(...checkEnginePolicies(engine, [parsed]).diagnostics);
        }
        expectLocated(found.filter((d) => d.file === policy.file), source);
      }),
      { ...RUNS, numRuns: 1000 },
    );
  });
});
