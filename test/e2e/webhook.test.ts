/**
 * End to end: `portcullis serve` on 127.0.0.1 with the seed scenario's policy (read from
 * ../shared) plus warn, dryrun and slow constraints, answering AdmissionReviews over HTTPS.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { connect } from "node:tls";
import { parseYamlObjects } from "@portcullis/constraint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { expansionTemplate } from "../../packages/portcullis/src/webhook/test-fixtures.js";
import { post, type ServeProcess, startServe } from "./serve-process.js";

const SEED = resolve(import.meta.dirname, "../../../shared/scenarios/seed-istio-mtls");
const BAD_MESSAGE =
  "[policy-strict-constraint] Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]";

function seedObject(file: string): Record<string, unknown> {
  const path = join(SEED, file);
  const doc = parseYamlObjects(readFileSync(path, "utf8"), path)[0];
  if (doc === undefined) throw new Error(`${path}: empty`);
  return doc;
}

function template(kind: string, rego: string): Record<string, unknown> {
  return {
    apiVersion: "templates.gatekeeper.sh/v1",
    kind: "ConstraintTemplate",
    metadata: { name: kind.toLowerCase() },
    spec: { crd: { spec: { names: { kind } } }, targets: [{ target: "admission.k8s.gatekeeper.sh", rego }] },
  };
}

function constraint(kind: string, name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: "constraints.gatekeeper.sh/v1beta1", kind, metadata: { name }, spec };
}

const LABEL_REGO = `package needlabel
violation[{"msg": msg}] {
  not input.review.object.metadata.labels[input.parameters.key]
  msg := sprintf("missing label %v", [input.parameters.key])
}`;

const SLOW_REGO = `package slow
violation[{"msg": msg}] {
  n := count([x | x := numbers.range(1, 1000)[_]; y := numbers.range(1, 1000)[_]; z := numbers.range(1, 1000)[_]])
  msg := sprintf("%v", [n])
}`;

/**
 * A template that would deny every Pod, but calls `opa.runtime`, which the server is started
 * without (`--disable-opa-builtin`): refused, so it decides nothing, in worker threads too.
 */
const CALLS_RUNTIME_REGO = `package callsruntime
violation[{"msg": "the runtime was read"}] {
  is_object(opa.runtime())
}`;

function review(
  object: Record<string, unknown>,
  options: { uid?: string; version?: string; username?: string } = {},
): string {
  const apiVersion = String(object.apiVersion);
  const slash = apiVersion.indexOf("/");
  const metadata = object.metadata as Record<string, unknown>;
  return JSON.stringify({
    apiVersion: `admission.k8s.io/${options.version ?? "v1"}`,
    kind: "AdmissionReview",
    request: {
      uid: options.uid ?? "e2e-uid",
      kind: {
        group: slash < 0 ? "" : apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
        kind: object.kind,
      },
      resource: { group: "", version: "v1", resource: "things" },
      name: metadata.name,
      namespace: metadata.namespace,
      operation: "CREATE",
      userInfo: { username: options.username ?? "e2e" },
      object,
      oldObject: null,
      dryRun: false,
    },
  });
}

const pod = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", labels },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});

/** Where `/v1/admit` is decided: on the event loop, or in worker threads. */
const MODES: [string, string[]][] = [
  ["on the event loop", ["--max-serving-threads", "0"]],
  ["in worker threads", ["--max-serving-threads", "2"]],
];

