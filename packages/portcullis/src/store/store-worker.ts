import { answerRequests } from "../threads/worker-thread.js";
import { StoreError } from "./errors.js";
import type { FromStoreWorker, ToStoreWorker } from "./store-protocol.js";
import { type RecordedViolation, ViolationStore } from "./violation-store.js";

// Entry of the store writer thread: its own connection to the store, writing each audit it is sent.
let store: ViolationStore | undefined;
let ahead: RecordedViolation[] = [];

function handle(msg: ToStoreWorker): FromStoreWorker {
  switch (msg.type) {
    case "open":
      store?.close();
      store = ViolationStore.open(msg.dir);
      return { type: "opened", id: msg.id };
    case "violations":
      for (const v of msg.violations) ahead.push(v);
      return { type: "received", id: msg.id };
    case "record": {
      const violations = ahead.concat(msg.audit.violations);
      ahead = [];
      if (store === undefined) throw new StoreError("store_write_failed", "the store is not open");
      return { type: "recorded", id: msg.id, outcome: store.recordAudit({ ...msg.audit, violations }) };
    }
  }
}

answerRequests<ToStoreWorker, FromStoreWorker>(handle, (id, e) => ({
  type: "failed",
  id,
  code: e instanceof StoreError ? e.code : "store_write_failed",
  message: e instanceof Error ? e.message : String(e),
}));
