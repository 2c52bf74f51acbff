import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";

/**
 * The protocol's pinning (performance.md, "Common protocol"): the system under test on CPU 0,
 * the load driver on CPU 1, with `taskset`. Off with `BENCH_PIN=0`, and where `taskset` or a
 * second CPU is missing; the results then say so.
 */
export interface Pinning {
  /** Whether the servers run on CPU 0 and this process on CPU 1. */
  readonly pinned: boolean;
  /** The command and arguments that start a server process (on CPU 0 when pinned). */
  command(args: readonly string[]): { file: string; args: string[] };
}

function tasksetWorks(): boolean {
  const r = spawnSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
  return r.status === 0;
}

/** Pins this process (every thread) to CPU 1 when it can, and starts servers on CPU 0. */
export function pinLoadDriver(): Pinning {
  const wanted = process.env.BENCH_PIN !== "0" && availableParallelism() >= 2 && tasksetWorks();
  const pinned =
    wanted && spawnSync("taskset", ["-a", "-cp", "1", String(process.pid)], { stdio: "ignore" }).status === 0;
  return {
    pinned,
    command: (args) =>
      pinned
        ? { file: "taskset", args: ["-c", "0", process.execPath, ...args] }
        : { file: process.execPath, args: [...args] },
  };
}

/** Lets this process use every CPU again after a pinned run. */
export function unpinLoadDriver(p: Pinning): void {
  if (!p.pinned) return;
  const all = `0-${availableParallelism() - 1}`;
  spawnSync("taskset", ["-a", "-cp", all, String(process.pid)], { stdio: "ignore" });
}
