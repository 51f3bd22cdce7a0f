// Every code a diagnostic can carry, in one list: `<area>/<name>`, the area being the step that finds it. Codes are
// public (JSON output, annotations, lint suppressions), so a code is renamed only with a note in the changelog.

/** Reading the tree: files, YAML, JSON Schemas, names of folders and engines. */
export type RepositoryCode =
  | 'repository/no-repository'
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
  | 'validate/statement-length';

/** Cedar's own parser and strict validator. */
export type CedarCode = 'cedar/syntax' | 'cedar/validation' | 'cedar/schema';

/** The pitfalls of the AgentCore guide; a manifest entry may silence one by its name (the part after `lint/`). */
export type LintCode =
  | 'lint/unguarded-get-tag'
  | 'lint/resource-type-with-specific-action'
  | 'lint/unconditional-forbid'
  | 'lint/emergency-enabled'
  | 'lint/no-permit';

/** Authorization test cases: how they are written, and how they ran. */
export type TestCode = 'test/unknown-action' | 'test/missing-resource' | 'test/unknown-input' | 'test/missing-input' | 'test/failed';

export type PlanCode =
  | 'plan/enforcement-drift'
  | 'plan/engine-status'
  | 'plan/file-invalid'
  | 'plan/gateway-not-found'
  | 'plan/live-unparsable'
  | 'plan/marker-ignored'
  | 'plan/name-taken-by-unmanaged'
  | 'plan/policy-drift'
  | 'plan/shadow-name-taken'
  | 'plan/version-lower'
  | 'plan/version-not-bumped';

export type ApplyCode =
  | 'apply/engine-locked'
  | 'apply/lock-not-released'
  | 'apply/not-approved'
  | 'apply/not-attempted'
  | 'apply/plan-file-unreadable'
  | 'apply/plan-has-errors'
  | 'apply/stale-plan';

export type EmergencyCode = 'emergency/engine-missing' | 'emergency/no-reason' | 'emergency/not-emergency' | 'emergency/not-on-engine' | 'emergency/unknown-policy';

export type ImportCode = 'import/engine-missing' | 'import/file-exists' | 'import/group-not-deployed';

/** A failure to reach or read the service: `aws/` and the client layer's error code (AgentCoreErrorCode). */
export type AwsCode = `aws/${string}`;

export type DiagnosticCode = RepositoryCode | ValidateCode | CedarCode | LintCode | TestCode | PlanCode | ApplyCode | EmergencyCode | ImportCode | AwsCode;
