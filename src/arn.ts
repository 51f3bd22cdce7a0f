// The ARN and id formats of AgentCore that both sides of the wire know: the client reads a gateway's id out of the
// ARN an engine file names, and the emulator mints and checks the same formats. Pure, imports nothing.

export interface Scope {
  region: string;
  accountId: string;
}

/** Gateway ids: the gateway name lower-cased, then `-` and 10 lower-case letters or digits. */
export const GATEWAY_ID_PATTERN = '([0-9a-z][-]?){1,100}-[0-9a-z]{10}';
/** Engine, policy and generation ids: the name, then `-` and 10 lower-case letters, digits or `_`. */
export const RESOURCE_ID_PATTERN = '[A-Za-z][A-Za-z0-9_]*-[a-z0-9_]{10}';

const GATEWAY_ARN = new RegExp(`^arn:aws(?:-[^:]+)?:bedrock-agentcore:([a-z0-9-]+):([0-9]{12}):gateway/(${GATEWAY_ID_PATTERN})$`);

/** Region, account and id of a gateway ARN; undefined when it is not one. */
export function parseGatewayArn(arn: string): (Scope & { gatewayId: string }) | undefined {
  const match = GATEWAY_ARN.exec(arn);
  return match ? { region: match[1]!, accountId: match[2]!, gatewayId: match[3]! } : undefined;
}
