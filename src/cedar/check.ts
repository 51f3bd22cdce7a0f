// Syntax checks and schema-aware validation of many policies at once. Policies are checked as one joined text
// (several times faster in cedar-wasm than a record of texts) and findings are mapped back to each policy; only
// when the joined text fails to parse does it fall back to per-policy parsing for exact locations. A policy that
// nests too deeply for Cedar is refused here, before Cedar sees it (nesting.ts); should one still trap Cedar, the
// policies are checked one by one, so only that one is blamed and the others keep their exact findings.
import * as cedar from './wasm.js';
import { safely, toIssue, trapped, type CedarIssue } from './issues.js';
import { MAX_NESTING, nestingIssue } from './nesting.js';

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

/** Policies that nest too deeply get their issue in `issues` and are left out of the rest. */
function withoutDeep(policies: PolicyTexts, issues: IssuesById, nestingLimit: number): Map<string, string> {
  const shallow = new Map<string, string>();
  for (const [id, text] of policies) {
    const deep = nestingIssue(text, nestingLimit);
    if (deep) add(issues, id, deep);
    else shallow.set(id, text);
  }
  return shallow;
}

/** Parse errors per policy id; a policy that parses has no entry. Each text should hold one policy. `nestingLimit`
 * is how deep a policy may nest before it is refused without asking Cedar (Infinity: the caller has refused the
 * deeper ones itself). */
export function checkSyntax(policies: PolicyTexts, nestingLimit = MAX_NESTING): IssuesById {
  const issues: IssuesById = new Map();
  const shallow = withoutDeep(policies, issues, nestingLimit);
  if (shallow.size === 0) return issues;
  const fast = safely(() => cedar.checkParsePolicySet({ staticPolicies: join(shallow).text }));
  if (fast.type === 'success') return issues;
  const parse = (texts: PolicyTexts) => safely(() => cedar.checkParsePolicySet({ staticPolicies: Object.fromEntries(texts) }));
  const slow = parse(shallow);
  if (slow.type === 'success') return issues;
  if (!trapped(slow)) {
    addParseErrors(issues, shallow, slow.errors);
    return issues;
  }
  for (const [id, text] of shallow) {
    const one = parse(new Map([[id, text]]));
    if (one.type === 'failure') addParseErrors(issues, new Map([[id, text]]), one.errors);
  }
  return issues;
}

function addParseErrors(issues: IssuesById, policies: PolicyTexts, errors: cedar.DetailedError[]): void {
  for (const error of errors) {
    const id = /policy with id `(.*?)` from string/.exec(error.message)?.[1];
    const message = error.message.replace(/^failed to parse policy with id `.*?` from string: /, '');
    // An error naming no policy (a rejected input) concerns them all.
    for (const target of id !== undefined && policies.has(id) ? [id] : policies.keys()) {
      add(issues, target, { ...toIssue(error), message });
    }
  }
}

export interface ValidationResult {
  /** Findings per policy id. */
  issues: IssuesById;
  /** Problems with the schema itself (or with the whole set), not tied to one policy. */
  general: CedarIssue[];
  /** True when cedar-wasm could not validate at all (a policy does not parse, or the schema is bad). */
  failed: boolean;
}

/** Strict schema validation of policies that already parse, one text each. A policy nesting past `nestingLimit`
 * counts as one that does not parse: its issue is given and `failed` is set, without asking Cedar. */
export function validatePolicies(schema: Record<string, unknown>, policies: PolicyTexts, nestingLimit = MAX_NESTING): ValidationResult {
  const result: ValidationResult = { issues: new Map(), general: [], failed: false };
  if (policies.size === 0) return result;
  if (withoutDeep(policies, result.issues, nestingLimit).size < policies.size) return { ...result, failed: true };
  const joined = join(policies);
  const answer = safely(() =>
    cedar.validate({ schema: schema as cedar.Schema, policies: { staticPolicies: joined.text }, validationSettings: { mode: 'strict' } }),
  );
  if (answer.type === 'failure') {
    if (trapped(answer)) return validateEach(schema, policies, answer.errors, nestingLimit);
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

/** After a trap: each policy alone, so the one that traps gets the trap as its error and the others their findings. */
function validateEach(schema: Record<string, unknown>, policies: PolicyTexts, trap: cedar.DetailedError[], nestingLimit: number): ValidationResult {
  if (policies.size === 1) return { issues: new Map([[[...policies.keys()][0]!, trap.map((e) => toIssue(e))]]), general: [], failed: false };
  const merged: ValidationResult = { issues: new Map(), general: [], failed: false };
  for (const [id, text] of policies) {
    const one = validatePolicies(schema, new Map([[id, text]]), nestingLimit);
    for (const [target, issues] of one.issues) for (const issue of issues) add(merged.issues, target, issue);
    // Findings about the schema come once per policy validated; say each once.
    merged.general.push(...one.general.filter((issue) => !merged.general.some((seen) => seen.message === issue.message)));
    merged.failed ||= one.failed;
  }
  return merged;
}

/** Whether a Cedar schema (JSON) is itself well formed. */
export function checkSchema(schema: Record<string, unknown>): CedarIssue[] {
  const answer = safely(() => cedar.checkParseSchema(schema as cedar.Schema));
  return answer.type === 'success' ? [] : answer.errors.map((e) => toIssue(e));
}
