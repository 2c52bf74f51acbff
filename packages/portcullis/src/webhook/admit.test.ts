import { ConstraintClient } from "@portcullis/constraint";
import { describe, expect, it } from "vitest";
import { type ExclusionSubject, type Process, ProcessExcluder } from "../policies/process-excluder.js";
import {
  admit,
  admitAll,
  EXCLUDED_NAMESPACE_MESSAGE,
  OLD_OBJECT_REQUIRED,
  SELF_MANAGE_MESSAGE,
} from "./admit.js";
import { serviceAccountUsername } from "./exemptions.js";
import { formatTraceDump } from "./request-traces.js";
import { BAD_NAME_REGO, constraint, pod, requestFor, seedObject, template } from "./test-fixtures.js";

const OWN = serviceAccountUsername("gatekeeper-system");

function clientWith(docs: { template: unknown; constraints: unknown[] }[]): ConstraintClient {
  const client = new ConstraintClient();
  for (const d of docs) {
    client.addTemplate(d.template);
    for (const c of d.constraints) client.addConstraint(c);
  }
  return client;
}

const badName = (action = "deny", name = "bad-name", target = {}) => ({
  template: template("BadName", BAD_NAME_REGO, target),
  constraints: [constraint("BadName", name, { enforcementAction: action })],
});

const none = new ProcessExcluder();

