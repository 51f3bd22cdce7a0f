// restJson1 request decoding: the JSON body, typed query parameters and URI labels merged into one input, and the
// region the request was signed for (the SigV4 credential scope), which selects the partition as moto does.
import type { Input } from './contract.js';
import { validationError, type ApiError } from './errors.js';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './nesting.js';
import type { Operation } from './operation.js';

/** The region in `Credential=AKID/20260101/us-west-2/bedrock-agentcore/aws4_request`, if any. */
export function signingRegion(authorization: string | undefined): string | undefined {
  return authorization ? /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\//.exec(authorization)?.[1] : undefined;
}

/** Query parameters the operation declares, integers read as numbers (others left for the contract to refuse). */
export function queryInput(operation: Operation, query: URLSearchParams): Input {
  const input: Input = {};
  for (const [name, type] of Object.entries(operation.query ?? {})) {
    const value = query.get(name);
    if (value === null) continue;
    input[name] = type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return input;
}

/** The JSON body as an object; empty bodies are an empty input. A body nested past MAX_BODY_DEPTH is refused
 * before anything walks it (the store, the state file, an idempotency fingerprint). */
export function bodyInput(text: string): Input | ApiError {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (nestsDeeperThan(value, MAX_BODY_DEPTH)) return validationError(`The request body nests deeper than ${MAX_BODY_DEPTH} levels.`);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Input;
  } catch {
    // fall through to the same answer as for a non-object body
  }
  return validationError('The request body could not be parsed as a JSON object.', 'CannotParse');
}

/** Labels and query parameters win over body members of the same name, as the protocol binds them. */
export function requestInput(operation: Operation, body: Input, labels: Record<string, string>, query: URLSearchParams): Input {
  return { ...body, ...queryInput(operation, query), ...labels };
}
