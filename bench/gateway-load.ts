// The load generator of gateway.bench.ts, run as its own process (an agent is not part of the gateway): N
// tools/call requests over loopback HTTP keep-alive, a fixed number in flight, alternating refunds of 450 and 750.
// Reads {url, token, action, calls, warmUp, inFlight} as JSON from argv[2]; prints {ms, latencies} (sorted, ms).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

interface Load {
  url: string;
  token: string;
  action: string;
  calls: number;
  warmUp: number;
  inFlight: number;
}

const load = JSON.parse(process.argv[2]!) as Load;
const url = new URL(load.url);
const agent = new Agent({ keepAlive: true, maxSockets: load.inFlight });
const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${load.token}` };

function call(i: number): Promise<number> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: load.action, arguments: { orderId: `o-${i}`, amount: i % 2 === 0 ? 450 : 750 } } });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { agent, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += String(chunk)));
      res.on('end', () => {
        const answer = JSON.parse(text) as { result?: unknown; error?: { code: number } };
        const expected = i % 2 === 0 ? answer.result !== undefined : answer.error?.code === -32002;
        if (res.statusCode !== 200 || !expected) reject(new Error(`unexpected answer to call ${i}: ${res.statusCode} ${text}`));
        else resolve(performance.now() - started);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function pool(total: number): Promise<{ ms: number; latencies: number[] }> {
  let next = 0;
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: load.inFlight }, async () => {
      while (next < total) latencies.push(await call(next++));
    }),
  );
  return { ms: performance.now() - start, latencies: latencies.sort((a, b) => a - b) };
}

await pool(load.warmUp);
process.stdout.write(JSON.stringify(await pool(load.calls)));
agent.destroy();
