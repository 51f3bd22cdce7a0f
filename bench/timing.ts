// Medians of wall times, for the benches and for the tasks their fresh processes run (bench/tasks.ts), which load
// nothing else of the benches.
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The median of `runs` runs of `task`, one after another. */
export async function timed(runs: number, task: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return median(times);
}
