// Bounded concurrency for scans over many workspace files (the views read thousands of files after an export).

/** Runs `work` over `items` with at most `limit` calls in flight. */
export async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}
