import { afterEach, describe, expect, it } from "vitest";
import { namespaceLookup } from "../policies/namespace-lookup.js";
import { configDocument, loadPolicyDocuments, removePolicyFolders } from "../policies/test-policy-folder.js";
import { BAD_NAME_REGO, constraint, pod, requestFor, template } from "../webhook/test-fixtures.js";
import { type DecidedBatch, decideAdmissions } from "./admission-decisions.js";

afterEach(removePolicyFolders);

function policiesTracing(dump: string) {
  const traces = [{ user: "alice", kind: { group: "", version: "v1", kind: "Pod" }, dump }];
  return loadPolicyDocuments([
    template("BadName", BAD_NAME_REGO),
    constraint("BadName", "bad-name"),
    configDocument({ validation: { traces } }),
  ]);
}

async function decided(dump: string, username: string): Promise<DecidedBatch> {
  const set = await policiesTracing(dump);
  const request = requestFor(pod("bad"), { userInfo: { username } });
  return decideAdmissions(set, [{ request }], {
    ownUsername: "system:serviceaccount:gatekeeper-system:gatekeeper-admin",
    logDenies: false,
    namespaces: namespaceLookup(new Map()),
  });
}

describe("decideAdmissions with the Config's traces", () => {
  it("logs the trace dump of a traced request, and the policies in force with dump: All", async () => {
    const batch = await decided("All", "alice");
    const logs = batch.decided[0]?.logs ?? [];
    expect(batch.decided[0]?.verdict.status.code).toBe(403);
    expect(logs.map((l) => l.fields.event_type)).toEqual(["trace", "dump"]);
    expect(logs[0]?.message).toContain("Trace:\nTrace of BadName bad-name:");
    const dumped = JSON.parse(logs[1]?.message ?? "{}") as { templates: unknown[]; constraints: unknown[] };
    expect(dumped.templates).toHaveLength(1);
    expect(dumped.constraints).toMatchObject([{ kind: "BadName", metadata: { name: "bad-name" } }]);
  });

  it("logs only the trace without dump: All, and nothing for other users", async () => {
    expect((await decided("", "alice")).decided[0]?.logs.map((l) => l.fields.event_type)).toEqual(["trace"]);
    expect((await decided("All", "bob")).decided[0]?.logs).toEqual([]);
  });
});
