import { describe, expect, it } from 'vitest';
import { HELLO_PATH, startEmulator } from './index.js';

const hello = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}${HELLO_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

describe('the hello of a served emulator', () => {
  it("answers what its owner says, behind the same cross-site check as every path, and is no operation without an owner's hello", async () => {
    const owned = await startEmulator({ hello: async () => ({ pid: 42, nonce: 'n' }) });
    const plain = await startEmulator();
    try {
      const answer = await hello(owned.url);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ pid: 42, nonce: 'n' });
      expect((await hello(owned.url, { origin: 'https://evil.example' })).status).toBe(403);
      expect((await hello(owned.url, { 'content-type': 'text/plain' })).status).toBe(415);
      const none = await hello(plain.url);
      expect(none.status).toBe(404);
      expect(none.headers.get('x-amzn-errortype')).toMatch(/^UnknownOperationException/);
    } finally {
      await Promise.all([owned.close(), plain.close()]);
    }
  });
});
