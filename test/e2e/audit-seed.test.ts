import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../../packages/portcullis/src/cli/test-support.js";
import { ViolationStore } from "../../packages/portcullis/src/store/index.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const seed = resolve(repo, "../shared/scenarios/seed-istio-mtls");
const work = mkdtempSync(join(tmpdir(), "portcullis-audit-seed-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Objects the constraint does not match: another kind in `default`, and a PERMISSIVE Policy
// outside the constraint's namespaces.
const UNMATCHED = `apiVersion: v1
kind: ConfigMap
metadata: {name: app-config, namespace: default}
data: {mode: PERMISSIVE}
---
apiVersion: authentication.istio.io/v1alpha1
kind: Policy
metadata: {name: app-policy-demo, namespace: staging}
spec:
  peers: [{mtls: {}, mode: PERMISSIVE}]
`;

function setUp(): { policies: string; objects: string; data: string } {
  const policies = join(work, "policies");
  const objects = join(work, "objects");
  mkdirSync(policies, { recursive: true });
  mkdirSync(objects, { recursive: true });
  copyFileSync(join(seed, "template.yaml"), join(policies, "template.yaml"));
  copyFileSync(join(seed, "constraint.yaml"), join(policies, "constraint.yaml"));
  copyFileSync(join(seed, "bad-app-policy.yaml"), join(objects, "app-policy.yaml"));
  writeFileSync(join(objects, "unmatched.yaml"), UNMATCHED);
  return { policies, objects, data: join(work, "data") };
}

describe("audit of the seed scenario", () => {
  const dirs = setUp();

  it("writes totalViolations 1 and the violation of the scenario README into the constraint's status", async () => {
    const run = await cli(
      repo,
      "audit",
      "--policies",
      dirs.policies,
      "--objects",
      dirs.objects,
      "-o",
      "json",
      "--data-dir",
      dirs.data,
    );
    expect(run.stderr).toContain("1 new, 0 resolved");
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(["constraints", "violations"]);
    expect(out.constraints).toHaveLength(1);
    const c = out.constraints[0];
    expect(c.apiVersion).toBe("constraints.gatekeeper.sh/v1beta1");
    expect(c.kind).toBe("PolicyStrictOnly");
    expect(c.metadata).toEqual({ name: "policy-strict-constraint" });
    expect(Object.keys(c.status)).toEqual(["auditTimestamp", "totalViolations", "violations"]);
    expect(c.status.auditTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(c.status.totalViolations).toBe(1);
    // Gatekeeper's audit writes the template's message as is; the `[policy-strict-constraint] `
    // prefix in the README is the webhook's denial format.
    expect(c.status.violations).toEqual([
      {
        enforcementAction: "deny",
        group: "authentication.istio.io",
        kind: "Policy",
        message: "Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]",
        name: "app-policy-demo",
        namespace: "default",
        version: "v1alpha1",
      },
    ]);
    expect(out.violations).toHaveLength(1);
  });

  it("skips namespaces that the policies' Config excludes from audit", async () => {
    const policies = join(work, "policies-with-config");
    mkdirSync(policies, { recursive: true });
    copyFileSync(join(seed, "template.yaml"), join(policies, "template.yaml"));
    copyFileSync(join(seed, "constraint.yaml"), join(policies, "constraint.yaml"));
    const config = (processes: string): string => `apiVersion: config.gatekeeper.sh/v1alpha1
kind: Config
metadata: {name: config, namespace: gatekeeper-system}
spec:
  match:
    - excludedNamespaces: ["def*"]
      processes: [${processes}]
`;
    const audit = (): ReturnType<typeof cli> =>
      cli(repo, "audit", "--policies", policies, "--objects", dirs.objects, "-o", "json");
    writeFileSync(join(policies, "config.yaml"), config('"audit"'));
    const skipped = await audit();
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout).constraints[0].status.totalViolations).toBe(0);
    writeFileSync(join(policies, "config.yaml"), config('"webhook"'));
    const kept = await audit();
    expect(kept.code).toBe(1);
    expect(JSON.parse(kept.stdout).constraints[0].status.totalViolations).toBe(1);
  });

  it("keeps the violation in the store", () => {
    const store = ViolationStore.open(dirs.data);
    try {
      const page = store.query({ constraint: "PolicyStrictOnly/policy-strict-constraint" });
      expect(page.total).toBe(1);
      const v = page.violations[0];
      expect(v?.object).toEqual({
        group: "authentication.istio.io",
        version: "v1alpha1",
        kind: "Policy",
        namespace: "default",
        name: "app-policy-demo",
      });
      expect(v?.enforcementAction).toBe("deny");
      expect(v?.resolvedAt).toBeNull();
      expect(store.query({ namespace: "default", kind: "Policy", text: "must include" }).total).toBe(1);
      expect(store.query({ action: "dryrun" }).total).toBe(0);
    } finally {
      store.close();
    }
  });

  it("marks it resolved once the object is fixed", async () => {
    copyFileSync(join(seed, "good-app-policy.yaml"), join(dirs.objects, "app-policy.yaml"));
    const run = await cli(
      repo,
      "audit",
      "--policies",
      dirs.policies,
      "--objects",
      dirs.objects,
      "-o",
      "json",
      "--data-dir",
      dirs.data,
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.constraints[0].status.totalViolations).toBe(0);
    expect(out.constraints[0].status.violations).toBeUndefined();
    expect(run.stderr).toContain("0 new, 1 resolved");
    const listed = await cli(
      repo,
      "violations",
      "--data-dir",
      dirs.data,
      "--state",
      "resolved",
      "-o",
      "json",
    );
    expect(listed.code).toBe(0);
    const page = JSON.parse(listed.stdout);
    expect(page.total).toBe(1);
    expect(page.violations[0].object.name).toBe("app-policy-demo");
    expect(page.violations[0].resolvedAt).toMatch(/Z$/);
    const open = await cli(repo, "violations", "--data-dir", dirs.data);
    expect(open.stdout).toContain("0 of 0 violations");
  });
});
