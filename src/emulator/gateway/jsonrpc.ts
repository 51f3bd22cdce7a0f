// JSON-RPC 2.0 framing of one Streamable HTTP POST, as MCP has it: the body is one message or a batch of them
// (batches were dropped by MCP 2025-06-18 but are still accepted, like the SDK's own server does). Requests get
// responses, in order; notifications and client responses get none, and a body with nothing to answer is a 202
// with no body. A body that is not JSON is a -32700 parse error, a message that is not JSON-RPC a -32600 invalid
// request (HTTP 400 when it is the whole body, as the SDK's server answers); everything a handler throws becomes
// the request's error response, with the code of an RpcError or -32603.
//
// The SDK's own server transport was measured here and left out: a fresh Server and transport per stateless request
// (its Web-standard Request/Response conversion and its per-message validation) capped a do-nothing tool at
// ~1,000 calls/s on this 2-core machine, below the data plane's target with Cedar included. Its message schemas
// are used, so a message is valid here exactly when it is valid to the SDK.
import {
  ErrorCode,
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCRequest,
} from '@modelcontextprotocol/sdk/types.js';

/** The gateway's code for a call its policies denied. */
export const TOOL_DENIED = -32002;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RpcAnswer {
  status: number;
  /** Undefined: nothing to answer (202). */
  body?: unknown;
}

type Handler = (request: JSONRPCRequest) => Promise<unknown>;

const failure = (id: unknown, code: number, message: string) => ({ jsonrpc: '2.0', id, error: { code, message } });

export async function answerRpc(text: string, handle: Handler): Promise<RpcAnswer> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 400, body: failure(null, ErrorCode.ParseError, 'Parse error: the body is not JSON') };
  }
  if (!Array.isArray(value)) {
    const { answer, invalid } = await answerOne(value, handle);
    return answer === undefined ? { status: 202 } : { status: invalid ? 400 : 200, body: answer };
  }
  if (value.length === 0) return { status: 400, body: failure(null, ErrorCode.InvalidRequest, 'Invalid Request: an empty batch') };
  const answers = (await Promise.all(value.map((message) => answerOne(message, handle)))).flatMap((a) => (a.answer === undefined ? [] : [a.answer]));
  return answers.length === 0 ? { status: 202 } : { status: 200, body: answers };
}

/** The response to one message (none for a notification or a response), and whether the message was invalid. */
async function answerOne(message: unknown, handle: Handler): Promise<{ answer?: unknown; invalid?: true }> {
  if (isJSONRPCRequest(message)) {
    try {
      return { answer: { jsonrpc: '2.0', id: message.id, result: await handle(message) } };
    } catch (error) {
      const code = error instanceof RpcError ? error.code : ErrorCode.InternalError;
      return { answer: failure(message.id, code, (error as Error).message) };
    }
  }
  if (isJSONRPCNotification(message) || isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) return {};
  const id = (message as { id?: unknown } | null)?.id;
  const answer = failure(typeof id === 'string' || typeof id === 'number' ? id : null, ErrorCode.InvalidRequest, 'Invalid Request: not a JSON-RPC 2.0 message');
  return { answer, invalid: true };
}
