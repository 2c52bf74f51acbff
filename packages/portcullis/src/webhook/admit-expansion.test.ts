import { ConstraintClient, type JsonObject } from "@portcullis/constraint";
import { describe, expect, it } from "vitest";
import { ProcessExcluder } from "../policies/process-excluder.js";
import { admit } from "./admit.js";
import { serviceAccountUsername } from "./exemptions.js";
import { constraint, expansionTemplate, requestFor, template } from "./test-fixtures.js";

const NO_LATEST_REGO = `package nolatest
violation[{"msg": msg}] {
  c := input.review.object.spec.containers[_]
  endswith(c.image, ":latest")
  msg := sprintf("container %v of %v uses a latest image", [c.name, input.review.object.metadata.name])
}`;

/** Pods only may not use `:latest`; Deployments are checked through the Pods they would make. */
function client(expansionAction?: string): ConstraintClient {
  const c = new ConstraintClient();
  c.addTemplate(template("NoLatest", NO_LATEST_REGO));
  c.addConstraint(
    constraint("NoLatest", "no-latest", { match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }] } }),
  );
  c.addExpansionTemplate(
    expansionTemplate(expansionAction !== undefined ? { enforcementAction: expansionAction } : {}),
  );
  return c;
}

function deployment(image: string): JsonObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: { template: { spec: { containers: [{ name: "app", image }] } } },
  };
}

const options = (c: ConstraintClient) => ({
  client: c,
  excluder: new ProcessExcluder(),
  ownUsername: serviceAccountUsername("gatekeeper-system"),
});

describe("admit with an ExpansionTemplate", () => {
  it("denies a Deployment for what its Pods would violate, as Gatekeeper words it", () => {
    const c = client();
    const answer = admit(requestFor(deployment("nginx:latest")), options(c));
    expect(answer.status).toBe("deny");
    expect(answer.verdict.status?.message).toBe(
      "[no-latest] [Implied by expand-deployments] container app of web-pod uses a latest image",
    );
    expect(admit(requestFor(deployment("nginx:1.27")), options(c)).status).toBe("allow");
  });

  it("warns instead when the template's enforcementAction is warn", () => {
    const answer = admit(requestFor(deployment("nginx:latest")), options(client("warn")));
    expect(answer.verdict.allowed).toBe(true);
    expect(answer.verdict.warnings).toEqual([
      "[no-latest] [Implied by expand-deployments] container app of web-pod uses a latest image",
    ]);
  });

  it("answers an error when the Deployment has no Pod template", () => {
    const broken = { ...deployment("nginx"), spec: {} };
    const answer = admit(requestFor(broken), options(client()));
    expect(answer.verdict.allowed).toBe(false);
    expect(answer.verdict.status?.code).toBe(500);
    expect(answer.verdict.status?.message).toContain(
      'unable to expand object: could not find source field "spec.template" in resource web',
    );
  });
});
