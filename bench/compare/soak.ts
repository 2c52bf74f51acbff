/**
 * Whether `portcullis serve` keeps its memory under a long load: the library's webhook gets
 * closed-loop load in windows of `WINDOW` seconds for `SECONDS` in all, every request with a uid
 * of its own, and after each window its resident set and V8 heap (from /metrics) are printed. A
 * heap that climbs window after window, after the first few, is a leak; one that levels off is
 * V8 sizing its heap. The server's CPU time per request, per window, shows whether it slows.
 * usage: npx tsx bench/compare/soak.ts   (env: SECONDS=300, WINDOW=30, FLAGS: serve flags)
 */
import { readFileSync } from "node:fs";
import { get } from "node:http";
import { resolve } from "node:path";
import autocannon from "autocannon";
import { loadSetup } from "../load-setup.js";
import { processCpu } from "../thread-cpu.js";
import { startWebhook, stop } from "../webhook.js";

const seconds = Number(process.env.SECONDS ?? "300");
const windowSeconds = Number(process.env.WINDOW ?? "30");
const flags = (process.env.FLAGS ?? "").split(" ").filter((w) => w !== "");
const METRICS_PORT = 18_931;

/** The process's resident set in MB, from /proc. */
function residentMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m === null ? Number.NaN : Number(m[1]) / 1024;
}

/** One gauge of the server's /metrics, in MB (summed over its label sets). */
function metricMb(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split("\n")) if (line.startsWith(name)) sum += Number(line.split(" ").pop());
  return sum / 1024 / 1024;
}

function metrics(): Promise<string> {
  return new Promise((done, fail) => {
    get(`http://127.0.0.1:${METRICS_PORT}/metrics`, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => {
        body += d.toString();
      });
      res.on("end", () => done(body));
    }).on("error", fail);
  });
}

const { root, certDir, ca, bodies, pinning, close } = loadSetup(
  "soak",
  resolve(import.meta.dirname, "../.."),
);
const texts = bodies.map((b) => b.toString("utf8"));
const server = await startWebhook(
  root,
  certDir,
  pinning,
  [],
  ["--metrics-port", String(METRICS_PORT), ...flags],
);
let next = 0;
try {
  console.log("window  req/s  CPU ms/req  errors  RSS MB  heap used MB  heap total MB");
  for (let w = 1; w * windowSeconds <= seconds; w++) {
    const cpu0 = processCpu(server.pid);
    const result = await autocannon({
      url: `https://127.0.0.1:${server.port}/v1/admit`,
      connections: 50,
      duration: windowSeconds,
      timeout: 10,
      servername: "localhost",
      tlsOptions: { ca },
      requests: [
        {
          method: "POST",
          path: "/v1/admit",
          headers: { "content-type": "application/json" },
          setupRequest: (req) => {
            const text = texts[next % texts.length] ?? "";
            next++;
            return { ...req, body: text.replace(/"uid":"uid-/, `"uid":"soak-${next}-`) };
          },
        },
      ],
    });
    const cpu = processCpu(server.pid) - cpu0;
    const m = await metrics();
    const row = [
      String(w).padStart(6),
      (result.requests.total / result.duration).toFixed(0).padStart(6),
      (cpu / Math.max(1, result.requests.total)).toFixed(3).padStart(11),
      String(result.errors + result.non2xx).padStart(7),
      residentMb(server.pid).toFixed(0).padStart(7),
      metricMb(m, "nodejs_heap_size_used_bytes").toFixed(1).padStart(13),
      metricMb(m, "nodejs_heap_size_total_bytes").toFixed(1).padStart(14),
    ];
    console.log(row.join(" "));
  }
} finally {
  await stop(server.child);
  close();
}
