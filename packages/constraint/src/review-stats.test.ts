import { describe, expect, it } from "vitest";
import { ConstraintClient } from "./client.js";
import { STAT_DESCRIPTIONS, templateStats } from "./review-stats.js";
import { constraintDoc, expansionDoc, pod, templateDoc } from "./test-fixtures.js";

function client(): ConstraintClient {
  const c = new ConstraintClient();
  c.addTemplate(templateDoc());
  c.addTemplate(
    templateDoc({ kind: "K8sOther", rego: 'package k8sother\nviolation[{"msg": "m"}] { false }' }),
  );
  c.addConstraint(constraintDoc({ parameters: { tag: "a" } }, "one"));
  c.addConstraint(constraintDoc({ parameters: { tag: "b" } }, "two"));
  c.addConstraint(constraintDoc({}, "other", "K8sOther"));
  return c;
}

describe("review stats (--log-stats-*)", () => {
  it("time each template that ran and count its constraints, in the constraint framework's shape", () => {
    const response = client().review(pod("bad"), { stats: true });
    expect(response.results.map((r) => r.constraint.name)).toEqual(["one", "two"]);
    const stats = response.stats ?? [];
    expect(stats.map((e) => e.statsFor)).toEqual(["K8sTest", "K8sOther"]);
    const first = stats[0];
    expect(first?.scope).toBe("template");
    expect(first?.stats.map((s) => [s.name, s.source])).toEqual([
      ["templateRunTimeNS", { type: "engine", value: "Rego" }],
      ["constraintCount", { type: "engine", value: "Rego" }],
    ]);
    expect(first?.stats[0]?.value).toBeGreaterThan(0);
    expect(first?.stats[1]?.value).toBe(2);
    expect(stats[1]?.stats[1]?.value).toBe(1);
    expect(first?.labels).toEqual([
      { name: "TracingEnabled", value: false },
      { name: "PrintEnabled", value: false },
      { name: "target", value: "admission.k8s.gatekeeper.sh" },
    ]);
  });

  it("are left out unless asked for, and follow a batch's and expansion's reviews", () => {
    const c = client();
    expect(c.review(pod("bad")).stats).toBeUndefined();
    const [outcome] = c.reviewBatch([{ subject: pod("bad"), options: { stats: true } }]);
    expect(outcome !== undefined && "response" in outcome ? outcome.response.stats?.length : -1).toBe(2);
    c.addExpansionTemplate(expansionDoc());
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
      spec: { template: { metadata: { name: "bad" }, spec: {} } },
    };
    const [expanded] = c.reviewAll([deployment], { stats: true });
    const stats = expanded !== undefined && "response" in expanded ? (expanded.response.stats ?? []) : [];
    // The constraints match every kind: the Deployment's templates, then the generated Pod's.
    expect(stats.map((e) => e.statsFor)).toEqual(["K8sTest", "K8sOther", "K8sTest", "K8sOther"]);
    // The generated Pod's entries carry the ExpansionTemplate's name, as Gatekeeper labels them.
    expect(stats.map((e) => e.labels.find((l) => l.name === "Implied by")?.value)).toEqual([
      undefined,
      undefined,
      "expand-deployments",
      "expand-deployments",
    ]);
  });

  it("describe every stat they produce", () => {
    for (const s of templateStats("K", "Rego", 1.5, 3).stats) expect(STAT_DESCRIPTIONS[s.name]).toBeDefined();
    expect(templateStats("K", "Rego", 1.5, 3).stats[0]?.value).toBe(1_500_000);
  });
});
