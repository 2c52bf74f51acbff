import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocuments, type SourceDocument } from "./read-documents.js";
import { formatUnmet, syncTest } from "./sync-test.js";
import { gatorFailure, LIBRARY } from "./test-fixtures.js";

const INGRESS_TEMPLATE = readFileSync(join(LIBRARY, "general/uniqueingresshost/template.yaml"), "utf8");

const SYNCSET = `apiVersion: syncset.gatekeeper.sh/v1alpha1
kind: SyncSet
metadata:
  name: ingresses
spec:
  gvks:
    - {group: networking.k8s.io, version: v1, kind: Ingress}
`;

const manifest = (kinds: string) => `apiVersion: gvkmanifest.gatekeeper.sh/v1alpha1
kind: GVKManifest
metadata:
  name: cluster
spec:
  groups:
    networking.k8s.io:
      v1: [${kinds}]
`;

const CONFIG = `apiVersion: config.gatekeeper.sh/v1alpha1
kind: Config
metadata:
  name: config
spec:
  sync:
    syncOnly:
      - {group: networking.k8s.io, version: v1, kind: Ingress}
`;

function docs(...texts: string[]): SourceDocument[] {
  return texts.flatMap((t, i) => parseDocuments(t, `f${i}.yaml`));
}

describe("syncTest", () => {
  it("passes when a SyncSet or the Config syncs a kind the cluster serves", () => {
    expect(syncTest(docs(INGRESS_TEMPLATE, SYNCSET, manifest("Ingress")), false).unmet.size).toBe(0);
    expect(syncTest(docs(INGRESS_TEMPLATE, CONFIG, manifest("Ingress")), false).unmet.size).toBe(0);
  });

  it("lists the requirements left unmet, counting only kinds the manifest says the cluster serves", () => {
    const out = syncTest(docs(INGRESS_TEMPLATE, SYNCSET, manifest("Service")), false);
    expect(formatUnmet(out.unmet)).toBe(
      "k8suniqueingresshost:\n- extensions/v1beta1:Ingress OR networking.k8s.io/v1beta1:Ingress OR networking.k8s.io/v1:Ingress\n",
    );
  });

  it("needs one manifest unless told to do without, and one Config at most", () => {
    expect(gatorFailure(() => syncTest(docs(INGRESS_TEMPLATE, SYNCSET), false)).message).toBe(
      "no GVK manifest found; please provide a manifest enumerating the GVKs supported by the cluster",
    );
    const forgiven = syncTest(docs(INGRESS_TEMPLATE, SYNCSET), true);
    expect(forgiven.unmet.size).toBe(0);
    expect(forgiven.notes).toEqual([
      "ignoring absence of supported GVK manifest due to --force-omit-gvk-manifest flag; will assume all synced GVKs are supported by cluster",
    ]);
    expect(gatorFailure(() => syncTest(docs(CONFIG, CONFIG), true)).message).toBe(
      "multiple configs found; Config is a singleton resource",
    );
    expect(
      gatorFailure(() => syncTest(docs(manifest("Ingress"), manifest("Ingress")), true)).message,
    ).toMatch(/^multiple GVK manifests found/);
  });

  it("reports templates whose annotation cannot be read, and skips other documents", () => {
    const broken = INGRESS_TEMPLATE.replace('"kinds": ["Ingress"]', '"kind": ["Ingress"]');
    const pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n";
    const out = syncTest(docs(broken, pod), true);
    expect([...out.templateErrors]).toEqual([["k8suniqueingresshost", 'json: unknown field "kind"']]);
    expect(out.notes[0]).toBe(
      'skipping unstructured "web" because it is not a syncset, config, gvk manifest, or template',
    );
  });
});
