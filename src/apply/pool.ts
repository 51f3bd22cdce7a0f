// Bounded concurrency for the steps of one phase: at most `limit` in flight, started in order, and no new one
// started once `stop()` says so (a failure lets the steps already in flight finish, and starts nothing more).

/** Runs `task` over `items`; the result of each item, or undefined for items never started. */
export async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  stop: () => boolean = () => false,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
