// Syntax checks and schema-aware validation of many policies at once. Policies are checked as one joined text
// (several times faster in cedar-wasm than a record of texts) and findings are mapped back to each policy; only
// when the joined text fails to parse does it fall back to per-policy parsing for exact locations.
import * as cedar from './wasm.js';
import { safely, toIssue, type CedarIssue } from './issues.js';

export type PolicyTexts = ReadonlyMap<string, string>;
export type IssuesById = Map<string, CedarIssue[]>;

interface Joined {
  text: string;
  ids: string[];
  /** Byte offset at which each policy starts in the joined text. */
  starts: number[];
}

function join(policies: PolicyTexts): Joined {
  const ids = [...policies.keys()];
  const starts: number[] = [];
  let offset = 0;
  for (const id of ids) {
    starts.push(offset);
    offset += Buffer.byteLength(policies.get(id)!, 'utf8') + 1;
  }
  return { text: ids.map((id) => policies.get(id)!).join('\n'), ids, starts };
}

function add(map: IssuesById, id: string, issue: CedarIssue): void {
  const list = map.get(id);
  if (list) list.push(issue);
  else map.set(id, [issue]);
}

/** Parse errors per policy id; a policy that parses has no entry. Each text should hold one policy. */
export function checkSyntax(policies: PolicyTexts): IssuesById {
  const issues: IssuesById = new Map();
  if (policies.size === 0) return issues;
  const joined = join(policies);
  const fast = safely(() => cedar.checkParsePolicySet({ staticPolicies: joined.text }));
  if (fast.type === 'success') return issues;
  const slow = safely(() => cedar.checkParsePolicySet({ staticPolicies: Object.fromEntries(policies) }));
  if (slow.type === 'success') return issues;
  for (const error of slow.errors) {
    const id = /policy with id `(.*?)` from string/.exec(error.message)?.[1];
    const message = error.message.replace(/^failed to parse policy with id `.*?` from string: /, '');
    // An error naming no policy (a rejected input) concerns them all.
    for (const target of id !== undefined && policies.has(id) ? [id] : policies.keys()) {
      add(issues, target, { ...toIssue(error), message });
    }
  }
  return issues;
}

export interface ValidationResult {
  /** Findings per policy id. */
  issues: IssuesById;
  /** Problems with the schema itself (or with the whole set), not tied to one policy. */
  general: CedarIssue[];
  /** True when cedar-wasm could not validate at all (a policy does not parse, or the schema is bad). */
  failed: boolean;
}

/** Strict schema validation of policies that already parse, one text each. */
export function validatePolicies(schema: Record<string, unknown>, policies: PolicyTexts): ValidationResult {
  const result: ValidationResult = { issues: new Map(), general: [], failed: false };
  if (policies.size === 0) return result;
  const joined = join(policies);
  const answer = safely(() =>
    cedar.validate({ schema: schema as cedar.Schema, policies: { staticPolicies: joined.text }, validationSettings: { mode: 'strict' } }),
  );
  if (answer.type === 'failure') {
    for (const error of answer.errors) result.general.push(toIssue(error));
    return { ...result, failed: true };
  }
  const place = (policyId: string, error: cedar.DetailedError, severity: 'error' | 'warning') => {
    const index = Number(/^policy(\d+)$/.exec(policyId)?.[1] ?? -1);
    const id = joined.ids[index];
    if (id === undefined) result.general.push(toIssue(error, severity));
    else add(result.issues, id, { ...toIssue(error, severity, joined.starts[index]), message: error.message.replace(/^for policy `.*?`, /, '') });
  };
  for (const { policyId, error } of answer.validationErrors) place(policyId, error, 'error');
  for (const { policyId, error } of answer.validationWarnings) place(policyId, error, 'warning');
  for (const warning of answer.otherWarnings) result.general.push(toIssue(warning, 'warning'));
  return result;
}

/** Whether a Cedar schema (JSON) is itself well formed. */
export function checkSchema(schema: Record<string, unknown>): CedarIssue[] {
  const answer = safely(() => cedar.checkParseSchema(schema as cedar.Schema));
  return answer.type === 'success' ? [] : answer.errors.map((e) => toIssue(e));
}
