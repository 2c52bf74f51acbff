import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { namespaceLookup } from "../policies/namespace-lookup.js";
import type { PolicySet } from "../policies/policy-set.js";
import { configDocument, loadPolicyDocuments, removePolicyFolders } from "../policies/test-policy-folder.js";
import { BAD_NAME_REGO, constraint, pod, template } from "../webhook/test-fixtures.js";
import { PREVIEW_USERNAME, PreviewError, previewReviews } from "./review-preview.js";

afterEach(removePolicyFolders);

function policies(): Promise<PolicySet> {
  return loadPolicyDocuments([
    template("BadName", BAD_NAME_REGO),
    constraint("BadName", "bad-name"),
    constraint("BadName", "bad-name-warn", { enforcementAction: "warn" }),
    configDocument({ match: [{ excludedNamespaces: ["ignored"], processes: ["webhook"] }] }),
  ]);
}

const OPTIONS = {
  ownUsername: "system:serviceaccount:gatekeeper-system:gatekeeper-admin",
  namespaces: namespaceLookup(new Map()),
};

describe("previewReviews", () => {
  it("decides each document as the webhook would, with the results it acts on", async () => {
    const text = [stringify(pod("bad")), stringify(pod("fine")), stringify(pod("bad", "ignored"))].join(
      "---\n",
    );
    const { reviews } = await previewReviews(await policies(), { text }, OPTIONS);
    expect(reviews.map((r) => [r.document, r.object.name, r.allowed, r.code])).toEqual([
      [1, "bad", false, 403],
      [2, "fine", true, 200],
      [3, "bad", true, 200],
    ]);
    expect(reviews[0]).toMatchObject({
      object: { apiVersion: "v1", kind: "Pod", namespace: "default", name: "bad" },
      message: "[bad-name] name bad is bad",
      warnings: ["[bad-name-warn] name bad is bad"],
      results: [
        { constraint: { kind: "BadName", name: "bad-name" }, actions: ["deny"], message: "name bad is bad" },
        {
          constraint: { kind: "BadName", name: "bad-name-warn" },
          actions: ["warn"],
          message: "name bad is bad",
        },
      ],
    });
    expect(reviews[0]?.trace).toBeUndefined();
    expect(reviews[2]?.message).toBe("Namespace is set to be ignored by Gatekeeper config");
  });

  it("traces on request, sends AdmissionReviews as they are, and takes the operation and user asked", async () => {
    const set = await policies();
    const traced = await previewReviews(set, { text: JSON.stringify(pod("bad")), trace: true }, OPTIONS);
    expect(traced.reviews[0]?.trace).toContain("Trace of BadName bad-name:");
    const review = {
      apiVersion: "admission.k8s.io/v1",
      kind: "AdmissionReview",
      request: {
        uid: "u",
        kind: { group: "", version: "v1", kind: "Pod" },
        operation: "CREATE",
        userInfo: { username: OPTIONS.ownUsername },
        object: pod("bad"),
      },
    };
    const own = await previewReviews(set, { text: JSON.stringify(review) }, OPTIONS);
    expect(own.reviews[0]).toMatchObject({ allowed: true, message: "Gatekeeper does not self-manage" });
    const deleted = await previewReviews(set, { text: stringify(pod("bad")), operation: "delete" }, OPTIONS);
    expect(deleted.reviews[0]).toMatchObject({ allowed: false, code: 403, object: { name: "bad" } });
    expect(PREVIEW_USERNAME).toBe("portcullis-preview");
  });

  it("stops a document's review at its deadline, as an error, and goes on with the next", async () => {
    const slow = `package slow
violation[{"msg": msg}] {
  n := count([x | x := numbers.range(1, 1000)[_]; y := numbers.range(1, 1000)[_]; z := numbers.range(1, 1000)[_]])
  msg := sprintf("%v", [n])
}`;
    const set = await loadPolicyDocuments([
      template("Slow", slow),
      constraint("Slow", "slow", { match: { kinds: [{ apiGroups: ["example.com"], kinds: ["Slow"] }] } }),
    ]);
    const slowObject = { apiVersion: "example.com/v1", kind: "Slow", metadata: { name: "s" } };
    const text = [stringify(slowObject), stringify(pod("fine"))].join("---\n");
    const started = Date.now();
    const { reviews } = await previewReviews(set, { text }, { ...OPTIONS, timeoutMs: 50 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(reviews.map((r) => r.code)).toEqual([500, 200]);
    expect(reviews[0]?.message).toContain("eval_cancel_error");
  });

  it("refuses what the webhook could not be asked", async () => {
    const set = await policies();
    const refusedBy = async (s: PolicySet | undefined, request: Parameters<typeof previewReviews>[1]) => {
      try {
        await previewReviews(s, request, OPTIONS);
      } catch (e: unknown) {
        return e instanceof PreviewError ? `${e.code}: ${e.message}` : String(e);
      }
      return "accepted";
    };
    const refused = (request: Parameters<typeof previewReviews>[1]) => refusedBy(set, request);
    expect(await refused({ text: "a: [b" })).toMatch(/^bad_request: text:1:\d+: /);
    expect(await refused({ text: "" })).toBe("bad_request: the text holds no object");
    expect(await refused({ text: "- 1" })).toBe("bad_request: text: document 1 is not an object");
    expect(await refused({ text: stringify(pod("x")), operation: "PATCH" })).toBe(
      'bad_request: operation must be CREATE, UPDATE or DELETE, not "PATCH"',
    );
    expect(
      await refused({ text: JSON.stringify({ apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview" }) }),
    ).toBe("bad_request: document 1: an AdmissionReview without a request");
    expect(await refusedBy(undefined, { text: stringify(pod("x")) })).toBe(
      "not_ready: the policies are not loaded yet",
    );
  });
});
