import { describe, expect, it } from "vitest";
import {
  ExpansionError,
  expandObject,
  expandsKind,
  parseExpansionTemplate,
  templatesInCycles,
} from "./expansion.js";
import { expansionDoc } from "./test-fixtures.js";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "Nginx-Deployment", namespace: "default" },
  spec: {
    replicas: 3,
    template: {
      metadata: { labels: { app: "nginx" } },
      spec: { containers: [{ name: "nginx", image: "nginx:1.14.2" }] },
    },
  },
};

describe("parseExpansionTemplate", () => {
  it("reads applyTo, the source path, the generated kind and the enforcementAction", () => {
    const doc = expansionDoc({ enforcementAction: "warn" });
    const t = parseExpansionTemplate(doc);
    expect(t).toEqual({
      name: "expand-deployments",
      object: doc,
      applyTo: [{ groups: ["apps"], versions: ["v1"], kinds: ["Deployment"] }],
      source: ["spec", "template"],
      generated: { group: "", version: "v1", kind: "Pod" },
      enforcementAction: "warn",
    });
  });

  it.each([
    [{ metadata: {} }, "ExpansionTemplate has empty name field"],
    [expansionDoc({}, "x".repeat(64)), "ExpansionTemplate name must be less than 64 characters"],
    [expansionDoc({ applyTo: [] }), "ExpansionTemplate expand-deployments must specify ApplyTo"],
    [
      expansionDoc({ applyTo: [{ groups: [""], kinds: ["Pod"], versions: ["v1"] }] }),
      "ExpansionTemplate expand-deployments generates GVK /v1, Kind=Pod, but also applies to that same GVK",
    ],
    [expansionDoc({ templateSource: "" }), "ExpansionTemplate expand-deployments has empty source field"],
    [expansionDoc({ generatedGVK: {} }), "ExpansionTemplate expand-deployments has empty generatedGVK field"],
  ])("refuses what Gatekeeper refuses: %#", (doc, message) => {
    expect(() => parseExpansionTemplate(doc)).toThrow(
      new ExpansionError("expansion_template_invalid", message),
    );
  });
});

describe("expandsKind", () => {
  const t = parseExpansionTemplate(expansionDoc());
  it("needs the group, version and kind each listed, with no globs", () => {
    expect(expandsKind(t, { group: "apps", version: "v1", kind: "Deployment" })).toBe(true);
    expect(expandsKind(t, { group: "apps", version: "v1beta1", kind: "Deployment" })).toBe(false);
    expect(expandsKind(t, { group: "", version: "v1", kind: "Deployment" })).toBe(false);
    const star = parseExpansionTemplate(
      expansionDoc({ applyTo: [{ groups: ["*"], kinds: ["*"], versions: ["*"] }] }),
    );
    expect(expandsKind(star, { group: "apps", version: "v1", kind: "Deployment" })).toBe(false);
  });
});

describe("expandObject", () => {
  it("makes the source a Pod named after its Deployment, in lower case, owned by it", () => {
    const r = expandObject(parseExpansionTemplate(expansionDoc()), deployment, "default");
    expect(r).toEqual({
      templateName: "expand-deployments",
      enforcementAction: "",
      kind: { group: "", version: "v1", kind: "Pod" },
      object: {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          labels: { app: "nginx" },
          name: "nginx-deployment-pod",
          namespace: "default",
          ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "Nginx-Deployment", uid: "" }],
        },
        spec: { containers: [{ name: "nginx", image: "nginx:1.14.2" }] },
      },
    });
    expect(deployment.spec.template.metadata).toEqual({ labels: { app: "nginx" } });
  });

  it("takes the object's namespace when none is given, and keeps an owner reference once", () => {
    const t = parseExpansionTemplate(
      expansionDoc({
        generatedGVK: { group: "batch", version: "v1", kind: "Job" },
        templateSource: "spec.jobTemplate",
      }),
    );
    const owner = { apiVersion: "batch/v1", kind: "CronJob", name: "nightly", uid: "" };
    const cron = {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "nightly", namespace: "ops" },
      spec: { jobTemplate: { metadata: { ownerReferences: [owner] }, spec: {} } },
    };
    expect(expandObject(t, cron, "").object).toEqual({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "nightly-job", namespace: "ops", ownerReferences: [owner] },
      spec: {},
    });
    const clusterWide = { ...cron, metadata: { name: "nightly" } };
    expect(expandObject(t, clusterWide, "").object.metadata).toEqual({
      name: "nightly-job",
      ownerReferences: [owner],
    });
  });

  it("fails without the source field, naming the object, as Gatekeeper does", () => {
    const t = parseExpansionTemplate(expansionDoc());
    expect(() => expandObject(t, { ...deployment, spec: {} }, "default")).toThrow(
      new ExpansionError(
        "expansion_failed",
        'could not find source field "spec.template" in resource Nginx-Deployment',
      ),
    );
  });
});

describe("templatesInCycles", () => {
  it("finds the templates that expand what they generate, through others", () => {
    const t = (name: string, from: string, to: string) =>
      parseExpansionTemplate({
        metadata: { name },
        spec: {
          applyTo: [{ groups: ["x"], versions: ["v1"], kinds: [from] }],
          templateSource: "spec.template",
          generatedGVK: { group: "x", version: "v1", kind: to },
        },
      });
    const chain = [t("a-to-b", "A", "B"), t("b-to-c", "B", "C")];
    expect(templatesInCycles(chain)).toEqual(new Set());
    expect(templatesInCycles([...chain, t("c-to-a", "C", "A"), t("c-to-d", "C", "D")])).toEqual(
      new Set(["a-to-b", "b-to-c", "c-to-a"]),
    );
  });
});
