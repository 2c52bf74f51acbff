import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditedConstraints, auditTimestamp } from "../audit/constraint-status.js";
import type { AuditResult } from "../audit/run-audit.js";
import type { AuditViolation } from "../audit/violation.js";
import { buildPolicySet } from "../policies/policy-set.js";
import { ViolationStore } from "../store/violation-store.js";
import { type ApiState, routeApi } from "./api-routes.js";
import type { LoadedPolicies } from "./policy-views.js";

const root = mkdtempSync(join(tmpdir(), "portcullis-api-"));
let store: ViolationStore;

const v = (name: string, namespace: string, action = "deny"): AuditViolation => ({
  constraint: { kind: "K8sRequiredLabels", name: "must-have-owner" },
  object: { group: "", version: "v1", kind: "Pod", namespace, name },
  message: `pod ${name} has no owner`,
  enforcementAction: action,
  enforcementActions: [],
  details: { missing: ["owner"] },
  labels: {},
  constraintAnnotations: {},
});

function result(at: number, violations: AuditViolation[]): AuditResult {
  const id = auditTimestamp(at);
  return {
    auditId: id,
    startedAt: at,
    finishedAt: at + 10,
    objectsReviewed: 3,
    constraints: auditedConstraints(
      [
        { kind: "K8sRequiredLabels", name: "must-have-owner" },
        { kind: "K8sNoLatest", name: "no latest" },
      ],
      violations,
      id,
    ),
    violations,
    problems: [],
  };
}

const T1 = Date.UTC(2026, 0, 1);
const T2 = T1 + 60000;
let latest: AuditResult | undefined;
const state = (): ApiState => ({ latest: () => latest, running: () => false, store });
const get = (url: string, method = "GET") => routeApi({ method, url }, state());
const body = (url: string): Record<string, unknown> => {
  const r = get(url);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as Record<string, unknown>;
};
const errorOf = (url: string, method = "GET"): { status: number; code: unknown; message: unknown } => {
  const r = get(url, method);
  const e = (r.body as { error: { code: unknown; message: unknown } }).error;
  return { status: r.status, code: e.code, message: e.message };
};

