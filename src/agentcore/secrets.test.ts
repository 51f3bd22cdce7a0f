import { describe, expect, it } from 'vitest';
import { redact } from './errors.js';
import { maskSecretValues, rememberCredentials, rememberSecret } from './secrets.js';

describe('maskSecretValues', () => {
  it('masks the credential variables of the environment wherever their values appear, in any encoding', () => {
    const env = { AWS_SECRET_ACCESS_KEY: 'wJalr/XUtnFEMI+K7MDENG', AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEPj', GITHUB_TOKEN: 'ghs_0123456789abcdef', HOME: '/home/someone' };
    const text = `token IQoJb3JpZ2luX2VjEPj, key ${encodeURIComponent('wJalr/XUtnFEMI+K7MDENG')}, json ${JSON.stringify({ k: 'ghs_0123456789abcdef' })}, home /home/someone`;
    expect(maskSecretValues(text, env)).toBe('token ***, key ***, json {"k":"***"}, home /home/someone');
  });

  it('masks remembered values, the longest first, so no part of one stays', () => {
    rememberSecret('secret-value-0001');
    rememberSecret('secret-value-0001-and-more');
    rememberCredentials({ accessKeyId: 'AKIDREMEMBERED01', secretAccessKey: 'resolved/secret+0001', sessionToken: undefined });
    expect(maskSecretValues('a secret-value-0001-and-more b secret-value-0001 c resolved/secret+0001 d AKIDREMEMBERED01', {})).toBe('a *** b *** c *** d ***');
  });

  it('leaves values too short to be credentials alone', () => {
    rememberSecret('short');
    expect(maskSecretValues('a short word', { AWS_SESSION_TOKEN: 'x' })).toBe('a short word');
  });
});

describe('redact', () => {
  it('masks a session token and a secret key echoed with no name beside them', () => {
    rememberCredentials({ accessKeyId: 'AKIAREDACTTEST0001', secretAccessKey: 'echoed/secret+key0001', sessionToken: 'EchoedSessionToken0001' });
    const echoed = 'We received EchoedSessionToken0001 and echoed/secret+key0001 from AKIAREDACTTEST0001, signed Signature=abc123';
    expect(redact(echoed)).toBe('We received *** and *** from AKIA************, signed Signature=***');
  });
});
