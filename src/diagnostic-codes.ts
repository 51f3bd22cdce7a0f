// Every code a diagnostic can carry, in one list: `<area>/<name>`, the area being the step that finds it. Codes are
// public (JSON output, annotations, lint suppressions), so a code is renamed only with a note in the changelog.

/** Reading the tree: files, YAML, JSON Schemas, names of folders and engines. */
export type RepositoryCode =
  | 'repository/no-repository'
  | 'repository/git-ref'
  | 'repository/no-engines'
  | 'repository/unknown-engine'
  | 'repository/unknown-group'
  | 'repository/file-missing'
  | 'repository/file-unreadable'
  | 'repository/not-a-file'
  | 'repository/file-too-large'
  | 'repository/not-utf8'
  | 'repository/path-escape'
  | 'repository/empty-file'
  | 'repository/yaml-syntax'
  | 'repository/duplicate-key'
  | 'repository/schema'
  | 'repository/unknown-key'
  | 'repository/unknown-variable'
  | 'repository/invalid-semver';

/** Checks across files, and of each policy's text before Cedar sees it. */
export type ValidateCode =
  | 'validate/duplicate-engine'
  | 'validate/reserved-name'
  | 'validate/group-not-deployed'
  | 'validate/duplicate-name'
  | 'validate/duplicate-file'
  | 'validate/empty-policy'
  | 'validate/multiple-policies'
  | 'validate/nesting-too-deep'
  | 'validate/placeholder-outside-string'
  | 'validate/invalid-placeholder'
  | 'validate/unknown-variable'
  | 'validate/statement-length'
  | 'validate/gateway-arn';

/** The findings AgentCore's policy validation makes (ALLOW_ALL, DENY_ALL, ALLOW_NONE, DENY_NONE), made locally. */
export type FindingCode = 'finding/allow-all' | 'finding/deny-all' | 'finding/allow-none' | 'finding/deny-none';

/** Cedar's own parser and strict validator. */
export type CedarCode = 'cedar/syntax' | 'cedar/validation' | 'cedar/schema';

/** The lints about one policy, which its manifest entry may ignore by name (`lints: {ignore: [unconditional-forbid]}`);
 * the same list is the enum of `lints.ignore` in schemas/policies.schema.json. */
export const POLICY_LINTS = ['unguarded-get-tag', 'resource-type-with-specific-action', 'unconditional-forbid', 'emergency-enabled'] as const;
export type PolicyLint = (typeof POLICY_LINTS)[number];

/** The pitfalls of the AgentCore guide: the policy lints, and `no-permit`, which is about a whole engine. */
export type LintCode = `lint/${PolicyLint}` | 'lint/no-permit';

/** Authorization test cases: how they are written, and how they ran. */
export type TestCode =
  | 'test/unknown-action'
  | 'test/missing-resource'
  | 'test/unknown-input'
  | 'test/missing-input'
  | 'test/not-checked'
  | 'test/failed';

export type PlanCode =
  | 'plan/enforcement-drift'
  | 'plan/engine-locked'
  | 'plan/engine-status'
  | 'plan/file-invalid'
  | 'plan/gateway-not-declared'
  | 'plan/gateway-not-found'
  | 'plan/gateway-schema-changed'
  | 'plan/gateway-schema-drift'
  | 'plan/intermediate-widening'
  | 'plan/intermediate-unchecked'
  | 'plan/live-unparsable'
  | 'plan/marker-ignored'
  | 'plan/marker-lost'
  | 'plan/name-taken-by-unmanaged'
  | 'plan/policy-drift'
  | 'plan/shadow-name-taken'
  | 'plan/unfinished-first-deploy'
  | 'plan/version-lower'
  | 'plan/version-not-bumped';

export type ApplyCode =
  | 'apply/engine-locked'
  | 'apply/lock-not-released'
  | 'apply/not-approved'
  | 'apply/not-attempted'
  | 'apply/plan-file-edited'
  | 'apply/plan-file-unreadable'
  | 'apply/plan-has-errors'
  | 'apply/plan-other-engine'
  | 'apply/repository-changed'
  | 'apply/stale-plan';

/** Clearing an apply lock by hand (`unlock`). */
export type UnlockCode = 'unlock/engine-missing' | 'unlock/not-locked' | 'unlock/wrong-id';

export type EmergencyCode = 'emergency/engine-missing' | 'emergency/no-reason' | 'emergency/not-emergency' | 'emergency/not-on-engine' | 'emergency/unknown-policy';

export type ImportCode = 'import/engine-missing' | 'import/file-exists' | 'import/group-not-deployed';

/** Natural-language generation (`generate`): what it needs live, what the service answered, what it wrote. */
export type GenerateCode =
  | 'generate/invalid-name'
  | 'generate/unknown-gateway'
  | 'generate/group-not-deployed'
  | 'generate/engine-missing'
  | 'generate/not-attached'
  | 'generate/failed'
  | 'generate/exists'
  | 'generate/nothing-written';

/** Rewriting engine files from the live gateways (`pull`), and scaffolding a repository (`init`). */
export type PullCode = 'pull/tools-unknown' | 'pull/stale' | 'pull/not-rewritten';
export type InitCode = 'init/file-exists' | 'init/engine-missing';

/** Test cases sent through the live gateways (`test --gateway`). */
export type GatewayTestCode = 'gateway/no-token-command' | 'gateway/not-applied' | 'gateway/changes-not-applied';

/** Tokens from the local issuer (`token`). */
export type TokenCode = 'token/not-local' | 'token/not-minted';

/** Switching a LOG_ONLY policy to ACTIVE on the evidence of recorded decisions (`promote`). */
export type PromoteCode =
  | 'promote/unknown-policy'
  | 'promote/not-log-only'
  | 'promote/not-on-engine'
  | 'promote/not-enough-decisions'
  | 'promote/too-many-flips';

/** A failure to reach or read the service: `aws/` and the client layer's error code (AgentCoreErrorCode). */
export type AwsCode = `aws/${string}`;

export type DiagnosticCode =
  | RepositoryCode
  | ValidateCode
  | CedarCode
  | FindingCode
  | LintCode
  | TestCode
  | PlanCode
  | ApplyCode
  | UnlockCode
  | EmergencyCode
  | ImportCode
  | GenerateCode
  | PromoteCode
  | GatewayTestCode
  | TokenCode
  | PullCode
  | InitCode
  | AwsCode;