beforeAll(() => {
  store = ViolationStore.open(root);
  store.recordAudit(result(T1, [v("a", "team-a"), v("b", "team-b", "dryrun")]));
  latest = result(T2, [v("a", "team-a")]);
  store.recordAudit(latest);
});
afterAll(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

describe("routeApi", () => {
  it("lists every constraint with the status audit wrote", () => {
    const b = body("/api/v1/constraints");
    expect(b.audit).toMatchObject({ auditId: auditTimestamp(T2), totalViolations: 1, constraints: 2 });
    expect(b.constraints).toEqual(latest?.constraints);
    expect((b.constraints as { status: unknown }[])[1]?.status).toEqual({
      auditTimestamp: auditTimestamp(T2),
      totalViolations: 1,
      violations: [
        {
          enforcementAction: "deny",
          group: "",
          kind: "Pod",
          message: "pod a has no owner",
          name: "a",
          namespace: "team-a",
          version: "v1",
        },
      ],
    });
  });

  it("falls back to the store's last audit after a restart", () => {
    const saved = latest;
    latest = undefined;
    try {
      expect(body("/api/v1/constraints").constraints).toEqual(saved?.constraints);
      expect(body("/api/v1/constraints").audit).toMatchObject({
        auditId: auditTimestamp(T2),
        newViolations: 0,
      });
    } finally {
      latest = saved;
    }
  });

  it("answers one constraint by kind and (percent-encoded) name, 404 when unknown", () => {
    expect(body("/api/v1/constraints/K8sNoLatest/no%20latest")).toMatchObject({
      kind: "K8sNoLatest",
      metadata: { name: "no latest" },
      status: { totalViolations: 0 },
    });
    expect(errorOf("/api/v1/constraints/K8sNoLatest/nope")).toMatchObject({ status: 404, code: "not_found" });
    expect(errorOf("/api/v1/constraints/K8sNoLatest")).toMatchObject({ status: 404 });
  });

  it("queries violations with filters, states and pages", () => {
    expect(body("/api/v1/violations")).toMatchObject({ total: 1, offset: 0 });
    const all = body("/api/v1/violations?state=all&limit=1&offset=1");
    expect(all.total).toBe(2);
    expect((all.violations as { object: { name: string } }[]).map((x) => x.object.name)).toEqual(["b"]);
    const resolved = body("/api/v1/violations?state=resolved&action=dryrun&namespace=team-b");
    expect(resolved.total).toBe(1);
    expect((resolved.violations as { resolvedAt: string }[])[0]?.resolvedAt).toBe(new Date(T2).toISOString());
    expect(body("/api/v1/violations?text=A+HAS&kind=Pod&name=a&constraint=must-have-owner").total).toBe(1);
    expect(body(`/api/v1/violations?state=all&since=${new Date(T2).toISOString()}`).total).toBe(1);
    expect(body(`/api/v1/violations?state=all&until=${T1 - 1}`).total).toBe(0);
    const id = (body("/api/v1/violations").violations as { id: number }[])[0]?.id;
    expect(body(`/api/v1/violations/${id}`)).toMatchObject({ object: { name: "a" }, resolvedAt: null });
    expect(errorOf("/api/v1/violations/999")).toMatchObject({ status: 404, code: "not_found" });
  });

  it("answers 400 with a JSON error for a bad query", () => {
    for (const q of [
      "limit=x",
      "limit=0",
      "offset=-1",
      "state=closed",
      "since=yesterday",
      "colour=red",
      "kind=Pod&kind=Service",
    ]) {
      expect(errorOf(`/api/v1/violations?${q}`), q).toMatchObject({ status: 400, code: "bad_query" });
    }
    expect(errorOf("/api/v1/violations?colour=red").message).toBe('unknown query parameter "colour"');
    expect(errorOf("/api/v1/violations/abc")).toMatchObject({ status: 400 });
    expect(errorOf("/api/v1/audits?limit=0")).toMatchObject({ status: 400 });
    expect(errorOf("/api/v1/constraints?x=1")).toMatchObject({ status: 400 });
  });

  it("lists recent audits, newest first", () => {
    const b = body("/api/v1/audits");
    expect(b.running).toBe(false);
    expect((b.audits as { auditId: string }[]).map((a) => a.auditId)).toEqual([
      auditTimestamp(T2),
      auditTimestamp(T1),
    ]);
    expect((b.audits as unknown[])[0]).toMatchObject({ newViolations: 0, resolvedViolations: 1 });
    expect((body("/api/v1/audits?limit=1").audits as unknown[]).length).toBe(1);
  });

  it("answers 404 and 405 for other paths and methods", () => {
    expect(errorOf("/api/v1/nothing")).toMatchObject({ status: 404, code: "not_found" });
    expect(errorOf("/metrics")).toMatchObject({ status: 404 });
    expect(errorOf("/api/v1/constraints", "POST")).toMatchObject({ status: 405, code: "method_not_allowed" });
    expect(get("/api/v1/constraints", "DELETE").headers).toEqual({ allow: "GET, HEAD" });
    expect(get("/api/v1/", "HEAD").status).toBe(200);
  });
});

describe("routeApi with the policies in force", () => {
  const template = {
    file: "policies/labels.yaml",
    object: {
      apiVersion: "templates.gatekeeper.sh/v1",
      kind: "ConstraintTemplate",
      metadata: { name: "k8srequiredlabels" },
      spec: {
        crd: { spec: { names: { kind: "K8sRequiredLabels" } } },
        targets: [{ target: "admission.k8s.gatekeeper.sh", rego: "package k8srequiredlabels" }],
      },
    },
  };
  const constraint = {
    file: "policies/labels.yaml",
    object: {
      apiVersion: "constraints.gatekeeper.sh/v1beta1",
      kind: "K8sRequiredLabels",
      metadata: { name: "must-have-owner" },
      spec: { enforcementAction: "dryrun", parameters: { labels: ["owner"] } },
    },
  };
  const loaded: LoadedPolicies = {
    sorted: { templates: [template], constraints: [constraint], config: undefined },
    problems: [
      { file: "policies/broken.yaml", line: 2, col: 3, code: "invalid_yaml", message: "bad indentation" },
    ],
  };
  const withPolicies = (url: string) =>
    routeApi({ method: "GET", url }, { ...state(), policies: () => loaded });

  it("lists templates with their constraints' audit counts, and the load problems", () => {
    const r = withPolicies("/api/v1/templates");
    expect(r.status).toBe(200);
    const b = r.body as { templates: { kind: string; constraints: unknown[] }[]; problems: unknown[] };
    expect(b.templates.map((t) => t.kind)).toEqual(["K8sRequiredLabels"]);
    expect(b.templates[0]?.constraints).toEqual([
      {
        kind: "K8sRequiredLabels",
        name: "must-have-owner",
        enforcementAction: "dryrun",
        totalViolations: 1,
        auditTimestamp: auditTimestamp(T2),
      },
    ]);
    expect(b.problems).toEqual(loaded.problems);
  });

  it("gives one template with its document, and 404 for an unknown one", () => {
    const r = withPolicies("/api/v1/templates/k8srequiredlabels");
    expect((r.body as { document: unknown }).document).toBe(template.object);
    expect(withPolicies("/api/v1/templates/nope").status).toBe(404);
    expect(withPolicies("/api/v1/templates/a/b").status).toBe(404);
    expect(withPolicies("/api/v1/templates?x=1").status).toBe(400);
    expect(withPolicies("/api/v1/templates/%E0%A4%A").status).toBe(400);
  });

  it("adds each loaded constraint's spec to its status, and keeps audited ones no longer loaded", () => {
    const b = withPolicies("/api/v1/constraints").body as { constraints: { kind: string; spec?: unknown }[] };
    expect(b.constraints.map((c) => [c.kind, c.spec !== undefined])).toEqual([
      ["K8sNoLatest", false],
      ["K8sRequiredLabels", true],
    ]);
    expect(withPolicies("/api/v1/constraints/K8sRequiredLabels/must-have-owner").body).toMatchObject({
      spec: { enforcementAction: "dryrun" },
      status: { totalViolations: 1 },
    });
  });

  it("answers an empty template list and no Config without policies", () => {
    expect(body("/api/v1/templates")).toEqual({ templates: [], problems: [] });
    expect(body("/api/v1/config")).toEqual({ config: null });
  });

  it("gives the Config named config, and null when the policies have another one only", () => {
    const configOf = (name: string) => ({
      file: "policies/config.yaml",
      index: 1,
      object: {
        apiVersion: "config.gatekeeper.sh/v1alpha1",
        kind: "Config",
        metadata: { name, namespace: "gatekeeper-system" },
        spec: { match: [{ excludedNamespaces: ["kube-system"], processes: ["*"] }] },
      },
    });
    const withConfig = (name: string) =>
      routeApi(
        { method: "GET", url: "/api/v1/config" },
        { ...state(), policies: () => buildPolicySet([configOf(name)]) },
      );
    expect(withConfig("config").body).toEqual({
      config: { file: "policies/config.yaml", document: configOf("config").object },
    });
    expect(withConfig("other").body).toEqual({ config: null });
    expect(withPolicies("/api/v1/config?x=1").status).toBe(400);
  });
});
