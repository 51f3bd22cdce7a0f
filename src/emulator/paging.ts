// Pagination as the service does it: `maxResults` pages (default 10) and an opaque `nextToken`. The token names
// the list it belongs to and the creation sequence of the last item served, so items created or deleted between
// pages neither repeat nor shift the pages that follow.
import { validationError, type ApiError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 10;

interface TokenBody {
  /** Which list the token was issued for. */
  l: string;
  /** Sequence number of the last item on the previous page. */
  a: number;
}

export function encodeToken(list: string, after: number): string {
  return Buffer.from(JSON.stringify({ l: list, a: after } satisfies TokenBody)).toString('base64url');
}

function decodeToken(token: string, list: string): number | undefined {
  try {
    const body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
    return body.l === list && typeof body.a === 'number' ? body.a : undefined;
  } catch {
    return undefined;
  }
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** One page of `items` (sorted by `seq`) for the list named `list`. */
export function paginate<T extends { seq: number }>(
  items: readonly T[],
  list: string,
  maxResults: number | undefined,
  nextToken: string | undefined,
): Page<T> | ApiError {
  let after = -Infinity;
  if (nextToken !== undefined) {
    const decoded = decodeToken(nextToken, list);
    if (decoded === undefined) return validationError('The nextToken is not valid for this request.', 'FieldValidationFailed', [{ name: 'nextToken', message: 'Invalid token' }]);
    after = decoded;
  }
  const size = maxResults ?? DEFAULT_PAGE_SIZE;
  const rest = items.filter((item) => item.seq > after);
  const slice = rest.slice(0, size);
  const last = slice[slice.length - 1];
  return rest.length > size && last ? { items: slice, nextToken: encodeToken(list, last.seq) } : { items: slice };
}
