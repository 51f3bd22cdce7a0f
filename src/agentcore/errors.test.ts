import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { describe, expect, it } from 'vitest';
import { AgentCoreError, call, describeAwsError, redact } from './errors.js';

const meta = (attempts = 1, httpStatusCode = 400) => ({ $metadata: { attempts, httpStatusCode } });

describe('describeAwsError', () => {
  it('names the IAM action when access is denied', () => {
    const error = new AccessDeniedException({ message: 'User is not authorized', ...meta(1, 403) });
    expect(describeAwsError(error, 'CreatePolicy')).toEqual({
      code: 'AccessDenied',
      message: expect.stringContaining('bedrock-agentcore:CreatePolicy') as string,
    });
  });
  it('tells engines, policies and gateways apart when something is not found', () => {
    const error = new ResourceNotFoundException({ message: 'not found', ...meta(1, 404) });
    expect(describeAwsError(error, 'GetPolicyEngine').code).toBe('EngineNotFound');
    expect(describeAwsError(error, 'GetGateway').code).toBe('GatewayNotFound');
    expect(describeAwsError(error, 'DeletePolicy').code).toBe('PolicyNotFound');
    expect(describeAwsError(error).code).toBe('NotFound');
  });
  it('gives the service reason and fields of a validation failure', () => {
    const error = new ValidationException({
      message: 'bad statement',
      reason: 'FieldValidationFailed',
      fieldList: [{ name: 'definition', message: 'unexpected token' }],
      ...meta(),
    });
    const { code, message } = describeAwsError(error, 'CreatePolicy');
    expect(code).toBe('ValidationFailed');
    expect(message).toContain('bad statement');
    expect(message).toContain('FieldValidationFailed');
    expect(message).toContain('definition: unexpected token');
  });
  it('says how many attempts a throttled or failing call made', () => {
    expect(describeAwsError(new ThrottlingException({ message: 'Rate exceeded', ...meta(5, 429) }), 'ListPolicies')).toEqual({
      code: 'Throttled',
      message: expect.stringContaining('after 5 attempts') as string,
    });
    expect(describeAwsError(new InternalServerException({ message: 'boom', ...meta(3, 500) }), 'GetPolicy').code).toBe('ServiceError');
  });
  it('classifies conflicts, quotas, credentials and unreachable endpoints', () => {
    expect(describeAwsError(new ConflictException({ message: 'exists', ...meta(1, 409) })).code).toBe('Conflict');
    expect(describeAwsError(new ServiceQuotaExceededException({ message: 'too many', ...meta(1, 402) })).code).toBe('QuotaExceeded');
    expect(describeAwsError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })).code).toBe(
      'CredentialsMissing',
    );
    expect(describeAwsError(Object.assign(new Error('The security token included in the request is invalid.'), { name: 'UnrecognizedClientException' })).code).toBe(
      'CredentialsInvalid',
    );
    expect(describeAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })).code).toBe('EndpointUnreachable');
    expect(describeAwsError(new Error('odd')).code).toBe('Unknown');
  });
  it('never repeats credentials a message might carry', () => {
    const error = new AccessDeniedException({ message: 'key AKIAIOSFODNN7EXAMPLE, Signature=abcdef0123 rejected', ...meta(1, 403) });
    const { message } = describeAwsError(error, 'GetPolicy');
    expect(message).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(message).not.toContain('abcdef0123');
    expect(redact('X-Amz-Security-Token=FQoGZXIvYXdzEJr&x=1')).toBe('X-Amz-Security-Token=***&x=1');
  });
  it('masks a session token or secret key under any of its names', () => {
    const canonical = "should have been 'GET\n/policy-engines\nx-amz-date:20260101T000000Z\nx-amz-security-token:IQoJb3JpZ2luX2VjEJr\n'";
    expect(redact(canonical)).toBe("should have been 'GET\n/policy-engines\nx-amz-date:20260101T000000Z\nx-amz-security-token:***\n'");
    expect(redact('{"SessionToken": "IQoJb3Jp", "SecretAccessKey": "wJalrXUt/K7MDENG+bPxRfi"}')).toBe('{"SessionToken": "***", "SecretAccessKey": "***"}');
    expect(redact('AWS_SESSION_TOKEN=IQoJb3Jp aws_secret_access_key = wJalrXUt/K7MDENG')).toBe('AWS_SESSION_TOKEN=*** aws_secret_access_key = ***');
    expect(redact('the session token expired; the secret access key is fine')).toBe('the session token expired; the secret access key is fine');
  });
});

describe('call', () => {
  it('wraps an SDK failure with the operation and keeps the original as cause', async () => {
    const cause = new ConflictException({ message: 'busy', ...meta(1, 409) });
    const error = await call('DeletePolicy', () => Promise.reject(cause)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentCoreError);
    expect((error as AgentCoreError).code).toBe('Conflict');
    expect((error as AgentCoreError).details).toMatchObject({ operation: 'DeletePolicy', cause });
    expect(describeAwsError(error)).toEqual({ code: 'Conflict', message: (error as AgentCoreError).message });
  });
  it('passes results and AgentCoreErrors through unchanged', async () => {
    expect(await call('GetPolicy', () => Promise.resolve(7))).toBe(7);
    const own = new AgentCoreError('WaitTimeout', 'slow');
    expect(await call('GetPolicy', () => Promise.reject(own)).catch((e: unknown) => e)).toBe(own);
  });
});
