import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './cross-site.js';

const ok = { host: '127.0.0.1:4566' };

describe('crossSiteRefusal', () => {
  it.each(['127.0.0.1:4566', '127.0.0.1', 'localhost:80', 'LOCALHOST', '[::1]:4566', '[::1]'])('serves Host %s', (host) => {
    expect(crossSiteRefusal({ host }, '127.0.0.1')).toBeUndefined();
  });

  it.each([undefined, '', 'evil.example', 'evil.example:4566', '127.0.0.2:4566', 'localhost.evil.example', '127.0.0.1.nip.io', '[::2]:80', '127.0.0.1:4566:1', '0.0.0.0:4566'])(
    'refuses Host %s with 403',
    (host) => {
      expect(crossSiteRefusal(host === undefined ? {} : { host }, '127.0.0.1')).toMatchObject({ status: 403, message: expect.stringContaining('loopback') });
    },
  );

  it('serves the host it was told to bind to', () => {
    expect(crossSiteRefusal({ host: '10.1.2.3:4566' }, '10.1.2.3')).toBeUndefined();
    expect(crossSiteRefusal({ host: '[fd00::1]:4566' }, 'fd00::1')).toBeUndefined();
  });

  it.each(['https://evil.example', 'null', 'http://127.0.0.1:4566', 'http://localhost'])('refuses any Origin (%s) with 403', (origin) => {
    expect(crossSiteRefusal({ ...ok, origin }, '127.0.0.1')).toMatchObject({ status: 403, message: expect.stringContaining('Origin') });
  });

  it.each(['cross-site', 'same-site', 'same-origin'])('refuses Sec-Fetch-Site: %s, serves none', (site) => {
    expect(crossSiteRefusal({ ...ok, 'sec-fetch-site': site }, '127.0.0.1')).toMatchObject({ status: 403 });
    expect(crossSiteRefusal({ ...ok, 'sec-fetch-site': 'none' }, '127.0.0.1')).toBeUndefined();
  });

  it.each([undefined, 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json'])(
    'refuses a body of type %s with 415',
    (type) => {
      const headers = { ...ok, 'content-length': '2', ...(type === undefined ? {} : { 'content-type': type }) };
      expect(crossSiteRefusal(headers, '127.0.0.1')).toMatchObject({ status: 415 });
      expect(crossSiteRefusal({ ...ok, 'transfer-encoding': 'chunked', 'content-type': type }, '127.0.0.1')).toMatchObject({ status: 415 });
    },
  );

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON'])('serves a body of type %s', (type) => {
    expect(crossSiteRefusal({ ...ok, 'content-length': '2', 'content-type': type }, '127.0.0.1')).toBeUndefined();
  });

  it('serves a request without a body, whatever its content type', () => {
    expect(crossSiteRefusal({ ...ok, 'content-length': '0', 'content-type': 'text/plain' }, '127.0.0.1')).toBeUndefined();
    expect(crossSiteRefusal(ok, '127.0.0.1')).toBeUndefined();
  });
});
