/// <reference types="node" />
/**
 * Runs every gatekeeper-library template with a K8sNativeValidation code entry through the CEL
 * driver against its suite.yaml cases and checks the violation counts the suite expects.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import type { DriverConstraint, DriverReview, JsonObject } from "../driver.js";
import { celDriver } from "./index.js";

const LIBRARY = new URL("../../../../../shared/conformance/gatekeeper-library/library/", import.meta.url)
  .pathname;

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function obj(v: unknown, key: string): JsonObject {
  const x = isObject(v) ? v[key] : undefined;
  return isObject(x) ? x : {};
}

function arr(v: unknown, key: string): unknown[] {
  const x = isObject(v) ? v[key] : undefined;
  return Array.isArray(x) ? x : [];
}

function str(v: unknown, key: string): string {
  const x = isObject(v) ? v[key] : undefined;
  return typeof x === "string" ? x : "";
}

function readYaml(file: string): JsonObject[] {
  return parseAllDocuments(readFileSync(file, "utf8"))
    .map((d) => d.toJS() as unknown)
    .filter(isObject);
}

function suites(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...suites(p));
    else if (e.name === "suite.yaml") out.push(p);
  }
  return out.sort();
}

function celSource(template: JsonObject): JsonObject | undefined {
  for (const target of arr(obj(template, "spec"), "targets"))
    for (const code of arr(target, "code"))
      if (str(code, "engine") === "K8sNativeValidation") return obj(code, "source");
  return undefined;
}

/** The review of a plain object or of an AdmissionReview's request. */
function toReview(o: JsonObject): DriverReview {
  if (str(o, "kind") === "AdmissionReview") {
    const request = obj(o, "request");
    const target = isObject(request.object) ? request.object : obj(request, "oldObject");
    const [group = "", version = ""] = str(target, "apiVersion").includes("/")
      ? str(target, "apiVersion").split("/")
      : ["", str(target, "apiVersion")];
    return {
      review: {
        kind: { group, version, kind: str(target, "kind") },
        name: str(obj(target, "metadata"), "name"),
        namespace: str(obj(target, "metadata"), "namespace"),
        operation: "CREATE",
        object: null,
        oldObject: null,
        ...request,
      },
      namespaceObject: null,
      inventory: {},
    };
  }
  const apiVersion = str(o, "apiVersion");
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return {
    review: {
      kind: { group, version, kind: str(o, "kind") },
      name: str(obj(o, "metadata"), "name"),
      namespace: str(obj(o, "metadata"), "namespace"),
      operation: "CREATE",
      object: o,
      oldObject: null,
    },
    namespaceObject: null,
    inventory: {},
  };
}

/** A minimal `spec.match.kinds` check. */
function kindMatches(constraint: JsonObject, review: DriverReview): boolean {
  const kinds = arr(obj(obj(constraint, "spec"), "match"), "kinds");
  if (kinds.length === 0) return true;
  const k = obj(review.review, "kind");
  return kinds.some((gk) => {
    const groups = arr(gk, "apiGroups");
    const names = arr(gk, "kinds");
    return (
      (groups.includes("*") || groups.includes(str(k, "group"))) &&
      (names.includes("*") || names.includes(str(k, "kind")))
    );
  });
}

function expectedCount(
  results: readonly { msg: string }[],
  assertion: unknown,
): { ok: boolean; got: number; want: string } {
  const pattern = str(assertion, "message");
  const matching = pattern === "" ? results : results.filter((r) => new RegExp(pattern).test(r.msg));
  const want = isObject(assertion) ? assertion.violations : undefined;
  const got = matching.length;
  if (want === "yes" || want === true) return { ok: got > 0, got, want: "yes" };
  if (want === "no" || want === false) return { ok: got === 0, got, want: "no" };
  if (typeof want === "number") return { ok: got === want, got, want: String(want) };
  return { ok: got > 0, got, want: "yes (default)" };
}

const cases: { name: string; run: () => void }[] = [];
for (const suiteFile of existsSync(LIBRARY) ? suites(LIBRARY) : []) {
  const dir = dirname(suiteFile);
  const [suite] = readYaml(suiteFile);
  for (const test of arr(suite, "tests")) {
    const templateFile = join(dir, str(test, "template"));
    const [template] = readYaml(templateFile);
    if (template === undefined) continue;
    const source = celSource(template);
    if (source === undefined) continue;
    const kind = str(obj(obj(obj(template, "spec"), "crd"), "spec").names, "kind");
    for (const c of arr(test, "cases")) {
      const name = `${dir.slice(LIBRARY.length)} ${str(test, "name")} ${str(c, "name")}`;
      cases.push({
        name,
        run: () => {
          const compiled = celDriver.compile({
            name: kind.toLowerCase(),
            kind,
            engine: "K8sNativeValidation",
            source,
            file: templateFile,
          });
          const [constraint] = readYaml(join(dir, str(test, "constraint")));
          if (constraint === undefined) throw new Error("no constraint");
          const spec = obj(constraint, "spec");
          const dc: DriverConstraint = {
            kind,
            name: str(obj(constraint, "metadata"), "name"),
            parameters: spec.parameters ?? {},
          };
          for (const object of readYaml(join(dir, str(c, "object")))) {
            const review = toReview(object);
            const results = kindMatches(constraint, review) ? compiled.review(review, [dc]) : [];
            for (const assertion of arr(c, "assertions")) {
              const r = expectedCount(results, assertion);
              expect(r.ok, `want ${r.want}, got ${r.got}: ${JSON.stringify(results.map((x) => x.msg))}`).toBe(
                true,
              );
            }
          }
        },
      });
    }
  }
}

describe("gatekeeper-library K8sNativeValidation suites", () => {
  it("finds the CEL templates", () => {
    expect(cases.length).toBeGreaterThan(50);
  });
  for (const c of cases) it(c.name, c.run);
});
