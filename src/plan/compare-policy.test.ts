import { describe, expect, it } from 'vitest';
import { applied, desired, engine, live, options } from '../../test/builders/plan.js';
import { planEngine } from './plan-engine.js';
import type { PolicyChange } from './types.js';

// Policies whose statements take a gateway ARN (or a claim) from the engine file, as the example's prod engine does.
const TWO = 'permit (principal, action == AgentCore::Action::"T___a", resource in AgentCore::Gateway::"{{gateway}}") when { principal.getTag("r") == "{{role}}" };';
const OLD_ARN = 'arn:aws:bedrock-agentcore:us-east-1:210987654321:gateway/refund-q8w7e6r5t4';
const NEW_ARN = 'arn:aws:bedrock-agentcore:us-east-1:210987654321:gateway/refund-z1x2c3v4b5';

/** The policy as declared with its variables filled: `source` is the `.cedar` file, as written. */
function declared(source: string, values: Record<string, string>, overrides: Parameters<typeof desired>[2] = {}) {
  const filled = source.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
  return desired('A', filled, { source, ...overrides });
}

function plan(now: ReturnType<typeof declared>, was: ReturnType<typeof declared>, marker: Parameters<typeof applied>[2] = {}) {
  const result = planEngine(engine({ policies: [now] }, { file: 'engines/prod.yaml' }), live({ policies: [applied(was, {}, marker)] }), options);
  const change = result.changes.find((c): c is PolicyChange => c.kind === 'policy')!;
  return { change, errors: result.errors };
}

describe('a statement that changes through an engine variable', () => {
  const source = 'permit (principal, action, resource == AgentCore::Gateway::"{{gateway}}");';

  it('needs no version bump when the .cedar file did not change, and says which variable of which engine file', () => {
    const { change, errors } = plan(declared(source, { gateway: NEW_ARN }), declared(source, { gateway: OLD_ARN }));
    expect(errors).toEqual([]);
    expect(change).toMatchObject({ action: 'update', fields: ['statement'], drift: false });
    expect(change.notes).toEqual([
      'policies/business_rules/a.cedar is unchanged since version 1.0.0 was applied; the statement changes with the value of {{gateway}} in engines/prod.yaml: no version bump needed',
    ]);
  });

  it('names every variable the policy uses, each once', () => {
    const was = declared(TWO, { gateway: OLD_ARN, role: 'agent' });
    const { change, errors } = plan(declared(TWO, { gateway: OLD_ARN, role: 'admin' }), was);
    expect(errors).toEqual([]);
    expect(change.notes[0]).toContain('the value of {{gateway}}, {{role}} in engines/prod.yaml');
  });

  it('still notes it when the version was bumped anyway', () => {
    const { change, errors } = plan(declared(source, { gateway: NEW_ARN }, { version: '1.0.1' }), declared(source, { gateway: OLD_ARN }));
    expect(errors).toEqual([]);
    expect(change.fields).toEqual(['statement', 'version']);
    expect(change.notes[0]).toContain('{{gateway}} in engines/prod.yaml');
  });

  it('needs a bump when the .cedar file changed too', () => {
    const edited = `${source.slice(0, -1)} when { context.input.n < 5 };`;
    const { change, errors } = plan(declared(edited, { gateway: NEW_ARN }), declared(source, { gateway: OLD_ARN }));
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ['plan/version-not-bumped', 'A: policies/business_rules/a.cedar changed since version 1.0.0 was applied; bump its version'],
    ]);
    expect(change.notes).toEqual([]);
  });

  it('needs a bump for an edit of the file that looks like the variable change (a hard-coded ARN)', () => {
    const hardCoded = source.replace('{{gateway}}', NEW_ARN);
    const { errors } = plan(declared(hardCoded, {}), declared(source, { gateway: OLD_ARN }));
    expect(errors.map((e) => e.code)).toEqual(['plan/version-not-bumped']);
  });

  it('falls back to the statement alone under a marker written before source hashes, and says why', () => {
    const { change, errors } = plan(declared(source, { gateway: NEW_ARN }), declared(source, { gateway: OLD_ARN }), { sourceHash: undefined });
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      [
        'plan/version-not-bumped',
        "A: policies/business_rules/a.cedar changed since version 1.0.0 was applied; bump its version (if only {{gateway}} in engines/prod.yaml changed: the live marker predates recording the file's hash, so the plan cannot tell)",
      ],
    ]);
    expect(change.notes).toEqual([]);
  });

  it('does not rewrite an old marker for its missing source hash alone, and records it with the next change', () => {
    const was = declared(source, { gateway: OLD_ARN });
    expect(plan(was, was, { sourceHash: undefined })).toMatchObject({ change: { action: 'no-op', fields: [] }, errors: [] });
    const renamed = declared(source, { gateway: OLD_ARN }, { description: 'new words' });
    const { change } = plan(renamed, was, { sourceHash: undefined });
    expect(change).toMatchObject({ action: 'update', fields: ['description'] });
    expect(change.after!.description).toMatch(/ source=[0-9a-f]{16}\]$/);
  });

  it('is not mistaken for a console edit, nor a console edit for it', () => {
    const was = declared(source, { gateway: OLD_ARN });
    const result = planEngine(engine({ policies: [was] }), live({ policies: [applied(was, { statement: was.statement.replace(OLD_ARN, NEW_ARN) })] }), options);
    const change = result.changes.find((c): c is PolicyChange => c.kind === 'policy')!;
    expect(change).toMatchObject({ action: 'update', drift: true, notes: ['changed outside git: this plan overwrites the live statement'] });
    expect(result.errors).toEqual([]);
  });
});

describe('a policy in AgentCore policy language (definition: policy)', () => {
  const GUARDRAIL = 'forbid (principal, action, resource) when guardrails { BedrockGuardrails::ContentFilter(["HATE"], [context.input.reason]).maxConfidenceScore().greaterThan(decimal("0.2")) };';
  const text = (overrides: Parameters<typeof desired>[2] = {}) => ({ ...desired('G', GUARDRAIL, { definition: 'policy', ...overrides }), statement: GUARDRAIL });
  const planned = (now: ReturnType<typeof text>, was: Parameters<typeof live>[0]) =>
    planEngine(engine({ policies: [now] }), live(was), options).changes.find((c): c is PolicyChange => c.kind === 'policy')!;

  it('is compared as text, not as unparsable Cedar', () => {
    const now = text();
    const change = planned(now, { policies: [{ ...applied(now), definition: 'policy' }] });
    expect(change).toMatchObject({ action: 'no-op', drift: false, before: { definition: 'policy', statement: GUARDRAIL } });
  });

  it('is sent again when the live policy holds the same text as Cedar, saying the service validates it', () => {
    const now = text();
    const change = planned(now, { policies: [applied(now)] });
    expect(change).toMatchObject({ action: 'update', fields: ['statement'], after: { definition: 'policy' } });
    expect(change.notes).toContain('definition: policy: checked here for length, name and one statement only; the service validates the rest when apply sends it');
  });
});
