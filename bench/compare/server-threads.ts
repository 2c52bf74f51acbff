/**
 * Where a server's CPU goes by thread under the webhook bench's load: `portcullis serve` (or the
 * bench's bare `node:https` server with `BARE=1`) is loaded for `WARM` seconds, then for `SECONDS`
 * more, and each of its threads' CPU time in the second run is printed per answered request. The
 * main thread answers requests; the others are V8's helpers (concurrent marking, parallel
 * scavenges, background compilation), which share the one pinned core.
 * usage: npx tsx bench/compare/server-threads.ts   (env: BARE, WARM=20, SECONDS=20)
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadSetup } from "../load-setup.js";
import { loadRun, startBare, startWebhook, stop } from "../webhook.js";

/** Linux reports thread CPU time in clock ticks of 1/100 s (USER_HZ). */
const MS_PER_TICK = 10;

/** CPU time (ms) of each thread of process `pid`, by `tid name`; threads that ended are skipped. */
function threadTimes(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue;
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    // Fields after the command name: state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    out.set(`${tid} ${name}`, (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
  }
  return out;
}

const bare = process.env.BARE === "1";
const warm = Number(process.env.WARM ?? "20");
const seconds = Number(process.env.SECONDS ?? "20");
const { root, certDir, ca, bodies, pinning, close } = loadSetup(
  "server-threads",
  resolve(import.meta.dirname, "../.."),
);
const server = bare
  ? await startBare(root, certDir, pinning)
  : await startWebhook(root, certDir, pinning, [], []);
try {
  await loadRun(server, ca, bodies, warm);
  const before = threadTimes(server.pid);
  const s = await loadRun(server, ca, bodies, seconds);
  const after = threadTimes(server.pid);
  const answered = s.rate * seconds;
  console.log(
    `${bare ? "bare server" : "serve"}: ${s.rate.toFixed(0)} req/s, ` +
      `${s.cpuPerRequest.toFixed(3)} ms of CPU per request, after ${warm} s of load`,
  );
  for (const [thread, ms] of after) {
    const used = ms - (before.get(thread) ?? 0);
    if (used > 0)
      console.log(`  thread ${thread.padEnd(24)} ${((used * 1000) / answered).toFixed(1)} µs per request`);
  }
} finally {
  await stop(server.child);
  close();
}
