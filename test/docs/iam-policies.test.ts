// The IAM policies of docs/action.md against the calls the client layer makes: the plan role allows every read that
// plan and pull make (engines, policies, gateways and their targets), the apply role every read and write of apply,
// and the S3 read of tool schemas is there for pull. The operations come from the code, so a new call fails here
// until the documented policy allows it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/repo.js';

const source = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');
/** The operations a module calls through the client layer's `call('Operation', ...)`. */
const operations = (file: string) => [...source(file).matchAll(/\bcall\('([A-Za-z]+)'/g)].map((m) => m[1]!);
const CALLED = [...new Set(['src/agentcore/live-state.ts', 'src/agentcore/gateways.ts', 'src/agentcore/policies.ts'].flatMap(operations))].sort();

/** The `Action`s of the JSON policy that follows `heading` in docs/action.md (its second block: the first is the trust). */
function allowed(heading: string): string[] {
  const text = source('docs/action.md');
  const section = text.slice(text.indexOf(heading));
  const blocks = [...section.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]!) as { Statement: { Action: string | string[] }[] });
  return blocks[1]!.Statement.flatMap((s) => s.Action);
}

describe('the IAM policies in docs/action.md', () => {
  it('the plan role allows every read plan and pull make', () => {
    const reads = CALLED.filter((op) => /^(Get|List)/.test(op));
    expect(reads).toEqual(expect.arrayContaining(['GetGateway', 'GetGatewayTarget', 'ListGatewayTargets', 'ListGateways', 'ListPolicies']));
    expect(allowed('### The plan role')).toEqual(expect.arrayContaining(reads.map((op) => `bedrock-agentcore:${op}`)));
  });

  it('the apply role allows every call apply makes', () => {
    expect(allowed('### The apply role')).toEqual(expect.arrayContaining(CALLED.map((op) => `bedrock-agentcore:${op}`)));
  });

  it('says which S3 read pull makes for tool schemas kept in S3', () => {
    expect(source('src/agentcore/s3-schemas.ts')).toContain('GetObjectCommand');
    expect(source('docs/action.md')).toContain('"Action": "s3:GetObject"');
  });
});
