import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bufferIo } from "../io.js";
import { cli, tempTree } from "../test-support.js";
import { logLevel, runServe, type ServeFlags, serveAuditOptions, serveOptions } from "./serve.js";

const root = tempTree({ "policies/empty.yaml": "" });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const flags = (overrides: Partial<ServeFlags> = {}): ServeFlags => ({
  policies: "policies",
  host: "127.0.0.1",
  port: "0",
  healthPort: "0",
  metricsPort: "0",
  certDir: "certs",
  certDns: [],
  tlsMinVersion: "1.3",
  exemptNamespace: [],
  exemptNamespacePrefix: [],
  exemptNamespaceSuffix: [],
  logLevel: "silent",
  namespace: "gatekeeper-system",
  webhookTimeout: "3",
  readTimeout: "10",
  maxServingThreads: "1",
  maxBatchSize: "32",
  maxRequestBytes: "100",
  watch: false,
  engine: "auto",
  enableGeneratorResourceExpansion: "true",
  enableK8sNativeValidation: "true",
  enableReferentialRules: "true",
  enableExternalData: "true",
  externalDataProviderResponseCacheTtl: "3m",
  disableOpaBuiltin: [],
  clientCnName: "kube-apiserver",
  ...overrides,
});

describe("portcullis serve and webhook-config", () => {
  it("starts, prints the URL first, and stops", async () => {
    const io = bufferIo(root);
    expect(await runServe(flags(), io, Promise.resolve())).toBe(0);
    expect(io.out().split("\n")[0]).toMatch(
      /^portcullis serve: listening on https:\/\/127\.0\.0\.1:\d+\/v1\/admit$/,
    );
  });

  it("turns ExpansionTemplates off with --enable-generator-resource-expansion=false", () => {
    const io = bufferIo(root);
    expect(serveOptions(flags(), io).policySet?.expansion).toBe(true);
    expect(serveOptions(flags({ enableGeneratorResourceExpansion: "false" }), io).policySet?.expansion).toBe(
      false,
    );
  });

  it("disables http.send unless --disable-opa-builtin names others", () => {
    const io = bufferIo(root);
    expect(serveOptions(flags(), io).policySet?.disabledBuiltins).toEqual(["http.send"]);
    expect(
      serveOptions(flags({ disableOpaBuiltin: ["{http.send}", "time.now_ns"] }), io).policySet
        ?.disabledBuiltins,
    ).toEqual(["http.send", "time.now_ns"]);
  });

  it("runs Rego only with --enable-k8s-native-validation=false", async () => {
    const io = bufferIo(root);
    expect(serveOptions(flags(), io).policySet?.engine).toBe("auto");
    expect(serveOptions(flags({ enableK8sNativeValidation: "false" }), io).policySet?.engine).toBe("rego");
    const clash = bufferIo(root);
    const code = await runServe(
      flags({ enableK8sNativeValidation: "false", engine: "cel" }),
      clash,
      Promise.resolve(),
    );
    expect(code).toBe(1);
    expect(clash.err()).toBe("portcullis serve: --engine cel needs --enable-k8s-native-validation=true\n");
  });

  it("logs admission and audit stats only when asked", () => {
    const io = bufferIo(root);
    expect(serveOptions(flags(), io).logStatsAdmission).toBe(false);
    expect(serveOptions(flags({ logStatsAdmission: true }), io).logStatsAdmission).toBe(true);
    expect(serveAuditOptions(flags({ objects: "objects" }), io)?.logStats).toBe(false);
    expect(serveAuditOptions(flags({ objects: "objects", logStatsAudit: true }), io)?.logStats).toBe(true);
  });

  it("serves the API and dashboard alone with an explicit --api-port and nothing to audit", () => {
    const io = bufferIo(root);
    expect(serveAuditOptions(flags({}), io)).toBeUndefined();
    expect(serveAuditOptions(flags({ apiPort: "9999" }), io)).toMatchObject({
      objects: { none: true },
      apiPort: 9999,
    });
    expect(serveAuditOptions(flags({ objects: "objects" }), io)?.apiPort).toBe(8889);
    expect(() => serveAuditOptions(flags({ objects: "objects", auditCluster: true }), io)).toThrow(
      "give --objects or --audit-cluster (--kubeconfig, --context), not both",
    );
  });

  it("serves the dashboard beside the audit API unless --no-dashboard", () => {
    const io = bufferIo(root);
    expect(serveAuditOptions(flags({ objects: "objects" }), io)?.dashboard).toBe(true);
    expect(serveAuditOptions(flags({ objects: "objects", dashboard: false }), io)?.dashboard).toBe(false);
  });

  it("offers external data with a 3-minute response cache unless told otherwise", () => {
    const io = bufferIo(root);
    const on = serveOptions(flags(), io);
    expect(on.policySet?.externalData).toBe(true);
    expect(on.externalData).toEqual({ cacheTtlMs: 180_000 });
    expect(serveOptions(flags({ externalDataProviderResponseCacheTtl: "0" }), io).externalData).toEqual({
      cacheTtlMs: 0,
    });
    const off = serveOptions(flags({ enableExternalData: "false" }), io);
    expect(off.policySet?.externalData).toBe(false);
    expect(off.externalData).toBeUndefined();
  });

  it("refuses a response cache TTL that is not a Go duration, or is negative", async () => {
    for (const [ttl, message] of [
      ["3 minutes", 'time: unknown unit " minutes" in duration "3 minutes"'],
      ["-1s", 'must not be negative, got "-1s"'],
    ] as const) {
      const io = bufferIo(root);
      expect(
        await runServe(flags({ externalDataProviderResponseCacheTtl: ttl }), io, Promise.resolve()),
      ).toBe(1);
      expect(io.err()).toContain(message);
    }
  });

  it("lets templates read data.inventory unless --enable-referential-rules=false", () => {
    const io = bufferIo(root);
    expect(serveOptions(flags(), io).policySet?.referentialRules).toBe(true);
    expect(serveOptions(flags({ enableReferentialRules: "false" }), io).policySet?.referentialRules).toBe(
      false,
    );
  });

  it("validates enforcement actions unless --disable-enforcementaction-validation", () => {
    const io = bufferIo(root);
    expect(serveOptions(flags(), io).policySet?.skipEnforcementActionValidation).toBe(false);
    const lax = serveOptions(flags({ disableEnforcementactionValidation: true }), io);
    expect(lax.policySet?.skipEnforcementActionValidation).toBe(true);
  });

  it("takes log levels in any case, Gatekeeper's names included, and refuses others", async () => {
    expect(logLevel("INFO")).toBe("info");
    expect(logLevel("WARNING")).toBe("warn");
    expect(logLevel("debug")).toBe("debug");
    const io = bufferIo(root);
    expect(await runServe(flags({ logLevel: "loud" }), io, Promise.resolve())).toBe(1);
    expect(io.err()).toBe(
      'portcullis serve: --log-level must be one of debug, info, warn (warning), error, got "loud"\n',
    );
  });

  it("fails with a clear message on a missing policies directory or a bad flag", async () => {
    const io = bufferIo(root);
    expect(await runServe(flags({ policies: "nowhere" }), io, Promise.resolve())).toBe(1);
    expect(io.err()).toContain("nowhere");
    const bad = bufferIo(root);
    expect(await runServe(flags({ port: "http" }), bad, Promise.resolve())).toBe(1);
    expect(bad.err()).toBe('portcullis serve: --port must be an integer ≥ 0, got "http"\n');
    const noCa = bufferIo(root);
    expect(await runServe(flags({ clientCaName: "clientca.crt" }), noCa, Promise.resolve())).toBe(1);
    expect(noCa.err()).toMatch(/^portcullis serve: .*certs\/clientca\.crt: ENOENT/);
  });

  it("prints a ValidatingWebhookConfiguration with the CA of the cert dir", async () => {
    const run = await cli(root, "webhook-config", "--cert-dir", "certs", "--url", "https://10.0.0.1:8443");
    expect(run.code).toBe(0);
    const doc = parse(run.stdout) as {
      kind: string;
      webhooks: { clientConfig: { url: string; caBundle: string } }[];
    };
    expect(doc.kind).toBe("ValidatingWebhookConfiguration");
    expect(doc.webhooks[0]?.clientConfig.url).toBe("https://10.0.0.1:8443/v1/admit");
    expect(Buffer.from(doc.webhooks[0]?.clientConfig.caBundle ?? "", "base64").toString()).toContain(
      "BEGIN CERTIFICATE",
    );
    const missing = await cli(root, "webhook-config", "--cert-dir", join(root, "none"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read the CA");
  });
});
