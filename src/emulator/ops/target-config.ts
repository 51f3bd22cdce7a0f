// Reading the target configuration CreateGatewayTarget and UpdateGatewayTarget share. Guess: when no credential
// provider is given the service defaults to the gateway's IAM role, as the SDK's own examples do.
import type { Input } from '../contract.js';
import { defined } from '../operation.js';
import type { TargetAttrs } from '../store.js';

export const DEFAULT_CREDENTIALS = [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }];

export function targetAttrs(input: Input): TargetAttrs {
  return defined({
    description: input.description as string | undefined,
    targetConfiguration: input.targetConfiguration as Record<string, unknown>,
    credentialProviderConfigurations: (input.credentialProviderConfigurations as unknown[] | undefined) ?? DEFAULT_CREDENTIALS,
    metadataConfiguration: input.metadataConfiguration,
    privateEndpoint: input.privateEndpoint,
  });
}
