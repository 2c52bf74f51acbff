import { parentPort } from "node:worker_threads";

// A webhook worker that exits when asked to decide a body containing CRASH (admission-pool.test).
parentPort?.on("message", (m: { type?: string; work?: { body: string }[] }) => {
  if (m.type === "decide" && m.work?.some((w) => w.body.includes("CRASH"))) process.exit(3);
});
await import("./admission-worker.js");
