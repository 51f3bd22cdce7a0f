// The plan as versioned JSON (docs/plan-format.md): what `plan --format json` prints and `plan --out` saves, and
// its reader for `apply plan.json`. The Plan type is the format, so writing is serialising; reading checks the
// version and shape before apply trusts a file that may be old, hand-edited or from another tool.
import type { Diagnostic } from '../model.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../plan/types.js';

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export type PlanReadResult = { ok: true; plan: Plan } | { ok: false; error: Diagnostic };

const ACTIONS = ['create', 'update', 'delete', 'replace', 'no-op'];
const KINDS = ['engine', 'policy', 'gateway'];

export function parsePlanJson(text: string, file = 'plan.json'): PlanReadResult {
  const fail = (message: string): PlanReadResult => ({ ok: false, error: { severity: 'error', code: 'plan/file-invalid', message, file } });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(data)) return fail('not a plan: expected a JSON object');
  if (data.formatVersion !== PLAN_FORMAT_VERSION) {
    return fail(`plan format version ${JSON.stringify(data.formatVersion)} is not supported (this tool reads version ${PLAN_FORMAT_VERSION}); plan again`);
  }
  const problem = shapeProblem(data);
  return problem ? fail(`not a valid plan: ${problem}`) : { ok: true, plan: data as unknown as Plan };
}

function shapeProblem(data: Record<string, unknown>): string | undefined {
  if (!Array.isArray(data.engines)) return '`engines` must be a list';
  if (!isObject(data.counts) || typeof data.hasChanges !== 'boolean' || typeof data.widensAccess !== 'boolean') {
    return '`counts`, `hasChanges` and `widensAccess` are required';
  }
  if (!Array.isArray(data.errors) || !Array.isArray(data.warnings)) return '`errors` and `warnings` must be lists';
  for (const [i, engine] of data.engines.entries()) {
    if (!isObject(engine) || typeof engine.engine !== 'string' || typeof engine.file !== 'string') return `engines[${i}] needs \`engine\` and \`file\``;
    if (typeof engine.fingerprint !== 'string' || !isObject(engine.live)) return `engines[${i}] needs \`fingerprint\` and \`live\``;
    if (!Array.isArray(engine.changes)) return `engines[${i}].changes must be a list`;
    const bad = engine.changes.findIndex((c) => !isObject(c) || !KINDS.includes(c.kind as string) || !ACTIONS.includes(c.action as string) || typeof c.name !== 'string');
    if (bad >= 0) return `engines[${i}].changes[${bad}] needs a known \`kind\`, \`action\` and a \`name\``;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
