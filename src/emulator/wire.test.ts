import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { MAX_BODY_DEPTH } from './nesting.js';
import { listPolicies } from './ops/list-policies.js';
import { bodyInput, requestInput, signingRegion } from './wire.js';

describe('wire', () => {
  it('reads the signing region from a SigV4 authorization header', () => {
    const header = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129/eu-west-1/bedrock-agentcore/aws4_request, SignedHeaders=host, Signature=ab';
    expect(signingRegion(header)).toBe('eu-west-1');
    expect(signingRegion(undefined)).toBeUndefined();
    expect(signingRegion('Bearer x')).toBeUndefined();
  });
  it('parses JSON object bodies and refuses anything else with CannotParse', () => {
    expect(bodyInput('')).toEqual({});
    expect(bodyInput('{"name":"x"}')).toEqual({ name: 'x' });
    expect((bodyInput('[1]') as ApiError).reason).toBe('CannotParse');
    expect((bodyInput('{oops') as ApiError).reason).toBe('CannotParse');
  });
  it('refuses a body nested deeper than MAX_BODY_DEPTH with FieldValidationFailed, and takes one exactly that deep', () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
    expect(bodyInput(nested(MAX_BODY_DEPTH))).not.toBeInstanceOf(ApiError);
    for (const text of [nested(MAX_BODY_DEPTH + 1), `{"tags":${'['.repeat(100_000)}${']'.repeat(100_000)}}`]) {
      const refused = bodyInput(text) as ApiError;
      expect(refused).toBeInstanceOf(ApiError);
      expect([refused.name, refused.reason, refused.message]).toEqual(['ValidationException', 'FieldValidationFailed', `The request body nests deeper than ${MAX_BODY_DEPTH} levels.`]);
    }
  });
  it('merges labels and declared query parameters, reading integers', () => {
    const query = new URLSearchParams('maxResults=25&nextToken=abc&unknown=1&targetResourceScope=arn%3Ax');
    expect(requestInput(listPolicies, {}, { policyEngineId: 'e-abcdefghij' }, query)).toEqual({
      policyEngineId: 'e-abcdefghij',
      maxResults: 25,
      nextToken: 'abc',
      targetResourceScope: 'arn:x',
    });
    expect(requestInput(listPolicies, {}, {}, new URLSearchParams('maxResults=ten')).maxResults).toBe('ten');
  });
});
