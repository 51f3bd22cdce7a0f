// Running an allowed tool call. A target with `local: {url}` gets the arguments POSTed as JSON (the tool's wire
// name in `x-agentcore-policy-tool`) and its JSON answer becomes the result, as text content, the way a Lambda
// target's answer comes back; without one, the result echoes which tool ran with what input. A target that fails,
// answers other than JSON, answers too much or too late is a failure with a reason, never a hang. Only loopback
// URLs are called: an engine file comes with a repository, and must not make the local engine send anything
// elsewhere.
import { isLoopbackUrl } from '../loopback.js';
import type { GatewayTool } from './snapshot.js';

export interface ToolResult {
  content: { type: 'text'; text: string }[];
  isError: false;
}

export type Invocation = { ok: true; result: ToolResult } | { ok: false; message: string };

const MAX_ANSWER_BYTES = 1024 * 1024;

export async function invokeTool(tool: GatewayTool, input: Record<string, unknown>, timeoutMs: number): Promise<Invocation> {
  if (tool.localUrl === undefined) return { ok: true, result: text(JSON.stringify({ tool: tool.name, input })) };
  const failed = (why: string): Invocation => ({ ok: false, message: `The target ${tool.targetName} failed: ${why}` });
  if (!isLoopbackUrl(tool.localUrl)) return failed('its local URL is not a loopback http(s) URL');
  let response: Response;
  try {
    response = await fetch(tool.localUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-agentcore-policy-tool': tool.name },
      body: JSON.stringify(input),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = await readCapped(response);
    if (!response.ok) return failed(`it answered HTTP ${response.status}`);
    if (answer === undefined) return failed(`its answer is over ${MAX_ANSWER_BYTES} bytes`);
    return { ok: true, result: text(JSON.stringify(JSON.parse(answer))) };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError') return failed(`no answer within ${timeoutMs} ms`);
    if (name === 'SyntaxError') return failed('its answer is not JSON');
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return failed(cause?.code ? `cannot reach it (${cause.code})` : (cause?.message ?? (error as Error).message));
  }
}

function text(value: string): ToolResult {
  return { content: [{ type: 'text', text: value }], isError: false };
}

/** The body as text, or undefined past the bound (reading stops there). */
async function readCapped(response: Response): Promise<string | undefined> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    // Leaving the loop cancels the stream.
    if (size > MAX_ANSWER_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
