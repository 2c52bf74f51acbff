import { beforeAll, describe, expect, it } from "vitest";
import { namespaceLookup } from "../policies/namespace-lookup.js";
import type { PolicySet } from "../policies/policy-set.js";
import { PolicyStore } from "../policies/policy-store.js";
import { admit } from "../webhook/admit.js";
import { serviceAccountUsername } from "../webhook/exemptions.js";
import { requestFor } from "../webhook/test-fixtures.js";
import { DEFAULT_POLICIES_DIR } from "./default-policies.js";
import { permissivePolicyReview } from "./demo-review.js";

let set: PolicySet;
beforeAll(async () => {
  set = await new PolicyStore(DEFAULT_POLICIES_DIR).load();
});

function decide(request: Record<string, unknown>) {
  return admit(request, {
    client: set.client,
    excluder: set.config.excluder,
    ownUsername: serviceAccountUsername("gatekeeper-system"),
    namespaces: namespaceLookup(set.namespaces),
  });
}

const container = (extra: Record<string, unknown> = {}) => ({
  name: "app",
  image: "ghcr.io/acme/app:1.0",
  resources: { limits: { cpu: "1", memory: "1Gi" } },
  ...extra,
});

const deployment = (labels: Record<string, string>, containers: unknown[], namespace = "default") => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace, labels },
  spec: { template: { spec: { containers } } },
});

describe("the starter policies", () => {
  it("deny the seed's PERMISSIVE Policy (the npm start demo) with the scenario's message", () => {
    const request = permissivePolicyReview().request as Record<string, unknown>;
    expect(decide(request).verdict.status.message).toBe(
      "[policy-strict-constraint] Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]",
    );
  });

  it("allow a compliant Deployment, warn about a missing owner label, deny privileged and foreign images", () => {
    expect(decide(requestFor(deployment({ owner: "a" }, [container()]))).verdict).toEqual({
      allowed: true,
      status: { metadata: {}, code: 200 },
    });
    expect(decide(requestFor(deployment({}, [container()]))).verdict).toMatchObject({
      allowed: true,
      warnings: ["[workloads-must-name-owner] missing required labels: owner"],
    });
    const bad = decide(
      requestFor(
        deployment({ owner: "a" }, [
          container({ image: "evil.io/x", securityContext: { privileged: true } }),
        ]),
      ),
    );
    expect(bad.verdict.allowed).toBe(false);
    expect(bad.verdict.status.message?.split("\n").sort()).toEqual([
      '[allowed-registries] container <app> uses image <evil.io/x>, which is not from an allowed registry ["registry.k8s.io/", "ghcr.io/", "quay.io/", "docker.io/library/"]',
      "[no-privileged-containers] container <app> must not run privileged",
    ]);
  });

  it("only log missing limits (dryrun) and skip kube-* namespaces", () => {
    const noLimits = decide(requestFor(deployment({ owner: "a" }, [container({ resources: {} })])));
    expect(noLimits.verdict.allowed).toBe(true);
    expect(noLimits.decision?.violations.map((v) => v.result.msg).sort()).toEqual([
      "container <app> has no cpu limit",
      "container <app> has no memory limit",
    ]);
    const kube = decide(
      requestFor(deployment({}, [container({ securityContext: { privileged: true } })], "kube-system")),
    );
    expect(kube.verdict.status.message).toBe("Namespace is set to be ignored by Gatekeeper config");
  });
});
