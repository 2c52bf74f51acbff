import type { NamespaceLookup } from "@portcullis/constraint";
import { errorMessage } from "../audit/errors.js";
import { ExternalDataService } from "../external-data/external-data-service.js";
import { namespaceLookup } from "../policies/namespace-lookup.js";
import { buildPolicySet, type PolicySet } from "../policies/policy-set.js";
import { answerRequests } from "../threads/worker-thread.js";
import { parseJsonBody, validateAdmissionReview } from "../webhook/admission-review.js";
import { type DecidedBatch, decideAdmissions } from "./admission-decisions.js";
import type {
  AdmissionWorkerSettings,
  FromAdmissionWorker,
  ToAdmissionWorker,
} from "./admission-worker-protocol.js";

// Entry of a webhook worker thread: builds its own policy set from the documents it is sent and
// decides batches of admission requests with it.
let set: PolicySet | undefined;
let settings: AdmissionWorkerSettings = { ownUsername: "", logDenies: false };
let lookup: NamespaceLookup = () => undefined;
let externalData: ExternalDataService | undefined;

function handle(msg: ToAdmissionWorker): FromAdmissionWorker | Promise<FromAdmissionWorker> {
  switch (msg.type) {
    case "policies":
      set = buildPolicySet(msg.documents, msg.settings.policySet);
      settings = msg.settings;
      lookup = namespaceLookup(set.namespaces);
      if (settings.externalData === undefined) externalData = undefined;
      else {
        externalData ??= new ExternalDataService(settings.externalData.cacheTtlMs);
        externalData.show(settings.externalData.clientCertificate);
      }
      return { type: "loaded", id: msg.id };
    case "decide": {
      const calls = msg.work.map((w) => ({
        request: validateAdmissionReview(parseJsonBody(w.body)).request,
        deadline: w.deadline,
      }));
      const service = externalData;
      const batch = decideAdmissions(set, calls, {
        ownUsername: settings.ownUsername,
        logDenies: settings.logDenies,
        logStats: settings.logStats === true,
        namespaces: lookup,
        ...(service !== undefined ? { externalData: (s: PolicySet) => service.backendFor(s) } : {}),
      });
      const reply = (decided: DecidedBatch): FromAdmissionWorker => ({
        type: "decided",
        id: msg.id,
        batch: decided,
      });
      return batch instanceof Promise ? batch.then(reply) : reply(batch);
    }
  }
}

answerRequests<ToAdmissionWorker, FromAdmissionWorker>(handle, (id, e) => ({
  type: "failed",
  id,
  message: errorMessage(e),
}));
