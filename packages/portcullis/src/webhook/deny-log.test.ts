import type { ReviewResult } from "@portcullis/constraint";
import { describe, expect, it } from "vitest";
import { denyLogEntries } from "./deny-log.js";
import { pod, requestFor } from "./test-fixtures.js";

describe("denyLogEntries", () => {
  it("logs Gatekeeper's fields with 'denied admission: <msg>'", () => {
    const result: ReviewResult = {
      constraint: { kind: "K8sX", name: "x", object: { apiVersion: "constraints.gatekeeper.sh/v1beta1" } },
      msg: "no",
      details: { a: 1 },
      enforcementAction: "dryrun",
      scopedEnforcementActions: [],
      object: {},
      engine: "Rego",
      error: false,
    };
    const [entry] = denyLogEntries(requestFor(pod("web", "prod"), { name: "" }), [
      { result, actions: ["dryrun"] },
    ]);
    expect(entry).toEqual({
      process: "admission",
      event_type: "violation",
      details: { a: 1 },
      constraint_name: "x",
      constraint_group: "constraints.gatekeeper.sh",
      constraint_api_version: "v1beta1",
      constraint_kind: "K8sX",
      constraint_action: "dryrun",
      constraint_enforcement_actions: [],
      resource_group: "",
      resource_api_version: "v1",
      resource_kind: "Pod",
      resource_namespace: "prod",
      resource_name: "web",
      request_username: "alice",
      msg: "denied admission: no",
    });
  });
});
