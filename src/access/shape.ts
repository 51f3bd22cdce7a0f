// One kind of request the analysis reasons about: a tool (action `<Target>___<tool>`) on one gateway, with the
// principal type its authorizer gives and the input schema of the tool. The action hierarchy is the one
// src/cedar/schema.ts declares: tool -> target -> CallTool -> Mcp.
import { actionName } from '../cedar/schema.js';
import type { InputSchema } from '../model.js';
import type { AccessGateway } from './types.js';

export const NS = 'AgentCore';
export const ACTION_TYPE = `${NS}::Action`;
export const GATEWAY_TYPE = `${NS}::Gateway`;

export interface RequestShape {
  gateway: AccessGateway;
  principalType: 'OAuthUser' | 'IamEntity';
  action: string;
  input: InputSchema;
  /** For each action entity of the gateway, the ids it is `in` (itself included). */
  ancestors: ReadonlyMap<string, string[]>;
}

function principalTypeOf(gateway: AccessGateway): 'OAuthUser' | 'IamEntity' {
  return gateway.authorizerType === 'AWS_IAM' ? 'IamEntity' : 'OAuthUser';
}

/** Every (gateway, tool), sorted by gateway ARN then action. */
export function shapesOf(gateways: AccessGateway[]): RequestShape[] {
  const shapes: RequestShape[] = [];
  for (const gateway of gateways) {
    const ancestors = new Map<string, string[]>([['Mcp', ['Mcp']], ['CallTool', ['CallTool', 'Mcp']]]);
    for (const target of gateway.targets) {
      ancestors.set(target.name, [target.name, 'CallTool', 'Mcp']);
      for (const tool of target.tools) ancestors.set(actionName(target.name, tool.name), [actionName(target.name, tool.name), target.name, 'CallTool', 'Mcp']);
    }
    for (const target of gateway.targets) {
      for (const tool of target.tools) {
        shapes.push({ gateway, principalType: principalTypeOf(gateway), action: actionName(target.name, tool.name), input: tool.inputSchema, ancestors });
      }
    }
  }
  return shapes.sort((a, b) => compareText(a.gateway.arn, b.gateway.arn) || compareText(a.action, b.action));
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
