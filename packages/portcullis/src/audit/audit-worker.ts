import type { ConstraintClient, JsonObject } from "@portcullis/constraint";
import { answerRequests } from "../threads/worker-thread.js";
import { errorMessage } from "./errors.js";
import { packPage, unpackObjects } from "./page-transfer.js";
import { loadPolicySet, newClient } from "./policy-loader.js";
import { reviewObjects } from "./review-objects.js";
import { namespaceIndex } from "./reviewer.js";
import type { FromWorker, ToWorker } from "./worker-protocol.js";

// Entry of an audit worker thread: holds its own constraint client and reviews pages it is sent.
let client: ConstraintClient = newClient();
let namespaces: ReadonlyMap<string, JsonObject> = new Map();
const lookup = (name: string): JsonObject | undefined => namespaces.get(name);

function handle(msg: ToWorker): FromWorker {
  switch (msg.type) {
    case "policies":
      client = loadPolicySet(newClient(), msg.policies);
      return { type: "done", id: msg.id };
    case "namespaces":
      namespaces = namespaceIndex(msg.namespaces);
      return { type: "done", id: msg.id };
    case "review":
      return {
        type: "reviewed",
        id: msg.id,
        result: packPage(reviewObjects(client, unpackObjects(msg.objects), lookup, msg.stats === true)),
      };
  }
}

answerRequests<ToWorker, FromWorker>(handle, (id, e) => ({ type: "failed", id, message: errorMessage(e) }));
