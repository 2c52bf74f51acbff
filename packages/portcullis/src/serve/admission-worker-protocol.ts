import type { ExternalDataSettings } from "../external-data/external-data-service.js";
import type { PolicySetOptions } from "../policies/policy-set.js";
import type { PolicyDocument } from "../policies/read-policy-files.js";
import type { DecidedBatch } from "./admission-decisions.js";

/** What an admission worker decides with besides its policies. */
export interface AdmissionWorkerSettings {
  readonly ownUsername: string;
  readonly logDenies: boolean;
  /** Log each request's template run times (`--log-stats-admission`). */
  readonly logStats?: boolean;
  /** How the worker builds its policy set from the documents: as the event loop does. */
  readonly policySet?: PolicySetOptions;
  /** External data, when on: the worker keeps a response cache of its own. */
  readonly externalData?: ExternalDataSettings;
}

/** One request for a worker: the AdmissionReview's text (already validated) and its deadline. */
export interface AdmissionWork {
  readonly body: string;
  readonly deadline: number;
}

/** A message to an admission worker. */
export type ToAdmissionWorker =
  | {
      readonly type: "policies";
      readonly id: number;
      readonly documents: readonly PolicyDocument[];
      readonly settings: AdmissionWorkerSettings;
    }
  | { readonly type: "decide"; readonly id: number; readonly work: readonly AdmissionWork[] };

/** A reply from an admission worker; `id` is the request's. */
export type FromAdmissionWorker =
  | { readonly type: "loaded"; readonly id: number }
  | { readonly type: "decided"; readonly id: number; readonly batch: DecidedBatch }
  | { readonly type: "failed"; readonly id: number; readonly message: string };
