import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadPolicySet, newClient, readPolicies } from "../audit/policy-loader.js";
import { ProcessExcluder } from "../policies/process-excluder.js";
import type { AdmissionVerdict } from "./admission-response.js";
import { admitAll } from "./admit.js";
import { serviceAccountUsername } from "./exemptions.js";
import { decideReceived, type ReceivedAnswer } from "./received-batch.js";
import { SEED_DIR } from "./test-fixtures.js";
import type { AdmissionEndpoint } from "./webhook-server.js";

/** The gatekeeper-library: its 49 templates (Rego, and CEL where they have it) and sample constraints. */
const LIBRARY = join(SEED_DIR, "../../conformance/gatekeeper-library/library");

function endpoint(): AdmissionEndpoint {
  const client = newClient("auto");
  loadPolicySet(client, readPolicies(SEED_DIR));
  loadPolicySet(client, readPolicies(LIBRARY));
  const ctx = {
    client,
    excluder: new ProcessExcluder(),
    ownUsername: serviceAccountUsername("gatekeeper-system"),
  };
  return (calls) => {
    const outcomes = admitAll(calls, ctx);
    if (outcomes instanceof Promise) throw new Error("no external data here: answers are synchronous");
    return outcomes.map((o) => o.verdict);
  };
}

const decideBatch = decideReceived(endpoint());

function decideNow(bodies: readonly string[]): ReceivedAnswer[] {
  const answers = decideBatch(bodies.map((body) => ({ body, deadline: Date.now() + 10_000 })));
  if (answers instanceof Promise) throw new Error("expected synchronous answers");
  return [...answers];
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
/** A field: usually what Kubernetes puts there, sometimes any JSON value. */
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> =>
  fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: anyJson });

/** An envelope field: nearly always right, so that most bodies reach the policies. */
const rarelyWrong = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> =>
  fc.oneof({ weight: 15, arbitrary: arb }, { weight: 1, arbitrary: anyJson });

const container = fc.record(
  {
    name: maybe(fc.constantFrom("app", "sidecar", "")),
    image: maybe(fc.constantFrom("nginx", "openpolicyagent/opa:0.9.2", "quay.io/x/y@sha256:abc", "")),
    securityContext: maybe(
      fc.record(
        {
          privileged: maybe(fc.boolean()),
          capabilities: maybe(
            fc.record({ add: maybe(fc.array(fc.string())), drop: maybe(fc.array(fc.string())) }),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    resources: maybe(
      fc.record(
        {
          limits: maybe(
            fc.record(
              {
                cpu: maybe(fc.constantFrom("100m", "1", "1.5", "x")),
                memory: maybe(fc.constantFrom("1Gi", "200M", "", "1e3")),
              },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

const podLike = fc.record({
  apiVersion: maybe(fc.constant("v1")),
  kind: maybe(fc.constantFrom("Pod", "Policy", "Namespace")),
  metadata: maybe(
    fc.record(
      {
        name: maybe(fc.constantFrom("p", "bad", "")),
        namespace: maybe(fc.constantFrom("default", "kube-system", "")),
        labels: maybe(fc.dictionary(fc.constantFrom("owner", "app", ""), fc.string(), { maxKeys: 2 })),
      },
      { requiredKeys: [] },
    ),
  ),
  spec: maybe(
    fc.record(
      {
        containers: maybe(fc.array(container, { maxLength: 3 })),
        initContainers: maybe(fc.array(container, { maxLength: 2 })),
      },
      { requiredKeys: [] },
    ),
  ),
});

const request = fc.record(
  {
    uid: rarelyWrong(fc.constantFrom("uid-1", "uid-2")),
    kind: rarelyWrong(
      fc.record({
        group: fc.constant(""),
        version: fc.constant("v1"),
        kind: fc.constantFrom("Pod", "Namespace"),
      }),
    ),
    operation: rarelyWrong(fc.constantFrom("CREATE", "UPDATE", "DELETE", "CONNECT")),
    namespace: maybe(fc.constantFrom("default", "")),
    name: maybe(fc.string({ maxLength: 4 })),
    userInfo: maybe(
      fc.record({
        username: fc.constantFrom("alice", "system:serviceaccount:gatekeeper-system:gatekeeper-admin"),
      }),
    ),
    object: rarelyWrong(podLike),
    oldObject: maybe(podLike),
  },
  { requiredKeys: ["uid", "kind", "operation", "object"] },
);

const review = fc.record({
  apiVersion: rarelyWrong(fc.constantFrom("admission.k8s.io/v1", "admission.k8s.io/v1beta1")),
  kind: rarelyWrong(fc.constant("AdmissionReview")),
  request: rarelyWrong(request),
});

/** A body: mostly reviews, damaged or not; sometimes other JSON or text that is not JSON. */
const body = fc.oneof(
  { weight: 8, arbitrary: review.map((r) => JSON.stringify(r)) },
  { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

function checkAnswer(a: ReceivedAnswer | undefined): void {
  expect(a).toBeDefined();
  if (a === undefined) return;
  expect(["v1", "v1beta1"]).toContain(a.version);
  expect(typeof a.uid).toBe("string");
  if ("error" in a) {
    expect(a.error).toBeInstanceOf(Error);
    return;
  }
  const v: AdmissionVerdict = a.verdict;
  expect(typeof v.allowed).toBe("boolean");
  if (!v.allowed) {
    expect(typeof v.status?.code).toBe("number");
    expect(typeof v.status?.message).toBe("string");
  }
}

describe("a batch of received bodies, whatever they hold", () => {
  it("gets one answer per body, each a verdict or an error, and the same verdicts each would get alone", () => {
    fc.assert(
      fc.property(fc.array(body, { minLength: 1, maxLength: 5 }), (bodies) => {
        const together = decideNow(bodies);
        expect(together).toHaveLength(bodies.length);
        together.forEach((a, i) => {
          checkAnswer(a);
          const [alone] = decideNow([bodies[i] ?? ""]);
          if (a !== undefined && "verdict" in a) expect(alone).toEqual(a);
          else expect(alone !== undefined && "error" in alone).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("echoes the uid and version of every review it can read", () => {
    fc.assert(
      fc.property(review, (r) => {
        const [a] = decideNow([JSON.stringify(r)]);
        const req = r.request;
        const uid = typeof req === "object" && req !== null && "uid" in req ? req.uid : undefined;
        if (a !== undefined && typeof uid === "string") expect(a.uid).toBe(uid);
        if (a !== undefined && r.apiVersion === "admission.k8s.io/v1beta1") expect(a.version).toBe("v1beta1");
      }),
      { numRuns: 150 },
    );
  });
});
