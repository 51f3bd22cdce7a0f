import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackUrl } from './loopback.js';

describe('isLoopbackUrl', () => {
  it('counts IPv4-mapped 127.0.0.1 in both spellings', () => {
    expect(isLoopbackHost('[::ffff:127.0.0.1]:4566')).toBe(true);
    expect(isLoopbackHost('[::ffff:7f00:1]')).toBe(true);
    expect(isLoopbackUrl('http://[::ffff:127.0.0.1]:4566/x')).toBe(true);
    expect(isLoopbackHost('[::ffff:10.0.0.1]')).toBe(false);
  });

  it.each(['http://127.0.0.1:8080/x', 'https://localhost/', 'http://[::1]:1/'])('accepts %s', (url) => expect(isLoopbackUrl(url)).toBe(true));
  it.each(['http://10.0.0.1/', 'http://localhost@evil.example/', 'http://user@localhost/', 'ftp://localhost/', 'not a url', 'http://127.0.0.1.evil.example/'])(
    'refuses %s',
    (url) => expect(isLoopbackUrl(url)).toBe(false),
  );
  it('isLoopbackHost ignores case and ports only', () => {
    expect(isLoopbackHost('LocalHost:1')).toBe(true);
    expect(isLoopbackHost('localhost:')).toBe(false);
  });
});
