// AWS failures as clear, typed errors that say what to do: every call this layer makes goes through `call`, which
// turns an SDK exception into an AgentCoreError naming the operation (so "access denied" can name the IAM action).
// Messages never carry credentials: access key ids, signatures and session tokens are masked by their shape or name,
// and the values of the credentials in use wherever they appear (secrets.ts).
import { maskSecretValues } from './secrets.js';

export type AgentCoreErrorCode =
  | 'CredentialsMissing'
  | 'CredentialsInvalid'
  | 'RoleNotAssumed'
  | 'AccessDenied'
  | 'EngineNotFound'
  | 'PolicyNotFound'
  | 'GatewayNotFound'
  | 'NotFound'
  | 'ValidationFailed'
  | 'Conflict'
  | 'QuotaExceeded'
  | 'Throttled'
  | 'ServiceError'
  | 'EndpointUnreachable'
  | 'WaitTimeout'
  | 'LocalEngineFailed'
  | 'LocalEngineBusy'
  | 'Unknown';

export class AgentCoreError extends Error {
  constructor(
    readonly code: AgentCoreErrorCode,
    message: string,
    readonly details: { operation?: string; arn?: string; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'AgentCoreError';
  }
}

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  reason?: string;
  fieldList?: { name?: string; message?: string }[];
  $metadata?: { attempts?: number; httpStatusCode?: number };
  $fault?: string;
}

/** A session token or secret key by any of its names: query parameter, header (a signature-mismatch message
 * quotes the canonical request, `x-amz-security-token:<token>`), JSON key or environment variable. */
const NAMED_SECRET = /((?:X-Amz-Security-Token|Session[_-]?Token|Secret[_-]?Access[_-]?Key)["']?\s*[:=]\s*["']?)[^\s&"',]+/gi;

/** Masks anything credential-shaped an upstream message might echo, then the credentials in use by their values. */
export function redact(text: string): string {
  const shaped = text
    .replace(/\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '$1************')
    .replace(/(Signature=)[0-9a-f]+/gi, '$1***')
    .replace(NAMED_SECRET, '$1***');
  return maskSecretValues(shaped);
}

const NOT_FOUND_BY_OPERATION: Record<string, AgentCoreErrorCode> = {
  GetPolicyEngine: 'EngineNotFound',
  UpdatePolicyEngine: 'EngineNotFound',
  DeletePolicyEngine: 'EngineNotFound',
  CreatePolicy: 'EngineNotFound',
  ListPolicies: 'EngineNotFound',
  GetPolicy: 'PolicyNotFound',
  UpdatePolicy: 'PolicyNotFound',
  DeletePolicy: 'PolicyNotFound',
  GetGateway: 'GatewayNotFound',
  UpdateGateway: 'GatewayNotFound',
  ListGatewayTargets: 'GatewayNotFound',
  GetGatewayTarget: 'GatewayNotFound',
};

function attempts(error: SdkError): string {
  const n = error.$metadata?.attempts;
  return n && n > 1 ? ` after ${n} attempts` : '';
}

/** The code and the advice for one failure; `operation` is the API call that failed, when known. */
export function describeAwsError(error: unknown, operation?: string): { code: AgentCoreErrorCode; message: string } {
  if (error instanceof AgentCoreError) return { code: error.code, message: redact(error.message) };
  const e = (error ?? {}) as SdkError;
  const op = operation ?? 'the request';
  const action = operation ? `bedrock-agentcore:${operation}` : 'the AgentCore action';
  const said = redact(e.message ?? String(error));
  const described = (code: AgentCoreErrorCode, message: string) => ({ code, message: redact(message) });
  switch (e.name) {
    case 'CredentialsProviderError':
      return described(
        'CredentialsMissing',
        'No AWS credentials were found (environment, shared config and credentials files, SSO, container and instance roles). ' +
          'Set AWS_PROFILE or pass --profile, sign in with `aws sso login`, or use `endpoint: local` for the local engine.',
      );
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'ExpiredTokenException':
    case 'InvalidClientTokenId':
      return described('CredentialsInvalid', `AWS rejected the credentials (${e.name}): refresh them (for SSO, \`aws sso login\`) and check the profile and region.`);
    case 'AccessDeniedException':
      return described('AccessDenied', `Access denied for ${action}: grant this action to the IAM identity you run as. The service said: ${said}`);
    case 'ResourceNotFoundException': {
      const code = (operation === undefined ? undefined : NOT_FOUND_BY_OPERATION[operation]) ?? 'NotFound';
      return described(code, `${said} (${op}: check the name or ARN, and the region).`);
    }
    case 'ValidationException': {
      const fields = (e.fieldList ?? []).map((f) => `${f.name}: ${f.message}`).join('; ');
      return described('ValidationFailed', `AgentCore refused ${op}: ${said}${e.reason ? ` (reason ${e.reason})` : ''}${fields ? ` [${fields}]` : ''}`);
    }
    case 'ConflictException':
      return described('Conflict', `${op} conflicts with the current state: ${said}. Another change may be in progress; wait for it and run again.`);
    case 'ServiceQuotaExceededException':
      return described('QuotaExceeded', `${op} exceeds a service quota: ${said}. Remove unused resources or request a quota increase.`);
    case 'ThrottlingException':
      return described('Throttled', `AgentCore throttled ${op}${attempts(e)}. Wait and run again, or allow more attempts (max attempts).`);
  }
  if (e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500) {
    return described('ServiceError', `AgentCore failed ${op}${attempts(e)} with an internal error (${e.name ?? 'server error'}): ${said}. Run again later.`);
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT'].includes(e.code ?? '') || e.name === 'TimeoutError') {
    return described('EndpointUnreachable', `Cannot reach the AgentCore endpoint for ${op} (${e.code ?? e.name}): check the region, the endpoint and the network.`);
  }
  return described('Unknown', `${op} failed: ${e.name ? `${e.name}: ` : ''}${said}`);
}

/** Runs one API call; a failure becomes an AgentCoreError that names the operation and keeps the SDK error as cause. */
export async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AgentCoreError) throw error;
    const { code, message } = describeAwsError(error, operation);
    throw new AgentCoreError(code, message, { operation, cause: error });
  }
}

