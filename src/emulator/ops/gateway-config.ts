// Reading the gateway configuration CreateGateway and UpdateGateway share, and checking that an attached policy
// engine exists. Guess: attaching an engine that does not exist is a ValidationException on the engine ARN (the
// service checks it with GetPolicyEngine as the gateway's role).
import type { Input } from '../contract.js';
import { validationError, type ApiError } from '../errors.js';
import { liveResources } from '../lifecycle.js';
import { defined, type Context } from '../operation.js';
import type { GatewayAttrs, PolicyEngineConfiguration } from '../store.js';

/** Guess: the service wants a JWT authorizer configuration for CUSTOM_JWT gateways. */
export function gatewayAttrs(ctx: Context, input: Input): GatewayAttrs | ApiError {
  if (input.authorizerType === 'CUSTOM_JWT' && input.authorizerConfiguration === undefined) {
    const message = 'authorizerConfiguration is required when authorizerType is CUSTOM_JWT.';
    return validationError(message, 'FieldValidationFailed', [{ name: 'authorizerConfiguration', message }]);
  }
  const engine = input.policyEngineConfiguration as PolicyEngineConfiguration | undefined;
  if (engine && !liveResources(ctx.part.engines, ctx.now).some((e) => e.arn === engine.arn)) {
    const message = `Policy engine ${engine.arn} was not found.`;
    return validationError(message, 'FieldValidationFailed', [{ name: 'policyEngineConfiguration.arn', message }]);
  }
  return defined({
    roleArn: input.roleArn as string,
    authorizerType: input.authorizerType as string,
    description: input.description as string | undefined,
    protocolType: (input.protocolType as string | undefined) ?? 'MCP',
    protocolConfiguration: input.protocolConfiguration,
    authorizerConfiguration: input.authorizerConfiguration,
    kmsKeyArn: input.kmsKeyArn as string | undefined,
    customTransformConfiguration: input.customTransformConfiguration,
    interceptorConfigurations: input.interceptorConfigurations,
    policyEngineConfiguration: engine ? { arn: engine.arn, mode: engine.mode } : undefined,
    exceptionLevel: input.exceptionLevel as string | undefined,
    wafConfiguration: input.wafConfiguration,
  });
}
