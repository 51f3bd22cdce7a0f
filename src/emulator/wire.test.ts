import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
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
