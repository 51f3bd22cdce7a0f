// Whose credentials sign one engine's requests. The precedence (docs/repository-format.md, "Credentials"): a local
// or loopback engine gets fixed fake credentials and nothing else is consulted; then the engine file's `aws`
// (`profile` wins over the CLI's --profile; `roleArn` is assumed through STS from --profile's credentials, else
// the SDK's chain); then --profile; then the SDK's own chain (environment, AWS_PROFILE, SSO, web identity, roles).
// STS is the SDK's client (fromTemporaryCredentials), so it honours AWS_ENDPOINT_URL_STS and regional endpoints.
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { EngineSpec } from '../model.js';
import { AgentCoreError, describeAwsError, redact } from './errors.js';

/** Credentials the emulator accepts; it never checks signatures, and these reach no one else. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'AKIDLOCALENGINE', secretAccessKey: 'local-engine-no-secret' };

/** What CloudTrail shows as the session of an assumed role when the engine file names none. */
export const DEFAULT_SESSION_NAME = 'agentcore-policy';

export type CredentialSource =
  | { kind: 'local' }
  | { kind: 'profile'; profile: string }
  | { kind: 'role'; roleArn: string; externalId?: string; sessionName: string; sourceProfile?: string }
  | { kind: 'chain' };

/** The precedence above, as data: `profile` is the CLI's --profile. */
export function credentialSource(engine: Pick<EngineSpec, 'aws'>, local: boolean, profile?: string): CredentialSource {
  if (local) return { kind: 'local' };
  const aws = engine.aws;
  if (aws && 'profile' in aws) return { kind: 'profile', profile: aws.profile };
  if (aws) {
    return {
      kind: 'role',
      roleArn: aws.roleArn,
      ...(aws.externalId !== undefined && { externalId: aws.externalId }),
      sessionName: aws.sessionName ?? DEFAULT_SESSION_NAME,
      ...(profile !== undefined && { sourceProfile: profile }),
    };
  }
  return profile !== undefined ? { kind: 'profile', profile } : { kind: 'chain' };
}

type AssumedProvider = ReturnType<typeof fromTemporaryCredentials>;

/** The client-config fields for a source: `credentials`, `profile`, or nothing (the SDK's chain). */
export function credentialsConfig(source: CredentialSource, region: string): { credentials?: typeof LOCAL_CREDENTIALS | AssumedProvider; profile?: string } {
  switch (source.kind) {
    case 'local':
      return { credentials: LOCAL_CREDENTIALS };
    case 'profile':
      return { profile: source.profile };
    case 'chain':
      return {};
    case 'role':
      return { credentials: assumeRole(source, region) };
  }
}

function assumeRole(source: Extract<CredentialSource, { kind: 'role' }>, region: string): AssumedProvider {
  const provider = fromTemporaryCredentials({
    params: { RoleArn: source.roleArn, RoleSessionName: source.sessionName, ...(source.externalId !== undefined && { ExternalId: source.externalId }) },
    masterCredentials: source.sourceProfile !== undefined ? fromIni({ profile: source.sourceProfile }) : fromNodeProviderChain(),
    clientConfig: { region },
  });
  return async (properties) => {
    try {
      return await provider(properties);
    } catch (error) {
      throw roleNotAssumed(source.roleArn, error);
    }
  };
}

/** Says which role could not be assumed and why; no credentials found to assume it from stays CredentialsMissing. */
function roleNotAssumed(roleArn: string, error: unknown): AgentCoreError {
  const inner = describeAwsError(error, 'AssumeRole');
  if (inner.code === 'CredentialsMissing') {
    return new AgentCoreError('CredentialsMissing', `To assume the engine's role ${roleArn}: ${inner.message}`, { arn: roleArn, cause: error });
  }
  const said = redact((error as { message?: string } | undefined)?.message ?? String(error));
  return new AgentCoreError(
    'RoleNotAssumed',
    `Could not assume the engine's role ${roleArn} (aws.roleArn in its engine file): ${said}. ` +
      "The role's trust policy must allow the identity you run as, with the engine file's externalId if it asks for one.",
    { operation: 'AssumeRole', arn: roleArn, cause: error },
  );
}
