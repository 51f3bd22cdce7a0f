// How deeply a parsed JSON value nests, measured without recursion: JSON.parse takes any depth, but JSON.stringify
// and every recursive walk after it overflow the stack on a few thousand levels, so a value nested past a limit is
// refused where it comes in (a request body, a state file) instead of failing wherever it is next walked.

/** Request bodies may nest this deep (the body object itself is level 1); no AgentCore input comes near it, tool
 * input schemas included. Deeper bodies are refused with ValidationException. */
export const MAX_BODY_DEPTH = 64;

/** Whether `value` has objects or arrays nested more than `limit` levels deep. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: next, depth } = stack.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(next)) if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
