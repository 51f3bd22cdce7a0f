import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const TSX = new URL(`file://${createRequire(import.meta.url).resolve('tsx')}`).href;

/** Records, in a fresh process, when the V8 flag is set and when a WebAssembly module is instantiated. */
const SPY = `data:text/javascript,${encodeURIComponent(`
import { syncBuiltinESMExports } from 'node:module';
import v8 from 'node:v8';
const events = [];
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => { events.push(flags); set(flags); };
syncBuiltinESMExports();
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (...args) { events.push('instantiate'); return new Instance(...args); };
process.on('exit', () => process.stdout.write(JSON.stringify(events)));
`)}`;

async function eventsOf(module: string): Promise<{ events: string[]; stderr: string }> {
  const code = `await import(${JSON.stringify(new URL(module, import.meta.url).href)});`;
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', TSX, '--import', SPY, '--input-type=module', '-e', code]);
  return { events: JSON.parse(stdout) as string[], stderr };
}

describe('the wasm tiering budget', () => {
  it.each(['./format.ts', './check.ts', './authorize.ts'])('is set before cedar-wasm is instantiated when %s loads first', async (module) => {
    const { events, stderr } = await eventsOf(module);
    expect(events).toEqual(['--wasm-tiering-budget=180000000', 'instantiate']);
    // A flag this V8 did not know would print an error on every run.
    expect(stderr).toBe('');
  });
});
