import { GCProfiler, getHeapStatistics } from "node:v8";

/** What `run` returned, and how many bytes it allocated on this thread's V8 heap. */
export interface Allocated<T> {
  readonly value: T;
  readonly bytes: number;
}

/**
 * Runs `run` and counts the bytes allocated on the V8 heap meanwhile: what the used heap grew by,
 * plus what every collection on the way freed. V8 counts bytes, not allocations, so there is no
 * count of allocations to report beside them. Memory outside the heap (Buffers) is not counted.
 */
export function allocatedBytes<T>(run: () => T): Allocated<T> {
  const profiler = new GCProfiler();
  const before = getHeapStatistics().used_heap_size;
  profiler.start();
  const value = run();
  const after = getHeapStatistics().used_heap_size;
  const { statistics } = profiler.stop();
  let freed = 0;
  for (const gc of statistics)
    freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  return { value, bytes: Math.max(0, after - before + freed) };
}
