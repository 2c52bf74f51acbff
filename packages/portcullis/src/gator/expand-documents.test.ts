import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GatorError } from "./errors.js";
import { expandDocuments, objectKind, sortResultants } from "./expand-documents.js";
import { formatExpanded } from "./format-expanded.js";
import { parseDocuments, type SourceDocument } from "./read-documents.js";
import { EXPANSION_DEPLOYMENTS } from "./test-fixtures.js";

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: prod
spec:
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: web
          image: nginx
`;

function docs(files: Record<string, string>): SourceDocument[] {
  return Object.entries(files).flatMap(([f, t]) => parseDocuments(t, f));
}

describe("expandDocuments", () => {
  it("gives the Pod each Deployment implies, in gator's order", () => {
    const { resultants, notes } = expandDocuments(
      docs({
        "expansion.yaml": EXPANSION_DEPLOYMENTS,
        "a.yaml": deployment("alpha"),
        "b.yaml": deployment("beta"),
      }),
    );
    expect(notes).toEqual([]);
    expect(resultants.map((o) => [o.kind, o.metadata])).toMatchObject([
      ["Pod", { name: "beta-pod" }],
      ["Pod", { name: "alpha-pod" }],
    ]);
    expect(resultants[0]).toMatchObject({
      apiVersion: "v1",
      metadata: {
        namespace: "prod",
        labels: { app: "beta" },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "beta", uid: "" }],
      },
      spec: { containers: [{ name: "web", image: "nginx" }] },
    });
  });

  it("notes mutators it cannot apply", () => {
    const assign = "apiVersion: mutations.gatekeeper.sh/v1\nkind: Assign\nmetadata:\n  name: pull-always\n";
    const { notes } = expandDocuments(docs({ "m.yaml": assign }));
    expect(notes).toEqual(["m.yaml:1: Assign not applied: Portcullis has no mutation yet"]);
  });

  it("names the file and line of an object whose source field is missing", () => {
    const bare = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bare\nspec: {}\n";
    let error: unknown;
    try {
      expandDocuments(docs({ "expansion.yaml": EXPANSION_DEPLOYMENTS, "bare.yaml": bare }));
    } catch (e: unknown) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatorError);
    expect(error instanceof Error ? error.message : "").toBe(
      'bare.yaml:1: error expanding resource bare: unable to expand object: could not find source field "spec.template" in resource bare',
    );
  });
});

describe("objectKind and sortResultants", () => {
  it("splits apiVersion into group and version", () => {
    expect(objectKind({ apiVersion: "apps/v1", kind: "Deployment" })).toEqual({
      group: "apps",
      version: "v1",
      kind: "Deployment",
    });
    expect(objectKind({ apiVersion: "v1", kind: "Pod" })).toEqual({ group: "", version: "v1", kind: "Pod" });
  });

  it("orders by name, apiVersion and kind together, descending", () => {
    const o = (name: string, kind: string) => ({ apiVersion: "v1", kind, metadata: { name } });
    expect(
      sortResultants([o("a", "Pod"), o("b", "Pod"), o("a", "Job")]).map((x) => [x.metadata, x.kind]),
    ).toEqual([
      [{ name: "b" }, "Pod"],
      [{ name: "a" }, "Pod"],
      [{ name: "a" }, "Job"],
    ]);
  });
});

describe("formatExpanded", () => {
  const objects = [
    { kind: "Pod", apiVersion: "v1", metadata: { name: "p" }, spec: { containers: [{ name: "c" }] } },
    { kind: "Pod", apiVersion: "v1", metadata: { name: "q" } },
  ];

  it("writes YAML with sorted keys and unindented sequences, separated by ---", () => {
    expect(formatExpanded(objects, "yaml")).toBe(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: q\n",
    );
    expect(parse(formatExpanded(objects.slice(0, 1), "yaml"))).toEqual(objects[0]);
  });

  it("writes JSON as Go does, four spaces, keys sorted", () => {
    expect(formatExpanded(objects.slice(1), "json")).toBe(
      '{\n    "apiVersion": "v1",\n    "kind": "Pod",\n    "metadata": {\n        "name": "q"\n    }\n}\n',
    );
  });
});
