// The engine file `init` writes: name, region and endpoint, every group, prune off, each gateway's ARN once (a
// variable named after the gateway, used as {{name}} in `gateways`, in .cedar files and in tests) and its targets
// with their tools, written as by hand (targets-render.ts). The template says what each key is for in comments; a
// file read from a live engine says where it came from instead.
import { parseGatewayArn } from '../arn.js';
import { GROUPS, type GatewaySpec } from '../model.js';
import { indent, item, listLines, scalar, targetLines } from './targets-render.js';

export interface EngineDraft {
  name: string;
  region: string;
  /** `local`, a URL, or absent for AWS. */
  endpoint?: string;
  description?: string;
  gateways: GatewaySpec[];
}

/** A variable for each gateway ARN, named after the gateway: `gateway/refund-gateway-a1b2c3d4e5` gives
 * `refund_gateway`, `gateway/orders-x1y2z3a4b5` gives `orders_gateway`; a name taken twice gets `_2`, `_3`. */
export function gatewayVariables(arns: readonly string[]): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const arn of arns) {
    const id = parseGatewayArn(arn)?.gatewayId ?? 'gateway';
    const words = id.replace(/-[0-9a-z]{10}$/, '').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    const named = words === '' ? 'gateway' : words.endsWith('gateway') ? words : `${words}_gateway`;
    const base = /^[a-z]/.test(named) ? named : `gateway_${named}`;
    let name = base;
    for (let n = 2; Object.hasOwn(variables, name); n++) name = `${base}_${n}`;
    variables[name] = arn;
  }
  return variables;
}

/** What the template says of each top-level key, after it on its line. */
const EXPLAINED: Record<string, string> = {
  name: 'the AgentCore policy engine name: a letter, then letters, digits, underscores',
  region: 'the AWS Region of the engine and its gateways',
  endpoint: 'the embedded local engine, to try everything offline; delete this line for an engine in AWS',
  groups: 'the policy groups (folders of policies/) this engine deploys',
  prune: 'true: also delete live policies this repository does not declare',
  variables: 'each gateway ARN, written once: {{name}} in gateways, .cedar files and tests',
  gateways: 'the gateways attached to this engine, with a snapshot of their tools (agentcore-policy pull refreshes it)',
};

/** The engine file's text. `from`: what it was read from (a live engine), or absent for the commented template. */
export function engineFileText(engine: EngineDraft, from?: string): string {
  const variables = gatewayVariables(engine.gateways.map((g) => g.arn));
  const byArn = new Map(Object.entries(variables).map(([name, arn]) => [arn, name]));
  const key = (name: string, value: string) => {
    const line = value === '' ? `${name}:` : `${name}: ${value}`;
    return from === undefined && EXPLAINED[name] ? `${line.padEnd(40)} # ${EXPLAINED[name]}` : line;
  };
  const header =
    from === undefined
      ? ['# The policy engine this repository manages, one file per engine (docs/repository-format.md of agentcore-policy).']
      : [`# Read from ${from} by agentcore-policy init --from-live; agentcore-policy pull rewrites the gateways' tools from live.`];
  const gateways = engine.gateways.map((gateway) => [
    `arn: ${JSON.stringify(`{{${byArn.get(gateway.arn)!}}}`)}`,
    `mode: ${gateway.mode}`,
    `authorizerType: ${gateway.authorizerType}`,
    ...listLines('targets', gateway.targets.map(targetLines)),
  ]);
  const lines = [
    ...header,
    key('name', scalar(engine.name)),
    ...(engine.description !== undefined ? [key('description', scalar(engine.description))] : []),
    key('region', scalar(engine.region)),
    ...(engine.endpoint !== undefined ? [key('endpoint', scalar(engine.endpoint))] : []),
    key('groups', `[${GROUPS.join(', ')}]`),
    key('prune', 'false'),
    key('variables', Object.keys(variables).length === 0 ? '{}' : ''),
    ...Object.entries(variables).map(([name, arn]) => indent(`${name}: ${scalar(arn)}`)),
    key('gateways', gateways.length === 0 ? '[]' : ''),
    ...gateways.flatMap((lines) => item(lines).map(indent)),
  ];
  return `${lines.join('\n')}\n`;
}
