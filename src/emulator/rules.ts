// Field constraints shared by several operations, from botocore's service-2.json (the JS SDK drops them).
import type { FieldRule } from './contract.js';
import { GATEWAY_ID_PATTERN, RESOURCE_ID_PATTERN } from '../arn.js';

export const ENGINE_OR_POLICY_NAME: FieldRule = { path: 'name', type: 'string', required: true, min: 1, max: 48, pattern: '[A-Za-z][A-Za-z0-9_]*' };
export const DESCRIPTION: FieldRule = { path: 'description', type: 'string', min: 1, max: 4096, sensitive: true };
export const CLIENT_TOKEN: FieldRule = { path: 'clientToken', type: 'string', min: 33, max: 256, pattern: '[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}' };
export const TAGS: FieldRule = { path: 'tags', type: 'map', max: 50 };

/** `UpdatedDescription`: absent leaves it, `{optionalValue}` replaces it, `{}` clears it. */
export const UPDATED_DESCRIPTION: FieldRule[] = [
  { path: 'description', type: 'object' },
  { path: 'description.optionalValue', type: 'string', min: 1, max: 4096, sensitive: true },
];

export const resourceId = (path: string): FieldRule => ({ path, type: 'string', required: true, min: 12, max: 59, pattern: RESOURCE_ID_PATTERN });
export const gatewayId = (path = 'gatewayIdentifier'): FieldRule => ({ path, type: 'string', required: true, pattern: GATEWAY_ID_PATTERN });
// Guess: the model gives target ids no pattern; ours are 10 upper-case letters and digits.
export const TARGET_ID: FieldRule = { path: 'targetId', type: 'string', required: true, pattern: '[0-9a-zA-Z]{10}' };

export const PAGE_QUERY = { maxResults: 'integer', nextToken: 'string' } as const;
export const pageRules = (maxResults: number): FieldRule[] => [
  { path: 'maxResults', type: 'integer', min: 1, max: maxResults },
  { path: 'nextToken', type: 'string', min: 1, max: 2048, pattern: '\\S*' },
];

const STATEMENT = { type: 'string', required: true, min: 35, max: 10000 } as const;

/** `PolicyDefinition`, a union of a Cedar statement, a newer policy statement, or a generated asset. */
export const definitionRules = (required: boolean): FieldRule[] => [
  { path: 'definition', type: 'object', required, oneOf: ['cedar', 'policy', 'policyGeneration'] },
  { path: 'definition.cedar.statement', ...STATEMENT },
  { path: 'definition.policy.statement', ...STATEMENT },
  resourceId('definition.policyGeneration.policyGenerationId'),
  resourceId('definition.policyGeneration.policyGenerationAssetId'),
];

export const VALIDATION_MODE: FieldRule = { path: 'validationMode', type: 'string', enum: ['FAIL_ON_ANY_FINDINGS', 'IGNORE_ALL_FINDINGS'] };
export const ENFORCEMENT_MODE: FieldRule = { path: 'enforcementMode', type: 'string', enum: ['ACTIVE', 'LOG_ONLY'] };

export const POLICY_ENGINE_ARN_PATTERN =
  'arn:aws(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:policy-engine\\/[a-zA-Z][a-zA-Z0-9-_]{0,99}-[a-zA-Z0-9_]{10}';

/** The fields CreateGateway and the full-replacement UpdateGateway share. */
export const GATEWAY_CONFIGURATION: FieldRule[] = [
  { path: 'name', type: 'string', required: true, pattern: '([0-9a-zA-Z][-]?){1,48}' },
  { path: 'description', type: 'string', max: 200, sensitive: true },
  // Guess: the usual IAM role ARN pattern.
  { path: 'roleArn', type: 'string', required: true, min: 1, max: 2048, pattern: 'arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+' },
  { path: 'authorizerType', type: 'string', required: true, enum: ['CUSTOM_JWT', 'AWS_IAM', 'NONE', 'AUTHENTICATE_ONLY'] },
  { path: 'authorizerConfiguration', type: 'object', oneOf: ['customJWTAuthorizer'] },
  { path: 'authorizerConfiguration.customJWTAuthorizer.discoveryUrl', type: 'string', required: true, pattern: '.+/\\.well-known/openid-configuration' },
  { path: 'protocolType', type: 'string', enum: ['MCP'] },
  { path: 'protocolConfiguration', type: 'object' },
  { path: 'interceptorConfigurations', type: 'array', min: 1, max: 2 },
  { path: 'policyEngineConfiguration', type: 'object' },
  { path: 'policyEngineConfiguration.arn', type: 'string', required: true, min: 1, max: 170, pattern: POLICY_ENGINE_ARN_PATTERN },
  { path: 'policyEngineConfiguration.mode', type: 'string', required: true, enum: ['ENFORCE', 'LOG_ONLY'] },
  { path: 'exceptionLevel', type: 'string', enum: ['DEBUG'] },
];

/** The fields CreateGatewayTarget and UpdateGatewayTarget share. */
export const TARGET_CONFIGURATION: FieldRule[] = [
  { path: 'name', type: 'string', pattern: '([0-9a-zA-Z][-]?){1,100}' },
  { path: 'description', type: 'string', min: 1, max: 200 },
  { path: 'targetConfiguration', type: 'object', required: true, oneOf: ['mcp', 'http', 'inference'] },
  { path: 'targetConfiguration.mcp', type: 'object', oneOf: ['lambda', 'openApiSchema', 'smithyModel', 'mcpServer', 'apiGateway', 'connector'] },
  { path: 'targetConfiguration.mcp.lambda.lambdaArn', type: 'string', required: true },
  { path: 'targetConfiguration.mcp.lambda.toolSchema', type: 'object', required: true, oneOf: ['s3', 'inlinePayload'] },
  { path: 'targetConfiguration.mcp.lambda.toolSchema.inlinePayload', type: 'array' },
  // The whole OpenAPI or Smithy document as text (Guess: the service's limit on its size is not in the model).
  { path: 'targetConfiguration.mcp.openApiSchema', type: 'object', oneOf: ['s3', 'inlinePayload'] },
  { path: 'targetConfiguration.mcp.openApiSchema.inlinePayload', type: 'string', min: 1 },
  { path: 'targetConfiguration.mcp.smithyModel', type: 'object', oneOf: ['s3', 'inlinePayload'] },
  { path: 'targetConfiguration.mcp.smithyModel.inlinePayload', type: 'string', min: 1 },
  { path: 'credentialProviderConfigurations', type: 'array', min: 1, max: 1 },
];
