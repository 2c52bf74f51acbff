import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

/** The most worker threads `serve` starts by default: each one holds its own compiled policies. */
export const MAX_DEFAULT_SERVING_THREADS = 4;

/** Where cgroup v2 keeps a container's CPU limit. */
const CGROUP_CPU_MAX = "/sys/fs/cgroup/cpu.max";

/**
 * The CPUs a cgroup v2 `cpu.max` allows (`"<quota> <period>"`, in microseconds), such as a
 * Kubernetes CPU limit; undefined for `max` (no limit) or text it cannot read.
 */
export function cgroupCpuLimit(cpuMax: string): number | undefined {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(cpuMax);
  if (m === null) return undefined;
  const quota = Number(m[1]);
  const period = Number(m[2]);
  return quota > 0 && period > 0 ? quota / period : undefined;
}

/**
 * The default `--max-serving-threads`: one worker fewer than the whole CPUs available, so the
 * event loop keeps one for TLS, HTTP and parsing, at most {@link MAX_DEFAULT_SERVING_THREADS};
 * 0 (decide on the event loop) with fewer than two.
 */
export function defaultServingThreads(cpus: number, limit?: number): number {
  const whole = Math.floor(Math.min(cpus, limit ?? Number.POSITIVE_INFINITY));
  return Math.max(0, Math.min(MAX_DEFAULT_SERVING_THREADS, whole - 1));
}

/** {@link defaultServingThreads} for this process: its CPU affinity and its cgroup's CPU limit. */
export function servingThreadsHere(): number {
  let limit: number | undefined;
  try {
    limit = cgroupCpuLimit(readFileSync(CGROUP_CPU_MAX, "utf8"));
  } catch {
    // No cgroup v2 limit to read: the affinity alone.
  }
  return defaultServingThreads(availableParallelism(), limit);
}