describe("admit", () => {
  it("denies the seed scenario's bad Policy with Gatekeeper's message and allows the good one", () => {
    const client = clientWith([
      { template: seedObject("template.yaml"), constraints: [seedObject("constraint.yaml")] },
    ]);
    const bad = admit(requestFor(seedObject("bad-app-policy.yaml")), {
      client,
      excluder: none,
      ownUsername: OWN,
    });
    expect(bad.status).toBe("deny");
    expect(bad.verdict).toEqual({
      allowed: false,
      status: {
        metadata: {},
        code: 403,
        reason: "Forbidden",
        message:
          "[policy-strict-constraint] Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]",
      },
    });
    const good = admit(requestFor(seedObject("good-app-policy.yaml")), {
      client,
      excluder: none,
      ownUsername: OWN,
    });
    expect(good.verdict).toEqual({ allowed: true, status: { metadata: {}, code: 200 } });
    expect(good.status).toBe("allow");
  });

  it("warns with code 299 and allows; dryrun allows silently", () => {
    const warn = admit(requestFor(pod("bad")), {
      client: clientWith([badName("warn")]),
      excluder: none,
      ownUsername: OWN,
    });
    expect(warn.verdict).toEqual({
      allowed: true,
      status: { metadata: {}, code: 299 },
      warnings: ["[bad-name] name bad is bad"],
    });
    const dry = admit(requestFor(pod("bad")), {
      client: clientWith([badName("dryrun")]),
      excluder: none,
      ownUsername: OWN,
    });
    expect(dry.verdict).toEqual({ allowed: true, status: { metadata: {}, code: 200 } });
    expect(dry.decision?.violations.map((v) => v.actions)).toEqual([["dryrun"]]);
  });

  it("joins several deny lines with newlines and keeps warnings on a deny", () => {
    const client = clientWith([badName("deny", "a")]);
    client.addConstraint(constraint("BadName", "b", { enforcementAction: "deny" }));
    client.addConstraint(constraint("BadName", "c", { enforcementAction: "warn" }));
    const out = admit(requestFor(pod("bad")), { client, excluder: none, ownUsername: OWN });
    expect(out.verdict.allowed).toBe(false);
    expect(out.verdict.status.message?.split("\n").sort()).toEqual([
      "[a] name bad is bad",
      "[b] name bad is bad",
    ]);
    expect(out.verdict.warnings).toEqual(["[c] name bad is bad"]);
  });

  it("skips its own service account", () => {
    const out = admit(requestFor(pod("bad"), { userInfo: { username: OWN } }), {
      client: clientWith([badName()]),
      excluder: none,
      ownUsername: OWN,
    });
    expect(out.verdict).toEqual({
      allowed: true,
      status: { metadata: {}, code: 200, message: SELF_MANAGE_MESSAGE },
    });
    expect(out.status).toBeUndefined();
  });

  it("reviews DELETE through oldObject and errors without one", () => {
    const client = clientWith([badName("deny", "bad-name", { operations: ["DELETE"] })]);
    const del = admit(requestFor(pod("x"), { operation: "DELETE", object: null, oldObject: pod("bad") }), {
      client,
      excluder: none,
      ownUsername: OWN,
    });
    expect(del.verdict.status.message).toBe("[bad-name] name bad is bad");
    const missing = admit(requestFor(pod("x"), { operation: "DELETE", object: null, oldObject: null }), {
      client,
      excluder: none,
      ownUsername: OWN,
    });
    expect(missing.verdict).toEqual({
      allowed: false,
      status: { metadata: {}, code: 500, message: OLD_OBJECT_REQUIRED, reason: "Forbidden" },
    });
  });

  it("honours template operations at the webhook", () => {
    const client = clientWith([badName("deny", "bad-name", { operations: ["CREATE"] })]);
    const update = admit(requestFor(pod("bad"), { operation: "UPDATE", oldObject: pod("bad") }), {
      client,
      excluder: none,
      ownUsername: OWN,
    });
    expect(update.verdict.allowed).toBe(true);
    const create = admit(requestFor(pod("bad")), { client, excluder: none, ownUsername: OWN });
    expect(create.verdict.allowed).toBe(false);
  });

  it("allows namespaces Config excludes for the webhook; a Namespace is checked by its own name", () => {
    const client = clientWith([badName()]);
    const excluder = new ProcessExcluder([{ excludedNamespaces: ["kube-*"], processes: ["webhook"] }]);
    const inKube = admit(requestFor(pod("bad", "kube-system")), { client, excluder, ownUsername: OWN });
    expect(inKube.verdict).toEqual({
      allowed: true,
      status: { metadata: {}, code: 200, message: EXCLUDED_NAMESPACE_MESSAGE },
    });
    const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-bad" } };
    expect(admit(requestFor(ns), { client, excluder, ownUsername: OWN }).verdict.status.message).toBe(
      EXCLUDED_NAMESPACE_MESSAGE,
    );
    const auditOnly = new ProcessExcluder([{ excludedNamespaces: ["kube-*"], processes: ["audit"] }]);
    expect(
      admit(requestFor(pod("bad", "kube-system")), { client, excluder: auditOnly, ownUsername: OWN }).verdict
        .allowed,
    ).toBe(false);
  });

  it("supplies namespaceObject from the lookup", () => {
    const rego = `package nslabel
violation[{"msg": msg}] {
  not input.review.namespaceObject.metadata.labels.team
  msg := sprintf("namespace %v has no team label", [input.review.namespaceObject.metadata.name])
}`;
    const client = clientWith([
      { template: template("NsLabel", rego), constraints: [constraint("NsLabel", "ns-team")] },
    ]);
    const namespaces = (name: string) =>
      name === "payments"
        ? { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { team: "p" } } }
        : { apiVersion: "v1", kind: "Namespace", metadata: { name } };
    const ok = admit(requestFor(pod("x", "payments")), {
      client,
      excluder: none,
      ownUsername: OWN,
      namespaces,
    });
    expect(ok.verdict.allowed).toBe(true);
    const bad = admit(requestFor(pod("x", "other")), {
      client,
      excluder: none,
      ownUsername: OWN,
      namespaces,
    });
    expect(bad.verdict.status.message).toBe("[ns-team] namespace other has no team label");
  });

  it("answers an evaluation past its deadline with code 500", () => {
    const rego = `package slow
violation[{"msg": msg}] {
  n := count([x | x := numbers.range(1, 400)[_]; y := numbers.range(1, 400)[_]; z := numbers.range(1, 400)[_]])
  msg := sprintf("%v", [n])
}`;
    const client = clientWith([
      { template: template("Slow", rego), constraints: [constraint("Slow", "slow")] },
    ]);
    const started = Date.now();
    const out = admit(requestFor(pod("x")), {
      client,
      excluder: none,
      ownUsername: OWN,
      deadline: Date.now() + 50,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(out.status).toBe("error");
    expect(out.verdict.allowed).toBe(false);
    expect(out.verdict.status.code).toBe(500);
    expect(out.verdict.status.message).toContain("eval_cancel_error");
  });

  it("decides a batch as it decides each request alone, each with its own deadline", async () => {
    const slow = `package slow
violation[{"msg": msg}] {
  input.review.object.metadata.name == "slow"
  n := count([x | x := numbers.range(1, 400)[_]; y := numbers.range(1, 400)[_]; z := numbers.range(1, 400)[_]])
  msg := sprintf("%v", [n])
}`;
    const client = clientWith([
      badName(),
      badName("warn", "bad-name-warned"),
      { template: template("Slow", slow), constraints: [constraint("Slow", "slow")] },
    ]);
    const excluder = new ProcessExcluder([{ excludedNamespaces: ["kube-*"], processes: ["webhook"] }]);
    const ctx = { client, excluder, ownUsername: OWN };
    const calls = [
      { request: requestFor(pod("bad")) },
      { request: requestFor(pod("good")) },
      { request: requestFor(pod("bad"), { userInfo: { username: OWN } }) },
      { request: requestFor(pod("x"), { operation: "DELETE", object: null, oldObject: null }) },
      { request: requestFor(pod("bad", "kube-system")) },
      { request: requestFor(pod("slow")), deadline: Date.now() + 50 },
      { request: requestFor(pod("bad")), deadline: Date.now() + 60_000 },
    ];
    const batch = await admitAll(calls, ctx);
    const alone = calls.map((c) => admit(c.request, { ...ctx, deadline: c.deadline }));
    expect(batch.map((o) => [o.status, o.verdict])).toEqual(alone.map((o) => [o.status, o.verdict]));
    expect(batch.map((o) => o.verdict.status.code)).toEqual([403, 200, 200, 500, 200, 500, 403]);
    expect(batch[5]?.verdict.status.message).toContain("eval_cancel_error");
  });

  it("fails only the request whose preparation throws, and decides the rest of its batch", async () => {
    class ThrowingExcluder extends ProcessExcluder {
      override isExcluded(process: Process, target: ExclusionSubject): boolean {
        if (target.namespace === "boom") throw new Error("excluder broke");
        return super.isExcluded(process, target);
      }
    }
    const client = clientWith([badName()]);
    const [broken, bad] = await admitAll(
      [{ request: requestFor(pod("bad", "boom")) }, { request: requestFor(pod("bad")) }],
      { client, excluder: new ThrowingExcluder(), ownUsername: OWN },
    );
    expect(broken?.status).toBe("error");
    expect(broken?.verdict.status).toMatchObject({ code: 500, message: "excluder broke" });
    expect(bad?.verdict.status.code).toBe(403);
  });

  it("traces the requests the Config's traces name, in a batch, and decides them as the others", async () => {
    const client = clientWith([badName()]);
    const traces = [{ user: "alice", kind: { group: "", version: "v1", kind: "Pod" }, dump: "All" }];
    const [traced, other] = await admitAll(
      [
        { request: requestFor(pod("bad")) },
        { request: requestFor(pod("bad"), { userInfo: { username: "bob" } }) },
      ],
      { client, excluder: none, ownUsername: OWN, traces },
    );
    expect(traced?.verdict).toEqual(other?.verdict);
    expect(other?.trace).toBeUndefined();
    expect(traced?.trace?.dump).toBe(true);
    const text =
      traced?.trace === undefined
        ? ""
        : formatTraceDump(traced.input?.review ?? {}, traced.trace.trace, traced.trace.results);
    expect(text).toContain("Target: admission.k8s.gatekeeper.sh\nInput:\n{");
    expect(text).toContain("Trace:\nTrace of BadName bad-name:");
    expect(text).toContain('| | Eval name == "bad"');
    expect(text).toContain('Result(0):\n{\n   "msg": "name bad is bad",');
  });
});
