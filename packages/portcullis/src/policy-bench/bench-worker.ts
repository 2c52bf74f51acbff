import { errorMessage } from "../gator/errors.js";
import { answerRequests } from "../threads/worker-thread.js";
import type { FromBenchWorker, ToBenchWorker } from "./bench-worker-protocol.js";
import { type LoadedBench, loadBench } from "./load-bench.js";
import { measureReviews, measureReviewsCounting } from "./run-bench.js";

// Entry of a `portcullis bench --concurrency` worker thread: loads its own client from the
// documents it is sent, warms it up, then measures the review cycles it is given.
let loaded: LoadedBench | undefined;

function handle(msg: ToBenchWorker): FromBenchWorker {
  if (msg.type === "load") {
    loaded = loadBench(msg.documents, msg.engine);
    measureReviews(loaded, msg.warmup);
    return { type: "loaded", id: msg.id };
  }
  if (loaded === undefined) return { type: "failed", id: msg.id, message: "measure before load" };
  return { type: "measured", id: msg.id, ...measureReviewsCounting(loaded, msg.cycles, msg.memory) };
}

answerRequests(handle, (id, e): FromBenchWorker => ({ type: "failed", id, message: errorMessage(e) }));
