import { describe, expect, it } from "vitest";
import { ConstraintClient } from "./client.js";
import type { JsonObject } from "./driver.js";
import { ENFORCEMENT_POINTS } from "./enforcement.js";
import { ExpansionError } from "./expansion.js";
import { reviewFromAdmissionRequest } from "./review.js";
import { constraintDoc, expansionDoc, templateDoc } from "./test-fixtures.js";

/** Pods must not run as privileged; only Pods are matched, as the library's constraints do. */
function client(): ConstraintClient {
  const c = new ConstraintClient();
  c.addTemplate(
    templateDoc({
      kind: "K8sNoPrivileged",
      rego: `package k8snoprivileged
violation[{"msg": sprintf("privileged container %v in %v", [c.name, input.review.object.metadata.name])}] {
  c := input.review.object.spec.containers[_]
  c.securityContext.privileged
}`,
    }),
  );
  c.addConstraint(
    constraintDoc(
      { match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }] } },
      "no-privileged",
      "K8sNoPrivileged",
    ),
  );
  return c;
}

function deployment(name: string, privileged: boolean, namespace = "default"): JsonObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: {
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "app", image: "app:1", securityContext: { privileged } }] },
      },
    },
  };
}

describe("ConstraintClient with ExpansionTemplates", () => {
  it("reviews what a Deployment generates and prefixes those results with the template", () => {
    const c = client();
    expect(c.review(deployment("web", true)).results).toEqual([]);
    c.addExpansionTemplate(expansionDoc());
    const results = c.review(deployment("web", true)).results;
    expect(results.map((r) => [r.constraint.name, r.msg, r.enforcementAction])).toEqual([
      ["no-privileged", "[Implied by expand-deployments] privileged container app in web-pod", "deny"],
    ]);
    expect(results[0]?.object).toMatchObject({ kind: "Deployment", metadata: { name: "web" } });
    expect(c.review(deployment("web", false)).results).toEqual([]);
  });

  it("follows the object's own results, and takes the template's enforcementAction", () => {
    const c = client();
    c.addTemplate(
      templateDoc({
        kind: "K8sNoReplicas",
        rego: `package k8snoreplicas
violation[{"msg": "replicas not set"}] { not input.review.object.spec.replicas }`,
      }),
    );
    c.addConstraint(
      constraintDoc(
        { match: { kinds: [{ apiGroups: ["apps"], kinds: ["Deployment"] }] } },
        "replicas",
        "K8sNoReplicas",
      ),
    );
    c.addExpansionTemplate(expansionDoc({ enforcementAction: "warn" }));
    const results = c.review(deployment("web", true)).results;
    expect(results.map((r) => [r.msg, r.enforcementAction])).toEqual([
      ["replicas not set", "deny"],
      ["[Implied by expand-deployments] privileged container app in web-pod", "warn"],
    ]);
  });

  it("matches the generated object as source Generated, the subject as Original", () => {
    const c = client();
    c.addConstraint(
      constraintDoc(
        { match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }], source: "Original" } },
        "no-privileged",
        "K8sNoPrivileged",
      ),
    );
    c.addExpansionTemplate(expansionDoc());
    expect(c.review(deployment("web", true)).results).toEqual([]);
  });

  it("expands admission requests in batches, each with its own results", () => {
    const c = client();
    c.addExpansionTemplate(expansionDoc());
    const request = (object: JsonObject, uid: string): JsonObject => ({
      uid,
      kind: { group: "apps", version: "v1", kind: "Deployment" },
      resource: { group: "apps", version: "v1", resource: "deployments" },
      namespace: "default",
      operation: "CREATE",
      userInfo: { username: "alice" },
      object,
    });
    const options = { enforcementPoint: ENFORCEMENT_POINTS.webhook };
    const outcomes = c.reviewBatch(
      [deployment("a", true), deployment("b", false), deployment("c", true)].map((d, i) => ({
        subject: reviewFromAdmissionRequest(request(d, String(i))),
        options,
      })),
    );
    expect(outcomes.map((o) => ("response" in o ? o.response.results.map((r) => r.msg) : o.error))).toEqual([
      ["[Implied by expand-deployments] privileged container app in a-pod"],
      [],
      ["[Implied by expand-deployments] privileged container app in c-pod"],
    ]);
  });

  it("makes an object it cannot expand an error of that object alone", () => {
    const c = client();
    c.addExpansionTemplate(expansionDoc());
    const broken = { ...deployment("broken", true), spec: {} };
    const outcomes = c.reviewAll([broken, deployment("web", true)]);
    expect(outcomes[0]).toEqual({
      error: new ExpansionError(
        "expansion_failed",
        'unable to expand object: could not find source field "spec.template" in resource broken',
      ),
    });
    expect(outcomes[1]).toMatchObject({ response: { results: [{ constraint: { name: "no-privileged" } }] } });
    expect(() => c.review(broken)).toThrow(ExpansionError);
  });

  it("expands what was generated in turn, the deepest first, each under its own template", () => {
    const c = client();
    c.addExpansionTemplate(
      expansionDoc(
        {
          applyTo: [{ groups: ["batch"], kinds: ["CronJob"], versions: ["v1"] }],
          templateSource: "spec.jobTemplate",
          generatedGVK: { group: "batch", version: "v1", kind: "Job" },
        },
        "expand-cronjobs",
      ),
    );
    c.addExpansionTemplate(
      expansionDoc({ applyTo: [{ groups: ["batch"], kinds: ["Job"], versions: ["v1"] }] }, "expand-jobs"),
    );
    const job = deployment("unused", true).spec;
    const cron = {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "nightly", namespace: "ops" },
      spec: { jobTemplate: { spec: job } },
    };
    expect(c.review(cron).results.map((r) => r.msg)).toEqual([
      "[Implied by expand-jobs] privileged container app in nightly-job-pod",
    ]);
  });

  it("refuses a template that closes a cycle, and expands none of the cycle until it is gone", () => {
    const c = client();
    c.addExpansionTemplate(expansionDoc());
    const back = expansionDoc(
      {
        applyTo: [{ groups: [""], kinds: ["Pod"], versions: ["v1"] }],
        generatedGVK: { group: "apps", version: "v1", kind: "Deployment" },
      },
      "pods-to-deployments",
    );
    expect(() => c.addExpansionTemplate(back)).toThrow(
      new ExpansionError("expansion_cycle", "template forms expansion cycle"),
    );
    expect(c.review(deployment("web", true)).results).toEqual([]);
    c.removeExpansionTemplate("pods-to-deployments");
    expect(c.review(deployment("web", true)).results).toHaveLength(1);
  });

  it("stops expanding once the template is removed", () => {
    const c = client();
    c.addExpansionTemplate(expansionDoc());
    expect(c.expansionTemplates().map((t) => t.name)).toEqual(["expand-deployments"]);
    expect(c.removeExpansionTemplate("expand-deployments")).toBe(true);
    expect(c.review(deployment("web", true)).results).toEqual([]);
  });
});
