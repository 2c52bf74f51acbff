/**
 * End to end: `portcullis serve` answers templates' `external_data` calls from Provider
 * resources over HTTPS (mutual TLS with the serving certificate), caches the answers for the
 * TTL asked, and does the same in worker threads.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ensureCertificates } from "../../packages/portcullis/src/certs/cert-dir.js";
import {
  createCertificateAuthority,
  createServingCertificate,
} from "../../packages/portcullis/src/certs/generate-certificates.js";
import { reviewBody } from "../../packages/portcullis/src/webhook/test-fixtures.js";
import { post, type ServeProcess, startServe } from "./serve-process.js";

const REGO = `package k8sexternaldata
violation[{"msg": msg}] {
  images := [img | img = input.review.object.spec.containers[_].image]
  response := external_data({"provider": input.parameters.provider, "keys": images})
  count(response.system_error) > 0
  msg := sprintf("provider failed: %v", [response.system_error])
}
violation[{"msg": msg}] {
  images := [img | img = input.review.object.spec.containers[_].image]
  response := external_data({"provider": input.parameters.provider, "keys": images})
  r := response.responses[_]
  r[1] != "valid"
  msg := sprintf("image %v is %v", [r[0], r[1]])
}`;

const TEMPLATE = {
  apiVersion: "templates.gatekeeper.sh/v1",
  kind: "ConstraintTemplate",
  metadata: { name: "k8sexternaldata" },
  spec: {
    crd: {
      spec: {
        names: { kind: "K8sExternalData" },
        validation: { openAPIV3Schema: { type: "object", properties: { provider: { type: "string" } } } },
      },
    },
    targets: [{ target: "admission.k8s.gatekeeper.sh", rego: REGO }],
  },
};

function constraint(name: string, provider: string) {
  return {
    apiVersion: "constraints.gatekeeper.sh/v1beta1",
    kind: "K8sExternalData",
    metadata: { name },
    spec: {
      match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }], namespaces: [name] },
      parameters: { provider },
    },
  };
}

function provider(name: string, url: string, ca: string) {
  return {
    apiVersion: "externaldata.gatekeeper.sh/v1beta1",
    kind: "Provider",
    metadata: { name },
    spec: { url, timeout: 2, caBundle: Buffer.from(ca).toString("base64") },
  };
}

function podReview(namespace: string, uid: string, ...images: string[]) {
  return reviewBody(
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace },
      spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })) },
    },
    { uid },
  );
}

interface FakeProvider {
  readonly server: Server;
  readonly url: string;
  /** The provider's CA, for the Provider's caBundle. */
  readonly ca: string;
  /** The keys of each request it answered. */
  readonly asked: string[][];
}

/**
 * A provider that vouches for every image but those under evil/, answering only callers with a
 * certificate from the webhook's CA.
 */
async function startProvider(webhookCa: string): Promise<FakeProvider> {
  const ca = createCertificateAuthority("provider-ca");
  const leaf = createServingCertificate(ca);
  const asked: string[][] = [];
  const server = createServer(
    { cert: leaf.cert, key: leaf.key, ca: webhookCa, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { request: { keys: string[] } };
        asked.push(body.request.keys);
        const items = body.request.keys.map((key) => ({
          key,
          value: key.startsWith("evil/") ? "untrusted" : "valid",
        }));
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            apiVersion: "externaldata.gatekeeper.sh/v1beta1",
            kind: "ProviderResponse",
            response: { idempotent: true, items },
          }),
        );
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return { server, url: `https://localhost:${port}/validate`, ca: ca.cert, asked };
}

function writePolicies(dir: string, fake: FakeProvider): void {
  mkdirSync(dir, { recursive: true });
  const docs = [
    TEMPLATE,
    constraint("checked", "image-provider"),
    constraint("unreachable", "down-provider"),
    provider("image-provider", fake.url, fake.ca),
    // Nothing listens on port 9 of this host.
    provider("down-provider", "https://127.0.0.1:9/validate", fake.ca),
  ];
  writeFileSync(join(dir, "policies.yaml"), docs.map((d) => stringify(d)).join("---\n"));
}

/** A serve process with the policies and a fake provider, in a folder of its own. */
interface Setup {
  readonly work: string;
  readonly fake: FakeProvider;
  readonly server: ServeProcess;
}

/**
 * Starts a fake provider and `serve ARGS` on policies that call it; `prepare` fills the folder
 * first. The provider takes client certificates from the webhook's CA, or from `clientCa`.
 */
async function setUp(
  args: (work: string) => string[],
  prepare?: (work: string) => void,
  clientCa?: string,
): Promise<Setup> {
  const work = mkdtempSync(join(tmpdir(), "portcullis-external-data-"));
  const certDir = join(work, "certs");
  const certs = ensureCertificates(certDir);
  const fake = await startProvider(clientCa ?? certs.ca ?? "");
  writePolicies(join(work, "policies"), fake);
  prepare?.(work);
  const server = await startServe(["--policies", join(work, "policies"), ...args(work)], certDir);
  return { work, fake, server };
}

async function tearDown(setup: Setup | undefined): Promise<void> {
  if (setup === undefined) return;
  await setup.server.stop();
  setup.fake.server.close();
  rmSync(setup.work, { recursive: true, force: true });
}

