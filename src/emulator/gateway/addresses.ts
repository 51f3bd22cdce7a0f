// Where the local data plane answers on the emulator's own origin (each gateway's MCP endpoint, the local issuer's
// OpenID discovery document and key set), the names the local issuer goes by, and where its key is kept. Paths and
// names only: the port changes from run to run, so nothing stored holds a URL of the emulator. Free of heavy
// imports, so the control plane can name these without loading the data plane.
import { dirname, join } from 'node:path';
import { GATEWAY_ID_PATTERN } from '../../arn.js';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';
export const JWKS_PATH = '/.well-known/jwks.json';

/** The issuer identifier: a fixed name, since a token must outlive the port of the process that minted it.
 * `.invalid` (RFC 2606) says it is no host to fetch; the local engine recognises it and fetches nothing. */
export const LOCAL_ISSUER = 'https://local-engine.agentcore-policy.invalid';
export const LOCAL_DISCOVERY_URL = `${LOCAL_ISSUER}${DISCOVERY_PATH}`;
/** The `aud` and `client_id` that seeded gateways allow and that local tokens carry unless told otherwise. */
export const LOCAL_AUDIENCE = 'agentcore-policy-local';
export const LOCAL_CLIENT_ID = 'agentcore-policy-local';

/** The signing key of the emulator whose state lives in `stateFile`: beside it, in its state folder. */
export function issuerKeyFile(stateFile: string): string {
  return join(dirname(stateFile), 'local-issuer-key.json');
}

const GATEWAY_MCP_PATH = new RegExp(`^/gateways/(${GATEWAY_ID_PATTERN})/mcp$`);

/** The URL GetGateway returns as `gatewayUrl`: `<emulator url>/gateways/<gatewayId>/mcp`. */
export function localGatewayUrl(emulatorUrl: string, gatewayId: string): string {
  return `${emulatorUrl}/gateways/${encodeURIComponent(gatewayId)}/mcp`;
}

export type DataPlaneRoute = { kind: 'mcp'; gatewayId: string } | { kind: 'discovery' } | { kind: 'jwks' };

/** The data-plane resource a path names, or undefined for the control plane. */
export function dataPlaneRoute(pathname: string): DataPlaneRoute | undefined {
  if (pathname === DISCOVERY_PATH) return { kind: 'discovery' };
  if (pathname === JWKS_PATH) return { kind: 'jwks' };
  const gatewayId = GATEWAY_MCP_PATH.exec(pathname)?.[1];
  return gatewayId === undefined ? undefined : { kind: 'mcp', gatewayId };
}
