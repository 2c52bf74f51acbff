import type { JsonObject } from "@portcullis/constraint";
import type { PackedObjects, PackedPage } from "./page-transfer.js";
import type { PolicySet } from "./policy-loader.js";

/** A message to an audit worker. */
export type ToWorker =
  | { readonly type: "policies"; readonly id: number; readonly policies: PolicySet }
  | { readonly type: "namespaces"; readonly id: number; readonly namespaces: readonly JsonObject[] }
  | {
      readonly type: "review";
      readonly id: number;
      readonly objects: PackedObjects;
      readonly stats?: boolean;
    };

/** A reply from an audit worker; `id` is the request's. */
export type FromWorker =
  | { readonly type: "done"; readonly id: number }
  | { readonly type: "reviewed"; readonly id: number; readonly result: PackedPage }
  | { readonly type: "failed"; readonly id: number; readonly message: string };
