// Calling a gateway's MCP endpoint as an agent does: the MCP SDK's Client over Streamable HTTP, one session per
// caller, `tools/call` answered by a result (allowed), JSON-RPC -32002 (denied by policy) or another error. Each
// answer carries its `x-amzn-requestid`, the id of the gateway's decision record. A bearer token goes only to an
// AgentCore gateway (https on amazonaws.com) or to one on this machine, never through a redirect, and is never part
// of a message.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { clip } from '../text.js';

/** The JSON-RPC code of a call the policy engine denied. */
export const TOOL_DENIED = -32002;

export type ToolCallAnswer =
  | { kind: 'result'; requestId?: string; isError: boolean }
  | { kind: 'rpc-error'; requestId?: string; code: number; message: string }
  /** No JSON-RPC answer: an HTTP refusal (401, 404...) or no connection. */
  | { kind: 'refused'; requestId?: string; message: string };

export interface GatewaySession {
  /** Calls are made one at a time, in order. */
  call(tool: string, args: Record<string, unknown>): Promise<ToolCallAnswer>;
  close(): Promise<void>;
}

const CALL_TIMEOUT_MS = 60_000;
const MAX_MESSAGE = 500;
const short = (text: string) => clip(text, MAX_MESSAGE);

/** Why no token may be sent to `url`, or undefined when it may. */
export function gatewayUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'it is not a URL';
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.username !== '' || parsed.password !== '') return 'it holds credentials';
  if (loopback && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) return undefined;
  if (parsed.protocol === 'https:' && parsed.hostname.endsWith('.amazonaws.com')) return undefined;
  return 'it is neither an AgentCore gateway (https://….amazonaws.com) nor on this machine';
}

/** A session with the gateway at `url` as the caller `authorization` (the whole header value) stands for. */
export function openGatewaySession(url: string, authorization: string): GatewaySession {
  let last: { requestId?: string; status: number; error?: Promise<string> } | undefined;
  // The answer to the latest POST; read through a call, since the transport sets it while a call is awaited.
  const latest = () => last;
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization } },
    fetch: async (input, init) => {
      const response = await fetch(input, { ...init, redirect: 'error' });
      // Only the POSTs carry messages; the SDK's GET for a server-sent stream (405 here) runs beside them.
      if (init?.method !== 'POST') return response;
      last = { requestId: response.headers.get('x-amzn-requestid') ?? undefined, status: response.status };
      if (!response.ok) last.error = response.clone().text().then(errorText, () => '');
      return response;
    },
  });
  const client = new Client({ name: 'agentcore-policy', version: '1.0.0' });
  let connected: Promise<ToolCallAnswer | undefined> | undefined;
  const connect = () => (connected ??= client.connect(transport).then(() => undefined, (error: unknown) => refused(error)));
  const refused = async (error: unknown): Promise<ToolCallAnswer> => {
    const said = last?.error ? await last.error : '';
    const status = last && !(last.status >= 200 && last.status < 300) ? `HTTP ${last.status}` : undefined;
    const message = [status, said || (status ? '' : (error as Error).message)].filter(Boolean).join(': ');
    return { kind: 'refused', ...(last?.requestId && { requestId: last.requestId }), message: short(message || 'no answer') };
  };
  let queue: Promise<unknown> = Promise.resolve();
  const call = async (tool: string, args: Record<string, unknown>): Promise<ToolCallAnswer> => {
    const failedToConnect = await connect();
    if (failedToConnect) return failedToConnect;
    last = undefined;
    try {
      const result = await client.callTool({ name: tool, arguments: args }, undefined, { timeout: CALL_TIMEOUT_MS });
      const answered = latest();
      return { kind: 'result', ...(answered?.requestId && { requestId: answered.requestId }), isError: result.isError === true };
    } catch (error) {
      const answered = latest();
      if (error instanceof McpError && answered?.status === 200) {
        return { kind: 'rpc-error', ...(answered.requestId && { requestId: answered.requestId }), code: error.code, message: short(rpcMessage(error)) };
      }
      return refused(error);
    }
  };
  return {
    call(tool, args) {
      const answer = queue.then(() => call(tool, args));
      queue = answer.catch(() => undefined);
      return answer;
    },
    async close() {
      await client.close().catch(() => undefined);
    },
  };
}

/** The SDK prefixes "MCP error <code>: "; the gateway's own words follow. */
function rpcMessage(error: McpError): string {
  return error.message.replace(/^MCP error -?\d+: /, '');
}

/** The message of a JSON-RPC error body, or the body's first line. */
function errorText(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown }; message?: unknown };
    const message = body.error?.message ?? body.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON
  }
  return text.split('\n')[0] ?? '';
}
