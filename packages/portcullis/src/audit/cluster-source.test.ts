import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubeApi, KubeApiError } from "../kube/kube-api.js";
import { type FakeApiServer, startFakeApiServer } from "../kube/test-api-server.js";
import { ClusterSource } from "./cluster-source.js";

const pod = (name: string) => ({ metadata: { name, namespace: "default" }, spec: { containers: [] } });

let api: FakeApiServer;
beforeAll(async () => {
  api = await startFakeApiServer(
    [
      {
        group: "",
        version: "v1",
        kind: "Pod",
        resource: "pods",
        namespaced: true,
        objects: [pod("a"), pod("b"), pod("c")],
      },
      {
        group: "",
        version: "v1",
        kind: "Namespace",
        resource: "namespaces",
        namespaced: false,
        objects: [{ metadata: { name: "default" } }],
      },
      {
        group: "example.com",
        version: "v1",
        kind: "Widget",
        resource: "widgets",
        namespaced: true,
        objects: [{ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }],
      },
    ],
    ["broken.example.com/v1"],
  );
});
afterAll(() => api.close());

describe("ClusterSource", () => {
  it("lists every listable kind discovery names, leaving out subresources, and reports failed groups", async () => {
    const source = new ClusterSource(KubeApi.connect({ kubeconfig: api.kubeconfig }));
    const kinds = await source.kinds();
    expect(kinds).toEqual([
      { group: "", version: "v1", kind: "Pod" },
      { group: "", version: "v1", kind: "Namespace" },
      { group: "example.com", version: "v1", kind: "Widget" },
    ]);
    expect(source.problems().map((p) => p.message)).toEqual([
      "discovery of broken.example.com/v1 failed: /apis/broken.example.com/v1: 503 the server is currently unable to handle the request",
    ]);
  });

  it("lists in pages with the server's continue tokens, giving items their apiVersion and kind", async () => {
    const source = new ClusterSource(KubeApi.connect({ kubeconfig: api.kubeconfig }));
    await source.kinds();
    const first = await source.list({ group: "", version: "v1", kind: "Pod" }, { limit: 2 });
    expect(first.objects.map((o) => [o.apiVersion, o.kind, (o.metadata as { name: string }).name])).toEqual([
      ["v1", "Pod", "a"],
      ["v1", "Pod", "b"],
    ]);
    expect(first.continue).toBe("2");
    const rest = await source.list({ group: "", version: "v1", kind: "Pod" }, { limit: 2, continue: "2" });
    expect(rest).toEqual({ objects: [{ apiVersion: "v1", kind: "Pod", ...pod("c") }] });
    expect(api.requests).toContain("/api/v1/pods?limit=2&continue=2");
    const widgets = await source.list(
      { group: "example.com", version: "v1", kind: "Widget" },
      { limit: 500 },
    );
    expect(widgets.objects).toEqual([
      { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } },
    ]);
  });
});

describe("KubeApi", () => {
  it("says what the server answered to a request it refused", async () => {
    const kube = KubeApi.connect({ kubeconfig: api.kubeconfig });
    await expect(kube.get("/api/v1/nothing")).rejects.toThrow(
      "/api/v1/nothing: 404 the server could not find",
    );
  });

  it("refuses a kubeconfig it cannot use, naming what is wrong", () => {
    expect(() => KubeApi.connect({ kubeconfig: api.kubeconfig, context: "nope" })).toThrow(KubeApiError);
    expect(() => KubeApi.connect({ kubeconfig: "/nonexistent/kubeconfig" })).toThrow(
      /\/nonexistent\/kubeconfig: /,
    );
  });
});
