import type { ConstraintClient, ExternalDataBackend, JsonObject } from "@portcullis/constraint";
import { auditBackend } from "../external-data/external-data-service.js";
import { answerRequests } from "../threads/worker-thread.js";
import { errorMessage } from "./errors.js";
import { packPage, unpackObjects } from "./page-transfer.js";
import { loadPolicySet, newClient } from "./policy-loader.js";
import { type PageReview, reviewObjects } from "./review-objects.js";
import { namespaceIndex } from "./reviewer.js";
import type { FromWorker, ToWorker } from "./worker-protocol.js";

// Entry of an audit worker thread: holds its own constraint client and reviews pages it is sent.
let client: ConstraintClient = newClient();
let externalData: ExternalDataBackend | undefined;
let namespaces: ReadonlyMap<string, JsonObject> = new Map();
const lookup = (name: string): JsonObject | undefined => namespaces.get(name);

function handle(msg: ToWorker): FromWorker | Promise<FromWorker> {
  switch (msg.type) {
    case "policies": {
      const wanted = msg.policies.externalData;
      client = loadPolicySet(newClient("auto", { externalData: wanted !== undefined }), msg.policies);
      externalData = wanted === undefined ? undefined : auditBackend(wanted.providers, wanted.settings);
      return { type: "done", id: msg.id };
    }
    case "namespaces":
      namespaces = namespaceIndex(msg.namespaces);
      return { type: "done", id: msg.id };
    case "review": {
      const page = reviewObjects(
        client,
        unpackObjects(msg.objects),
        lookup,
        msg.stats === true,
        externalData,
      );
      const reply = (p: PageReview): FromWorker => ({ type: "reviewed", id: msg.id, result: packPage(p) });
      return page instanceof Promise ? page.then(reply) : reply(page);
    }
  }
}

answerRequests<ToWorker, FromWorker>(handle, (id, e) => ({ type: "failed", id, message: errorMessage(e) }));
