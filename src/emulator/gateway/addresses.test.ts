import { describe, expect, it } from 'vitest';
import { dataPlaneRoute, issuerKeyFile, localGatewayUrl } from './addresses.js';

describe('dataPlaneRoute', () => {
  it('names the MCP endpoint of a gateway id, and the issuer documents', () => {
    expect(dataPlaneRoute('/gateways/refund-gateway-a1b2c3d4e5/mcp')).toEqual({ kind: 'mcp', gatewayId: 'refund-gateway-a1b2c3d4e5' });
    expect(dataPlaneRoute('/.well-known/openid-configuration')).toEqual({ kind: 'discovery' });
    expect(dataPlaneRoute('/.well-known/jwks.json')).toEqual({ kind: 'jwks' });
  });

  it.each(['/gateways/refund-gateway-a1b2c3d4e5/', '/gateways/refund-gateway-a1b2c3d4e5/mcp/', '/gateways/..%2F..%2Fetc/mcp', '/gateways/UPPER-A1B2C3D4E5/mcp', '/mcp'])(
    'leaves %s to the control plane',
    (path) => expect(dataPlaneRoute(path)).toBeUndefined(),
  );

  it('builds the URL GetGateway returns and the key file beside the state', () => {
    expect(localGatewayUrl('http://127.0.0.1:4566', 'g-0123456789')).toBe('http://127.0.0.1:4566/gateways/g-0123456789/mcp');
    expect(dataPlaneRoute(new URL(localGatewayUrl('http://127.0.0.1:1', 'g-0123456789')).pathname)).toEqual({ kind: 'mcp', gatewayId: 'g-0123456789' });
    expect(issuerKeyFile('/repo/.agentcore-policy/local-engine.json')).toBe('/repo/.agentcore-policy/local-issuer-key.json');
  });
});
