// Builds the Cedar schema AgentCore generates for the gateways attached to an engine: OAuthUser/IamEntity
// principals, the Gateway resource, one action per tool named `<Target>___<tool>`, and `context.input` typed from
// the tool's JSON input schema. Shared by `validate` and the emulator, so both judge a policy the same way.
//
// Guesses (the docs do not show the generated schema verbatim): the action hierarchy is tool -> target group ->
// `CallTool` -> `Mcp`, so `action in AgentCore::Action::"<Target>"` works as the policy-scope page says; array
// inputs become Sets; `number` becomes the `decimal` extension type.
import type { AuthorizerType, InputSchema } from '../model.js';

export interface SchemaTool {
  name: string;
  inputSchema: InputSchema;
}
export interface SchemaTarget {
  name: string;
  tools: SchemaTool[];
}
export interface SchemaGateway {
  authorizerType: AuthorizerType;
  targets: SchemaTarget[];
}

export const NAMESPACE = 'AgentCore';
export const ACTION_SEPARATOR = '___';

export function actionName(target: string, tool: string): string {
  return `${target}${ACTION_SEPARATOR}${tool}`;
}

type CedarType = Record<string, unknown>;

/** Cedar JSON schema for the given gateways. Tools of the same name on several gateways merge their inputs. */
export function buildCedarSchema(gateways: SchemaGateway[]): Record<string, unknown> {
  const principalTypes = [...new Set(gateways.map(principalTypeFor))].sort();
  const actions: Record<string, unknown> = { Mcp: {}, CallTool: { memberOf: [{ id: 'Mcp' }] } };
  for (const target of gateways.flatMap((g) => g.targets)) {
    actions[target.name] = { memberOf: [{ id: 'CallTool' }] };
    for (const tool of target.tools) {
      actions[actionName(target.name, tool.name)] = {
        memberOf: [{ id: target.name }],
        appliesTo: {
          principalTypes,
          resourceTypes: ['Gateway'],
          context: { type: 'Record', attributes: { input: { ...cedarTypeOf(tool.inputSchema), required: true } } },
        },
      };
    }
  }
  return {
    [NAMESPACE]: {
      entityTypes: {
        OAuthUser: { shape: { type: 'Record', attributes: { id: { type: 'String' } } }, tags: { type: 'String' } },
        IamEntity: { shape: { type: 'Record', attributes: { id: { type: 'String' } } } },
        Gateway: {},
      },
      actions,
    },
  };
}

/** The action names of a schema made by buildCedarSchema: the groups (`Mcp`, `CallTool`, each target) and the tools. */
export function schemaActionNames(schema: Record<string, unknown>): string[] {
  return Object.keys((schema[NAMESPACE] as { actions: Record<string, unknown> }).actions);
}

function principalTypeFor(gateway: SchemaGateway): string {
  return gateway.authorizerType === 'AWS_IAM' ? 'IamEntity' : 'OAuthUser';
}

/** Maps AgentCore's JSON Schema subset to a Cedar type, as the service documents it. */
export function cedarTypeOf(schema: InputSchema): CedarType {
  switch (schema.type) {
    case 'string':
      return { type: 'String' };
    case 'integer':
      return { type: 'Long' };
    case 'boolean':
      return { type: 'Boolean' };
    case 'number':
      return { type: 'Extension', name: 'decimal' };
    case 'array':
      return { type: 'Set', element: schema.items ? cedarTypeOf(schema.items) : { type: 'String' } };
    case 'object': {
      const required = new Set(schema.required ?? []);
      // Made from entries, so an input named `__proto__` is an attribute like any other, not the object's prototype.
      const attributes = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, { ...cedarTypeOf(property), required: required.has(name) }]));
      return { type: 'Record', attributes };
    }
  }
}
