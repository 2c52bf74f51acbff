import type { EngineChoice } from "@portcullis/constraint";
import type { SourceDocument } from "../gator/read-documents.js";

/** A message to a bench worker: load the documents (and warm up), or measure `cycles` review cycles. */
export type ToBenchWorker =
  | {
      readonly type: "load";
      readonly id: number;
      readonly documents: readonly SourceDocument[];
      readonly engine: EngineChoice;
      readonly warmup: number;
    }
  | { readonly type: "measure"; readonly id: number; readonly cycles: number; readonly memory: boolean };

/** A bench worker's reply. */
export type FromBenchWorker =
  | { readonly type: "loaded"; readonly id: number }
  | {
      readonly type: "measured";
      readonly id: number;
      readonly durations: Float64Array;
      readonly violations: number;
      /** Heap bytes the worker's reviews allocated, when counted. */
      readonly allocatedBytes?: number;
    }
  | { readonly type: "failed"; readonly id: number; readonly message: string };