describe.each([
  { mode: "on the event loop", args: [] as string[], cached: true },
  { mode: "in worker threads", args: ["--max-serving-threads", "1"], cached: true },
  {
    mode: "with the response cache off",
    args: ["--external-data-provider-response-cache-ttl", "0"],
    cached: false,
  },
])("portcullis serve with external data, $mode", ({ args, cached }) => {
  let setup: Setup | undefined;
  let fake: FakeProvider;
  let server: ServeProcess;

  beforeAll(async () => {
    setup = await setUp(() => args);
    ({ fake, server } = setup);
  }, 60000);

  afterAll(() => tearDown(setup));

  it("denies what the provider does not vouch for, and allows the rest", async () => {
    const bad = await post(server, "/v1/admit", podReview("checked", "ed-1", "nginx:1", "evil/miner"));
    expect(bad.json().response).toMatchObject({
      uid: "ed-1",
      allowed: false,
      status: { code: 403, message: "[checked] image evil/miner is untrusted" },
    });
    const good = await post(server, "/v1/admit", podReview("checked", "ed-2", "nginx:1", "redis:7"));
    expect(good.json().response).toMatchObject({ uid: "ed-2", allowed: true });
    // Cached, nginx:1 is not asked for again.
    expect(fake.asked).toEqual([["nginx:1", "evil/miner"], cached ? ["redis:7"] : ["nginx:1", "redis:7"]]);
  });

  it("answers keys it has seen from the response cache, unless it is off", async () => {
    const again = await post(server, "/v1/admit", podReview("checked", "ed-3", "evil/miner", "redis:7"));
    expect(again.json().response).toMatchObject({ allowed: false });
    expect(fake.asked.slice(2)).toEqual(cached ? [] : [["evil/miner", "redis:7"]]);
  });

  it("gives templates the system error of a provider it cannot reach", async () => {
    const down = await post(server, "/v1/admit", podReview("unreachable", "ed-4", "nginx:1"));
    const response = down.json().response as { allowed: boolean; status: { message: string } };
    expect(response.allowed).toBe(false);
    expect(response.status.message).toMatch(
      /^\[unreachable\] provider failed: failed to send external data request: Post "https:\/\/127\.0\.0\.1:9\/validate": /,
    );
  });
});

function fetchJson(port: number, path: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>),
      );
    }).on("error", reject);
  });
}

describe.each([
  { mode: "in an audit worker", workers: "1" },
  { mode: "in the webhook's thread", workers: "0" },
])("portcullis serve auditing with external data, $mode", ({ workers }) => {
  let setup: Setup | undefined;
  let fake: FakeProvider;
  let server: ServeProcess;

  beforeAll(async () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "miner", namespace: "checked" },
      spec: { containers: [{ name: "c", image: "evil/miner" }] },
    };
    setup = await setUp(
      (work) => [
        "--objects",
        join(work, "objects"),
        "--data-dir",
        join(work, "data"),
        "--audit-workers",
        workers,
      ],
      (work) => {
        mkdirSync(join(work, "objects"));
        writeFileSync(join(work, "objects", "pod.yaml"), stringify(pod));
      },
    );
    ({ fake, server } = setup);
  }, 60000);

  afterAll(() => tearDown(setup));

  it("finds what the provider does not vouch for among the objects", async () => {
    const violations = async (): Promise<unknown> => {
      const list = (await fetchJson(server.apiPort ?? 0, "/api/v1/constraints")).constraints;
      const checked = Array.isArray(list)
        ? (list as { metadata: { name: string }; status?: { violations?: { message: string }[] } }[]).find(
            (c) => c.metadata.name === "checked",
          )
        : undefined;
      return checked?.status?.violations?.map((v) => v.message);
    };
    await expect
      .poll(violations, { timeout: 15000, interval: 100 })
      .toEqual(["image evil/miner is untrusted"]);
    expect(fake.asked).toContainEqual(["evil/miner"]);
  });

  it("answers the next audit from the response cache", async () => {
    const asked = fake.asked.length;
    const audits = async (): Promise<number> => {
      const list = (await fetchJson(server.apiPort ?? 0, "/api/v1/audits")).audits;
      return Array.isArray(list) ? list.length : 0;
    };
    const before = await audits();
    // A reload of the policies runs an audit again.
    const file = join(setup?.work ?? "", "policies", "policies.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n# touched\n`);
    await expect.poll(audits, { timeout: 15000, interval: 100 }).toBeGreaterThan(before);
    expect(fake.asked.length).toBe(asked);
  });
});

describe.each([
  { mode: "on the event loop", args: [] as string[] },
  { mode: "in worker threads", args: ["--max-serving-threads", "1"] },
])("portcullis serve showing providers a rotated certificate, $mode", ({ args }) => {
  // The provider trusts only this CA; the webhook's first certificate comes from another.
  const trusted = createCertificateAuthority("trusted-by-provider");
  let setup: Setup | undefined;
  let server: ServeProcess;

  beforeAll(async () => {
    setup = await setUp(() => args, undefined, trusted.cert);
    ({ server } = setup);
  }, 60000);

  afterAll(() => tearDown(setup));

  it("answers with the certificate the cert dir holds now", async () => {
    const refused = await post(server, "/v1/admit", podReview("checked", "rot-1", "nginx:1"));
    expect(refused.json().response).toMatchObject({ allowed: false });
    const work = setup?.work ?? "";
    const next = createServingCertificate(trusted);
    writeFileSync(join(work, "certs", "tls.key"), next.key);
    writeFileSync(join(work, "certs", "tls.crt"), next.cert);
    const rotated = { ...server, ca: trusted.cert };
    const allowed = async (): Promise<unknown> => {
      try {
        const answer = await post(rotated, "/v1/admit", podReview("checked", "rot-2", "nginx:1"));
        return (answer.json().response as { allowed?: unknown }).allowed;
      } catch {
        return "not yet rotated";
      }
    };
    await expect.poll(allowed, { timeout: 15000, interval: 200 }).toBe(true);
  });
});
