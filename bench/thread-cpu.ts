import { readdirSync, readFileSync } from "node:fs";

/** Linux reports thread CPU time in clock ticks of 1/100 s (USER_HZ). */
const MS_PER_TICK = 10;

/** CPU time (user + system, ms) of each thread of this process by thread id; empty without /proc. */
export function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return out;
  }
  for (const tid of tids) {
    const ms = cpuOfStat(`/proc/self/task/${tid}/stat`);
    // NaN: the thread ended between listing and reading.
    if (!Number.isNaN(ms)) out.set(tid, ms);
  }
  return out;
}

/** User + system CPU time (ms) in a `/proc/…/stat` file; NaN when it cannot be read. */
function cpuOfStat(path: string): number {
  try {
    const stat = readFileSync(path, "utf8");
    // Fields after the command name (which may hold spaces): state is the first, utime the 12th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return Number.NaN;
  }
}

/** CPU time the threads `tids` spent between two {@link threadCpu} readings. */
export function cpuBetween(
  before: Map<string, number>,
  after: Map<string, number>,
  tids: Iterable<string>,
): number {
  let ms = 0;
  for (const tid of tids) ms += (after.get(tid) ?? 0) - (before.get(tid) ?? 0);
  return ms;
}

/** CPU time (user + system, ms) of process `pid` and all its threads so far; NaN without /proc. */
export function processCpu(pid: number): number {
  return cpuOfStat(`/proc/${pid}/stat`);
}
