import { describe, expect, it } from "vitest";
import { ConstraintClient, type ReviewOutcome } from "./client.js";
import type { JsonObject } from "./driver.js";
import { constraintDoc, pod, templateDoc } from "./test-fixtures.js";

/** Two templates (one per kind), constraints with parameters, a namespace selector and a warn. */
function client(): ConstraintClient {
  const c = new ConstraintClient();
  c.addTemplate(templateDoc());
  c.addTemplate(
    templateDoc({
      kind: "K8sLabels",
      rego: `package k8slabels
violation[{"msg": sprintf("%v lacks %v", [input.review.object.metadata.name, l])}] {
  l := input.parameters.labels[_]
  not input.review.object.metadata.labels[l]
}`,
    }),
  );
  c.addConstraint(constraintDoc({ parameters: { tag: "a" } }, "bad-a"));
  c.addConstraint(
    constraintDoc({ parameters: { tag: "b" }, enforcementAction: "warn" }, "bad-b-in-labelled-namespaces"),
  );
  c.addConstraint(
    constraintDoc(
      {
        parameters: { labels: ["app", "team"] },
        match: { namespaceSelector: { matchLabels: { env: "prod" } } },
      },
      "labels-in-prod",
      "K8sLabels",
    ),
  );
  c.addConstraint(constraintDoc({ parameters: { labels: ["owner"] } }, "owner-everywhere", "K8sLabels"));
  return c;
}

const namespaces: Record<string, JsonObject> = {
  prod: { apiVersion: "v1", kind: "Namespace", metadata: { name: "prod", labels: { env: "prod" } } },
  dev: { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } },
};

const subjects: unknown[] = [
  pod("bad", "prod"),
  pod("good", "prod", { app: "x", team: "y", owner: "z" }),
  42,
  pod("bad", "missing-namespace"),
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "bad", namespace: "dev" } },
  pod("other", "dev", { owner: "z" }),
];

function outcomeText(o: ReviewOutcome | undefined): string {
  if (o === undefined) return "missing";
  if ("error" in o) return `error: ${o.error instanceof Error ? o.error.message : String(o.error)}`;
  return JSON.stringify(o.response.results.map((r) => [r.constraint.name, r.msg, r.enforcementAction]));
}

describe("ConstraintClient.reviewAll", () => {
  it("gives each object what review() gives it, in the same order, errors in their place", () => {
    const c = client();
    const options = { namespaces: (n: string) => namespaces[n] };
    const one = subjects.map((s): ReviewOutcome => {
      try {
        return { response: c.review(s, options) };
      } catch (e: unknown) {
        return { error: e };
      }
    });
    const all = c.reviewAll(subjects, options);
    expect(all).toHaveLength(subjects.length);
    expect(all.map(outcomeText)).toEqual(one.map(outcomeText));
    // The cases the comparison must cover: violations of both templates, a match error, a throw.
    const text = all.map(outcomeText).join("\n");
    expect(text).toContain("bad name a");
    expect(text).toContain("lacks team");
    expect(text).toContain('missing Namespace \\"missing-namespace\\"');
    expect(all[2]).toHaveProperty("error");
  });

  it("reviews nothing for an empty list", () => {
    expect(client().reviewAll([])).toEqual([]);
  });
});

describe("ConstraintClient.reviewBatch", () => {
  it("reviews each subject with its own options, as review() with those options would", () => {
    const c = client();
    const lookup = (n: string): JsonObject | undefined => namespaces[n];
    const items = [
      { subject: pod("bad", "prod"), options: { namespaces: lookup } },
      { subject: pod("bad", "prod"), options: { namespace: namespaces.dev ?? null } },
      { subject: pod("bad", "prod") },
      { subject: 42 },
      {
        subject: pod("bad", "dev"),
        options: { namespaces: lookup, enforcementPoint: "webhook.gatekeeper.sh" },
      },
    ] as const;
    const one = items.map((item): ReviewOutcome => {
      try {
        return { response: c.review(item.subject, "options" in item ? item.options : {}) };
      } catch (e: unknown) {
        return { error: e };
      }
    });
    const batch = c.reviewBatch(items);
    expect(batch.map(outcomeText)).toEqual(one.map(outcomeText));
    // The options must differ in effect: another Namespace object, and no Namespace lookup.
    const texts = batch.map(outcomeText);
    expect(texts[0]).toContain("lacks team");
    expect(texts[1]).not.toContain("lacks team");
    expect(texts[2]).toContain("missing Namespace");
    expect(new Set(texts.slice(0, 3)).size).toBe(3);
  });
});