describe.each(MODES)("deciding %s", (_mode, extraArgs) => {
  let work: string;
  let server: ServeProcess;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "portcullis-e2e-"));
    const policies = join(work, "policies");
    mkdirSync(policies);
    copyFileSync(join(SEED, "template.yaml"), join(policies, "seed-template.yaml"));
    copyFileSync(join(SEED, "constraint.yaml"), join(policies, "seed-constraint.yaml"));
    const docs = [
      template("NeedLabel", LABEL_REGO),
      constraint("NeedLabel", "pods-should-have-team", {
        enforcementAction: "warn",
        match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }] },
        parameters: { key: "team" },
      }),
      constraint("NeedLabel", "pods-would-need-owner", {
        enforcementAction: "dryrun",
        match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }] },
        parameters: { key: "owner" },
      }),
      template("Slow", SLOW_REGO),
      constraint("Slow", "slow", { match: { kinds: [{ apiGroups: ["example.com"], kinds: ["Slow"] }] } }),
      expansionTemplate(),
      template("CallsRuntime", CALLS_RUNTIME_REGO),
      constraint("CallsRuntime", "calls-runtime", {
        match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }] },
      }),
      {
        apiVersion: "config.gatekeeper.sh/v1alpha1",
        kind: "Config",
        metadata: { name: "config", namespace: "gatekeeper-system" },
        spec: {
          validation: {
            traces: [
              {
                user: "e2e-tracer",
                kind: { group: "authentication.istio.io", version: "v1alpha1", kind: "Policy" },
                dump: "All",
              },
            ],
          },
        },
      },
    ];
    writeFileSync(join(policies, "extra.yaml"), docs.map((d) => stringify(d)).join("---\n"));
    server = await startServe(
      [
        "--policies",
        policies,
        "--log-denies",
        "--webhook-timeout",
        "1",
        "--read-timeout",
        "1",
        "--disable-opa-builtin",
        "{http.send,opa.runtime}",
        "--log-stats-admission",
        ...extraArgs,
      ],
      join(work, "certs"),
    );
  }, 60000);

  afterAll(async () => {
    await server?.stop();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  async function admit(body: string): Promise<Record<string, unknown>> {
    const answer = await post(server, "/v1/admit", body);
    expect(answer.status).toBe(200);
    return answer.json();
  }

  async function expectStillServing(): Promise<void> {
    const reply = await admit(review(seedObject("good-app-policy.yaml"), { uid: "after" }));
    expect(reply.response).toMatchObject({ uid: "after", allowed: true });
  }

  describe("portcullis serve, end to end", () => {
    it("denies the seed's bad Policy with 403 and the exact message, echoing the uid", async () => {
      const reply = await admit(review(seedObject("bad-app-policy.yaml"), { uid: "seed-bad-1" }));
      expect(reply).toEqual({
        apiVersion: "admission.k8s.io/v1",
        kind: "AdmissionReview",
        response: {
          uid: "seed-bad-1",
          allowed: false,
          status: { metadata: {}, code: 403, reason: "Forbidden", message: BAD_MESSAGE },
        },
      });
    });

    it("allows the seed's good Policy", async () => {
      const reply = await admit(review(seedObject("good-app-policy.yaml"), { uid: "seed-good-1" }));
      expect(reply.response).toEqual({
        uid: "seed-good-1",
        allowed: true,
        status: { metadata: {}, code: 200 },
      });
    });

    it("answers a v1beta1 review as v1beta1", async () => {
      const reply = await admit(
        review(seedObject("bad-app-policy.yaml"), { uid: "beta", version: "v1beta1" }),
      );
      expect(reply.apiVersion).toBe("admission.k8s.io/v1beta1");
      expect(reply.response).toMatchObject({
        uid: "beta",
        allowed: false,
        status: { code: 403, message: BAD_MESSAGE },
      });
    });

    it("warns (allowed, 299) and lets dryrun through, logging both with --log-denies", async () => {
      const reply = await admit(review(pod("web"), { uid: "warn-1" }));
      expect(reply.response).toEqual({
        uid: "warn-1",
        allowed: true,
        status: { metadata: {}, code: 299 },
        warnings: ["[pods-should-have-team] missing label team"],
      });
      const clean = await admit(review(pod("web", { team: "a", owner: "b" }), { uid: "clean-1" }));
      expect(clean.response).toEqual({ uid: "clean-1", allowed: true, status: { metadata: {}, code: 200 } });
      await new Promise((r) => setTimeout(r, 100));
      const logged = server
        .stderr()
        .split("\n")
        .filter((l) => l.includes('"event_type":"violation"'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const stats = server
        .stderr()
        .split("\n")
        .filter((l) => l.includes('"event_type":"review_response_stats"'))
        .map(
          (l) =>
            JSON.parse(l) as { msg: string; resource_kind: string; execution_stats: { statsFor: string }[] },
        );
      expect(stats.find((l) => l.resource_kind === "Pod")).toMatchObject({
        msg: "admission review request stats",
        execution_stats: expect.arrayContaining([expect.objectContaining({ statsFor: "NeedLabel" })]),
      });
      expect(logged).toContainEqual(
        expect.objectContaining({
          constraint_name: "pods-would-need-owner",
          constraint_action: "dryrun",
          msg: "denied admission: missing label owner",
        }),
      );
    });

    it("logs the trace of a request the Config's traces name, and the policies with dump: All", async () => {
      const bad = seedObject("bad-app-policy.yaml");
      const reply = await admit(review(bad, { uid: "traced-1", username: "e2e-tracer" }));
      expect(reply.response).toMatchObject({
        uid: "traced-1",
        allowed: false,
        status: { code: 403, message: BAD_MESSAGE },
      });
      await admit(review(bad, { uid: "untraced-1" }));
      await new Promise((r) => setTimeout(r, 100));
      const lines = server
        .stderr()
        .split("\n")
        .filter((l) => l.includes('"event_type":"trace"') || l.includes('"event_type":"dump"'))
        .map((l) => JSON.parse(l) as { uid: string; event_type: string; msg: string });
      expect(lines.map((l) => [l.uid, l.event_type])).toEqual([
        ["traced-1", "trace"],
        ["traced-1", "dump"],
      ]);
      expect(lines[0]?.msg).toContain("Trace:\nTrace of PolicyStrictOnly policy-strict-constraint:");
      expect(lines[0]?.msg).toContain("Result(0):");
      expect(JSON.parse(lines[1]?.msg ?? "{}")).toMatchObject({ config: { kind: "Config" } });
    });

    it("answers each bad input with a clear error and keeps serving", async () => {
      const errorOf = async (body: string, headers?: Record<string, string>) => {
        const answer = await post(server, "/v1/admit", body, headers);
        const response = answer.json().response as {
          allowed: boolean;
          status: { code: number; message: string };
        };
        expect(response.allowed).toBe(false);
        await expectStillServing();
        return { http: answer.status, code: response.status.code, message: response.status.message };
      };
      expect(await errorOf("{not json")).toMatchObject({
        http: 200,
        code: 400,
        message: expect.stringContaining("couldn't decode"),
      });
      expect(
        await errorOf(
          JSON.stringify({ apiVersion: "admission.k8s.io/v1", kind: "Pod", request: { uid: "x" } }),
        ),
      ).toMatchObject({
        code: 400,
        message: 'expected kind AdmissionReview, got "Pod"',
      });
      expect(
        await errorOf(
          JSON.stringify({
            apiVersion: "admission.k8s.io/v2",
            kind: "AdmissionReview",
            request: { uid: "x" },
          }),
        ),
      ).toMatchObject({
        code: 400,
        message: expect.stringContaining("unsupported AdmissionReview apiVersion"),
      });
      expect(
        await errorOf(JSON.stringify({ apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview" })),
      ).toMatchObject({
        code: 400,
        message: "got an empty AdmissionRequest",
      });
      expect(
        await errorOf(
          JSON.stringify({
            apiVersion: "admission.k8s.io/v1",
            kind: "AdmissionReview",
            request: { kind: {} },
          }),
        ),
      ).toMatchObject({ code: 400, message: "the AdmissionRequest has no uid" });
      expect(await errorOf("{}", { "content-type": "text/plain" })).toMatchObject({ code: 400 });
    });

    it("refuses a body over 3 MiB with 413", async () => {
      const big = JSON.stringify({
        apiVersion: "admission.k8s.io/v1",
        kind: "AdmissionReview",
        pad: "x".repeat(3 * 1024 * 1024),
      });
      const answer = await post(server, "/v1/admit", big).catch((e: unknown) =>
        e instanceof Error ? e : new Error(String(e)),
      );
      if (answer instanceof Error) expect(answer.message).toMatch(/EPIPE|ECONNRESET|socket hang up/);
      else {
        expect(answer.status).toBe(413);
        expect(answer.json().response).toMatchObject({ allowed: false, status: { code: 413 } });
      }
      await expectStillServing();
    });

    it("cancels a policy running past the deadline with code 500", async () => {
      const slow = {
        apiVersion: "example.com/v1",
        kind: "Slow",
        metadata: { name: "s", namespace: "default" },
      };
      const started = Date.now();
      const reply = await admit(review(slow, { uid: "slow-1" }));
      expect(Date.now() - started).toBeLessThan(3000);
      expect(reply.response).toMatchObject({ uid: "slow-1", allowed: false, status: { code: 500 } });
      expect(JSON.stringify(reply.response)).toContain("eval_cancel_error");
      await expectStillServing();
    });

    it("drops a slow client with 408 and keeps serving", async () => {
      const answer = await new Promise<string>((done, fail) => {
        const socket = connect(
          { host: "127.0.0.1", port: server.port, ca: server.ca, servername: "localhost" },
          () => {
            socket.write(
              "POST /v1/admit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
            );
          },
        );
        let text = "";
        socket.on("data", (d: Buffer) => {
          text += d.toString();
        });
        socket.on("close", () => done(text));
        socket.on("error", fail);
        setTimeout(() => {
          socket.destroy();
          fail(new Error("the slow client was not dropped"));
        }, 5000);
      });
      expect(answer === "" || answer.startsWith("HTTP/1.1 408")).toBe(true);
      await expectStillServing();
    });

    it("warns about a Deployment for what the Pods it would make lack (ExpansionTemplate)", async () => {
      const deployment = {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "default" },
        spec: { template: { metadata: { labels: { owner: "me" } }, spec: { containers: [] } } },
      };
      const reply = await admit(review(deployment, { uid: "deployment-1" }));
      expect(reply.response).toEqual({
        uid: "deployment-1",
        allowed: true,
        status: { metadata: {}, code: 299 },
        warnings: ["[pods-should-have-team] [Implied by expand-deployments] missing label team"],
      });
    });

    it("refuses a constraint that does not fit its template with 422, as Gatekeeper checks its own resources", async () => {
      const bad = constraint("NeedLabel", "bad-match", {
        match: { kinds: "Pod" },
        parameters: { key: "team" },
      });
      const reply = await admit(review(bad, { uid: "gk-resource-1" }));
      expect(reply.response).toMatchObject({ uid: "gk-resource-1", allowed: false, status: { code: 422 } });
      const good = constraint("NeedLabel", "needs-team", { parameters: { key: "team" } });
      expect((await admit(review(good, { uid: "gk-resource-2" }))).response).toMatchObject({ allowed: true });
    });

    it("is ready and exposes Gatekeeper's metrics and the process's", async () => {
      const fetchText = (port: number, path: string) =>
        new Promise<{ status: number; text: string }>((done, fail) => {
          get({ host: "127.0.0.1", port, path }, (res) => {
            let text = "";
            res.on("data", (d: Buffer) => {
              text += d.toString();
            });
            res.on("end", () => done({ status: res.statusCode ?? 0, text }));
          }).on("error", fail);
        });
      expect((await fetchText(server.healthPort, "/readyz")).status).toBe(200);
      expect((await fetchText(server.healthPort, "/healthz")).status).toBe(200);
      const metrics = (await fetchText(server.metricsPort, "/metrics")).text;
      expect(metrics).toMatch(
        /gatekeeper_validation_request_count\{admission_status="deny",admission_dryrun="false"\} \d+/,
      );
      expect(metrics).toContain('gatekeeper_constraint_templates{status="active"} 3');
      // CallsRuntime calls a disabled builtin: refused, so it denies no Pod.
      expect(metrics).toContain('gatekeeper_constraint_templates{status="error"} 1');
      expect(server.stderr()).toContain("undefined function opa.runtime");
      expect(metrics).toContain('gatekeeper_expansion_templates{status="active"} 1');
      expect(metrics).toContain('gatekeeper_constraints{enforcement_action="warn",status="active"} 1');
      expect(metrics).toContain("gatekeeper_validation_request_duration_seconds_bucket");
      expect(metrics).toMatch(/^process_resident_memory_bytes \d+$/m);
      expect(metrics).toMatch(/^process_cpu_seconds_total [\d.]+$/m);
    });
  });

  it("applies a policy change to the next request", async () => {
    const widget = {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w", namespace: "default" },
    };
    expect((await admit(review(widget, { uid: "widget-before" }))).response).toMatchObject({ allowed: true });
    const added = constraint("NeedLabel", "widgets-need-size", {
      match: { kinds: [{ apiGroups: ["example.com"], kinds: ["Widget"] }] },
      parameters: { key: "size" },
    });
    writeFileSync(join(work, "policies", "widgets.yaml"), stringify(added));
    let response: unknown;
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      response = (await admit(review(widget, { uid: "widget-after" }))).response;
      if ((response as { allowed?: boolean }).allowed === false) break;
    }
    expect(response).toMatchObject({
      uid: "widget-after",
      allowed: false,
      status: { code: 403, message: "[widgets-need-size] missing label size" },
    });
  });
});
