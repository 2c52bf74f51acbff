import { describe, expect, it } from "vitest";
import type { JsonObject } from "./driver.js";
import { compileMatch, MatchError } from "./match.js";
import { MatchTarget, type SourceType } from "./match-target.js";

const nsProd: JsonObject = {
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name: "prod", labels: { env: "prod" } },
};
const namespaces = (n: string): JsonObject | undefined => (n === "prod" ? nsProd : undefined);

function obj(
  kind: string,
  apiVersion: string,
  name: string,
  namespace?: string,
  labels?: Record<string, string>,
  generateName?: string,
): JsonObject {
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      ...(labels ? { labels } : {}),
      ...(generateName ? { generateName } : {}),
    },
  };
}

const podProd = obj("Pod", "v1", "web", "prod", { app: "web" });
const podDev = obj("Pod", "v1", "web", "dev", { app: "db" });
const deploy = obj("Deployment", "apps/v1", "api", "prod", { app: "api" });
const node = obj("Node", "v1", "node-1");
const nsObj = obj("Namespace", "v1", "kube-system", undefined, { team: "core" });
const generated = obj("Pod", "v1", "", "prod", {}, "web-");

function target(o: JsonObject | null, old: JsonObject | null = null, source: SourceType = ""): MatchTarget {
  const ns = (o ?? old)?.metadata as { namespace?: string } | undefined;
  return new MatchTarget(o, old, ns?.namespace ?? "", undefined, namespaces, source);
}

const table: [string, JsonObject, JsonObject, boolean][] = [
  ["empty match matches all", {}, podProd, true],
  ["kinds: core Pod", { kinds: [{ apiGroups: [""], kinds: ["Pod"] }] }, podProd, true],
  ["kinds: group mismatch", { kinds: [{ apiGroups: ["apps"], kinds: ["Pod"] }] }, podProd, false],
  ["kinds: wildcard group", { kinds: [{ apiGroups: ["*"], kinds: ["Deployment"] }] }, deploy, true],
  ["kinds: empty lists match all", { kinds: [{}] }, deploy, true],
  [
    "kinds: any entry",
    {
      kinds: [
        { apiGroups: [""], kinds: ["Pod"] },
        { apiGroups: ["apps"], kinds: ["Deployment"] },
      ],
    },
    deploy,
    true,
  ],
  ["scope Cluster: node", { scope: "Cluster" }, node, true],
  ["scope Cluster: namespace object", { scope: "Cluster" }, nsObj, true],
  ["scope Cluster: pod", { scope: "Cluster" }, podProd, false],
  ["scope Namespaced: pod", { scope: "Namespaced" }, podProd, true],
  ["scope Namespaced: namespace object", { scope: "Namespaced" }, nsObj, false],
  ["scope invalid matches all", { scope: "cluster" }, podProd, true],
  ["namespaces exact", { namespaces: ["prod"] }, podProd, true],
  ["namespaces miss", { namespaces: ["prod"] }, podDev, false],
  ["namespaces prefix", { namespaces: ["pr*"] }, podProd, true],
  ["namespaces suffix", { namespaces: ["*od"] }, podProd, true],
  ["namespaces contains", { namespaces: ["*ro*"] }, podProd, true],
  ["namespaces: cluster-scoped passes", { namespaces: ["prod"] }, node, true],
  ["namespaces: Namespace uses own name", { namespaces: ["kube-*"] }, nsObj, true],
  ["excludedNamespaces rejects", { excludedNamespaces: ["prod"] }, podProd, false],
  ["excludedNamespaces other", { excludedNamespaces: ["kube-*"] }, podProd, true],
  ["excludedNamespaces: cluster-scoped passes", { excludedNamespaces: ["*"] }, node, true],
  ["labelSelector matchLabels", { labelSelector: { matchLabels: { app: "web" } } }, podProd, true],
  [
    "labelSelector In",
    { labelSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["db", "x"] }] } },
    podDev,
    true,
  ],
  [
    "labelSelector NotIn",
    { labelSelector: { matchExpressions: [{ key: "app", operator: "NotIn", values: ["db"] }] } },
    podDev,
    false,
  ],
  [
    "labelSelector NotIn absent key",
    { labelSelector: { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["a"] }] } },
    podDev,
    true,
  ],
  [
    "labelSelector Exists",
    { labelSelector: { matchExpressions: [{ key: "app", operator: "Exists" }] } },
    podDev,
    true,
  ],
  [
    "labelSelector DoesNotExist",
    { labelSelector: { matchExpressions: [{ key: "app", operator: "DoesNotExist" }] } },
    podDev,
    false,
  ],
  ["namespaceSelector via lookup", { namespaceSelector: { matchLabels: { env: "prod" } } }, podProd, true],
  ["namespaceSelector mismatch", { namespaceSelector: { matchLabels: { env: "dev" } } }, podProd, false],
  [
    "namespaceSelector: Namespace own labels",
    { namespaceSelector: { matchLabels: { team: "core" } } },
    nsObj,
    true,
  ],
  [
    "namespaceSelector: cluster-scoped passes",
    { namespaceSelector: { matchLabels: { env: "x" } } },
    node,
    true,
  ],
  ["name exact", { name: "web" }, podProd, true],
  ["name prefix", { name: "we*" }, podProd, true],
  ["name miss", { name: "api" }, podProd, false],
  ["name matches generateName prefix", { name: "web*" }, generated, true],
  ["name suffix does not match generateName", { name: "*eb-" }, generated, false],
];

describe("compileMatch", () => {
  it.each(table)("%s", (_label, match, o, want) => {
    expect(compileMatch(match)(target(o))).toBe(want);
  });

  it("matches when either object or oldObject matches", () => {
    const m = compileMatch({ labelSelector: { matchLabels: { app: "web" } } });
    expect(m(target(podDev, podProd))).toBe(true);
    expect(m(target(podDev, podDev))).toBe(false);
  });

  it("errors without object and oldObject", () => {
    expect(() => compileMatch({})(target(null))).toThrow(MatchError);
  });

  it("errors when the Namespace of a namespaced object is unknown", () => {
    expect(() => compileMatch({ namespaceSelector: { matchLabels: { a: "b" } } })(target(podDev))).toThrow(
      /missing Namespace "dev"/,
    );
  });

  it("filters by source", () => {
    expect(compileMatch({ source: "Generated" })(target(podProd, null, "Original"))).toBe(false);
    expect(compileMatch({ source: "Original" })(target(podProd, null, "Original"))).toBe(true);
    expect(compileMatch({ source: "All" })(target(podProd))).toBe(true);
    expect(() => compileMatch({ source: "Original" })(target(podProd))).toThrow(/source field not specified/);
  });
});
