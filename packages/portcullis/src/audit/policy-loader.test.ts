import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonObject } from "@portcullis/constraint";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { constraint, expansionTemplate, template } from "../webhook/test-fixtures.js";
import { AuditError } from "./errors.js";
import { loadPolicySet, newClient, policySetOf, readPolicies } from "./policy-loader.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function policies(expansionDoc: JsonObject): string {
  const dir = mkdtempSync(join(tmpdir(), "portcullis-audit-policies-"));
  dirs.push(dir);
  const rego = `package podseen
violation[{"msg": sprintf("saw %v", [input.review.object.metadata.name])}] { input.review.object.kind == "Pod" }`;
  writeFileSync(join(dir, "template.yaml"), stringify(template("PodSeen", rego)));
  writeFileSync(join(dir, "constraint.yaml"), stringify(constraint("PodSeen", "pod-seen")));
  writeFileSync(join(dir, "expansion.yaml"), stringify(expansionDoc));
  return dir;
}

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: { template: { spec: { containers: [] } } },
};

describe("audit policies with ExpansionTemplates", () => {
  it("reads them, loads them, and hands them on to workers", () => {
    const set = readPolicies(policies(expansionTemplate()));
    expect(set.expansions?.map((x) => x.file?.split("/").pop())).toEqual(["expansion.yaml"]);
    const client = loadPolicySet(newClient(), set);
    expect(client.review(deployment).results.map((r) => r.msg)).toEqual([
      "[Implied by expand-deployments] saw web-pod",
    ]);
    const worker = loadPolicySet(newClient(), structuredClone(policySetOf(client)));
    expect(worker.expansionTemplates().map((t) => t.name)).toEqual(["expand-deployments"]);
  });

  it("hands on templates in a cycle, which expand nothing there either", () => {
    const client = loadPolicySet(newClient(), readPolicies(policies(expansionTemplate())));
    const back = expansionTemplate(
      {
        applyTo: [{ groups: [""], kinds: ["Pod"], versions: ["v1"] }],
        generatedGVK: { group: "apps", version: "v1", kind: "Deployment" },
      },
      "pods-to-deployments",
    );
    expect(() => client.addExpansionTemplate(back)).toThrow("template forms expansion cycle");
    const worker = loadPolicySet(newClient(), structuredClone(policySetOf(client)));
    expect(worker.expansionTemplates().map((t) => t.name)).toEqual([
      "expand-deployments",
      "pods-to-deployments",
    ]);
    expect(worker.review(deployment).results).toEqual([]);
  });

  it("refuses one Gatekeeper would refuse, naming its file", () => {
    const set = readPolicies(policies(expansionTemplate({ templateSource: "" })));
    expect(() => loadPolicySet(newClient(), set)).toThrow(AuditError);
    try {
      loadPolicySet(newClient(), set);
    } catch (e: unknown) {
      expect(e instanceof AuditError && e.file?.endsWith("expansion.yaml")).toBe(true);
    }
  });

  it("names the YAML line and column of a template's Rego error", () => {
    const dir = mkdtempSync(join(tmpdir(), "portcullis-audit-policies-"));
    dirs.push(dir);
    const broken = template("Broken", 'package broken\nviolation[{"msg": m}] { m := }');
    writeFileSync(join(dir, "broken.yaml"), stringify(broken));
    const file = join(dir, "broken.yaml");
    let caught: unknown;
    try {
      loadPolicySet(newClient(), readPolicies(dir));
    } catch (e: unknown) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AuditError);
    // stringify writes the Rego as a literal block: its line 2 is the file's line 14.
    expect(caught instanceof AuditError ? caught.message : "").toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:14:\\d+: invalid ConstraintTemplate "broken"`,
      ),
    );
  });
});
