import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConstraintClient } from "./client.js";
import type { Driver } from "./driver.js";
import { regoDriver } from "./drivers/rego/rego-driver.js";
import { ENFORCEMENT_POINTS } from "./enforcement.js";
import { constraintDoc, pod, templateDoc } from "./test-fixtures.js";
import { parseYamlObjects } from "./yaml-documents.js";

const SEED = join(import.meta.dirname, "../../../../shared/scenarios/seed-istio-mtls");

function seedFile(name: string): unknown {
  const path = join(SEED, name);
  return parseYamlObjects(readFileSync(path, "utf8"), path)[0];
}

describe("ConstraintClient", () => {
  it("denies the seed scenario's bad Policy with the README's message", () => {
    const client = new ConstraintClient();
    client.addTemplate(seedFile("template.yaml"));
    client.addConstraint(seedFile("constraint.yaml"));
    const bad = client.review(
      {
        operation: "CREATE",
        kind: { group: "authentication.istio.io", version: "v1alpha1", kind: "Policy" },
        namespace: "default",
        object: seedFile("bad-app-policy.yaml"),
      },
      { enforcementPoint: ENFORCEMENT_POINTS.webhook },
    );
    expect(bad.results.map((r) => `[${r.constraint.name}] ${r.msg}`)).toEqual([
      "[policy-strict-constraint] Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]",
    ]);
    expect(bad.results[0]?.enforcementAction).toBe("deny");
    expect(client.review(seedFile("good-app-policy.yaml")).results).toEqual([]);
  });

  it("gives the templates of one review one memo, and each review its own", () => {
    const seen: { kind: string; name: unknown; memo: unknown }[] = [];
    const recording: Driver = {
      engine: regoDriver.engine,
      compile(template) {
        const compiled = regoDriver.compile(template);
        return {
          ...compiled,
          review(review, constraints, options) {
            seen.push({ kind: template.kind, name: review.review.name, memo: review.memo });
            return compiled.review(review, constraints, options);
          },
        };
      },
    };
    const client = new ConstraintClient({ drivers: [recording] });
    for (const kind of ["K8sA", "K8sB"]) {
      client.addTemplate(templateDoc({ kind, name: kind.toLowerCase() }));
      client.addConstraint(constraintDoc({ parameters: { tag: kind } }, "c", kind));
    }
    client.reviewAll([pod("bad", "ns"), pod("good", "ns")]);
    expect(seen.map((s) => `${s.kind} ${String(s.name)}`).sort()).toEqual([
      "K8sA bad",
      "K8sA good",
      "K8sB bad",
      "K8sB good",
    ]);
    const memoOf = (name: string) => new Set(seen.filter((s) => s.name === name).map((s) => s.memo));
    expect(memoOf("bad").size).toBe(1);
    expect(memoOf("good").size).toBe(1);
    expect([...memoOf("bad")][0]).not.toBe([...memoOf("good")][0]);
    expect([...memoOf("bad")][0]).toBeDefined();
  });

  it("gives templates data.inventory in Gatekeeper's layout", () => {
    const client = new ConstraintClient();
    client.addTemplate(
      templateDoc({
        rego: `package k8stest
violation[{"msg": msg}] {
  other := data.inventory.namespace[ns][_]["Pod"][name]
  name != input.review.object.metadata.name
  msg := sprintf("%v/%v", [ns, name])
}`,
      }),
    );
    client.addConstraint(constraintDoc());
    client.addData(pod("a", "ns1"));
    client.addData(pod("b", "ns2"));
    expect(client.review(pod("a", "ns1")).results.map((r) => r.msg)).toEqual(["ns2/b"]);
    client.removeData(pod("b", "ns2"));
    expect(client.review(pod("a", "ns1")).results).toEqual([]);
  });

  it("reviews with a template replaced after its constraints were added, and none once removed", () => {
    const client = new ConstraintClient();
    const rego = (msg: string) => `package k8stest\nviolation[{"msg": "${msg}"}] { true }`;
    client.addTemplate(templateDoc({ rego: rego("first") }));
    client.addConstraint(constraintDoc());
    expect(client.review(pod("a", "ns1")).results.map((r) => r.msg)).toEqual(["first"]);
    client.addTemplate(templateDoc({ rego: rego("second") }));
    expect(client.review(pod("a", "ns1")).results.map((r) => r.msg)).toEqual(["second"]);
    client.removeTemplate(client.templates()[0]?.template.kind ?? "");
    expect(client.review(pod("a", "ns1")).results).toEqual([]);
  });

  it("keeps libs private to their template", () => {
    const client = new ConstraintClient();
    const lib = (v: string) => `package lib.helpers\nvalue := "${v}"`;
    const rego = (pkg: string) =>
      `package ${pkg}\nimport data.lib.helpers\nviolation[{"msg": helpers.value}] { true }`;
    client.addTemplate(templateDoc({ kind: "K8sOne", rego: rego("one"), libs: [lib("one")] }));
    client.addTemplate(templateDoc({ kind: "K8sTwo", rego: rego("two"), libs: [lib("two")] }));
    client.addConstraint(constraintDoc({}, "c1", "K8sOne"));
    client.addConstraint(constraintDoc({}, "c2", "K8sTwo"));
    expect(
      client
        .review(pod("p"))
        .results.map((r) => `${r.constraint.name}:${r.msg}`)
        .sort(),
    ).toEqual(["c1:one", "c2:two"]);
  });

  it("passes parameters, de-duplicates results and defaults details", () => {
    const client = new ConstraintClient();
    client.addTemplate(
      templateDoc({
        rego: `package k8stest
violation[{"msg": input.parameters.m}] { true }
violation[{"msg": input.parameters.m, "details": {}}] { true }
violation[{"msg": "d", "details": {"k": input.parameters.m}}] { true }`,
      }),
    );
    client.addConstraint(constraintDoc({ parameters: { m: "hello" } }));
    const r = client.review(pod("p")).results;
    expect(r.map((x) => [x.msg, x.details])).toEqual([
      ["hello", {}],
      ["d", { k: "hello" }],
    ]);
  });

  it("turns evaluation errors into a result for every constraint of the template", () => {
    const client = new ConstraintClient();
    client.addTemplate(
      templateDoc({
        rego: 'package k8stest\nx := 1 { true }\nx := 2 { true }\nviolation[{"msg": "m"}] { x }',
      }),
    );
    client.addConstraint(constraintDoc({}, "c1"));
    client.addConstraint(constraintDoc({}, "c2"));
    const r = client.review(pod("p")).results;
    expect(r.map((x) => x.constraint.name)).toEqual(["c1", "c2"]);
    expect(r[0]?.msg).toContain("eval_conflict_error");
  });

  it("autorejects on match errors and reports a result without msg as an error", () => {
    const client = new ConstraintClient();
    client.addTemplate(templateDoc({ rego: 'package k8stest\nviolation[{"message": "x"}] { true }' }));
    client.addConstraint(
      constraintDoc({ match: { namespaceSelector: { matchLabels: { a: "b" } } }, enforcementAction: "warn" }),
    );
    const auto = client.review(pod("p", "unknown-ns"), { namespaces: () => undefined }).results;
    expect(auto).toHaveLength(1);
    expect(auto[0]?.msg).toContain('missing Namespace "unknown-ns"');
    expect(auto[0]?.enforcementAction).toBe("warn");
    const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "x", labels: { a: "b" } } };
    const r = client.review(pod("p", "x"), { namespaces: () => ns }).results;
    expect(r[0]?.msg).toContain('has no string "msg"');
  });

  it("filters templates by operation only at the webhook, and applies scoped actions per point", () => {
    const client = new ConstraintClient();
    client.addTemplate(
      templateDoc({
        rego: 'package k8stest\nviolation[{"msg": "m"}] { true }',
        target: { operations: ["CREATE"] },
      }),
    );
    client.addConstraint(
      constraintDoc({
        enforcementAction: "scoped",
        scopedEnforcementActions: [
          { action: "deny", enforcementPoints: [{ name: "validation.gatekeeper.sh" }] },
        ],
      }),
    );
    const update = {
      operation: "UPDATE",
      kind: { group: "", version: "v1", kind: "Pod" },
      object: pod("p"),
      oldObject: pod("p"),
    };
    const create = { ...update, operation: "CREATE", oldObject: null };
    expect(client.review(update, { enforcementPoint: ENFORCEMENT_POINTS.webhook }).results).toEqual([]);
    const denied = client.review(create, { enforcementPoint: ENFORCEMENT_POINTS.webhook }).results;
    expect(denied.map((r) => [r.enforcementAction, r.scopedEnforcementActions])).toEqual([
      ["scoped", ["deny"]],
    ]);
    expect(client.review(pod("p"), { enforcementPoint: ENFORCEMENT_POINTS.audit }).results).toEqual([]);
  });

  it("builds input.review as Gatekeeper's target handler does", () => {
    const client = new ConstraintClient();
    client.addTemplate(
      templateDoc({
        rego: 'package k8stest\nviolation[{"msg": json.marshal(r)}] { r := object.remove(input.review, ["object"]) }',
      }),
    );
    client.addConstraint(constraintDoc());
    const [r] = client.review(pod("p", "ns")).results;
    expect(JSON.parse(r?.msg ?? "")).toEqual({
      uid: "",
      kind: { group: "", version: "v1", kind: "Pod" },
      resource: { group: "", version: "", resource: "" },
      name: "p",
      namespace: "ns",
      operation: "",
      userInfo: {},
      oldObject: null,
      options: null,
      namespaceObject: null,
    });
  });
});
