import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  loadPolicySet,
  MemorySource,
  newClient,
  runAudit,
} from "../../packages/portcullis/src/audit/index.js";
import { ViolationStore } from "../../packages/portcullis/src/store/index.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const work = mkdtempSync(join(tmpdir(), "portcullis-audit-crash-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The child records a small audit, then keeps recording audits of 100,000 violations until killed.
const CHILD = `
import { ViolationStore } from ${JSON.stringify(pathToFileURL(join(repo, "packages/portcullis/src/store/index.ts")).href)};
const store = ViolationStore.open(process.argv[1]);
const audit = (n, tag) => ({
  auditId: tag, startedAt: Date.now(), finishedAt: Date.now(), objectsReviewed: n, constraints: [],
  violations: Array.from({ length: n }, (_, i) => ({
    constraint: { kind: "K8sRequiredLabels", name: "must-have-owner" },
    object: { group: "", version: "v1", kind: "Pod", namespace: "ns-" + (i % 50), name: tag + "-pod-" + i },
    message: "you must provide labels: {\\"owner\\"}", enforcementAction: "deny", enforcementActions: [],
    details: { missing_labels: ["owner"] }, labels: {}, constraintAnnotations: {},
  })),
});
store.recordAudit(audit(1000, "baseline"));
process.stdout.write("committed\\n");
for (let i = 0; ; i++) {
  process.stdout.write("writing\\n");
  store.recordAudit(audit(100000, "big" + i));
}
`;

function waitFor(child: ChildProcess, text: string): Promise<void> {
  return new Promise((done, fail) => {
    let seen = "";
    child.stdout?.on("data", (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(text)) done();
    });
    child.on("exit", (code) => fail(new Error(`child exited (${code}) before "${text}": ${seen}`)));
  });
}

describe("kill -9 during an audit's store write", () => {
  it("leaves the store intact, and the next audit completes", async () => {
    const dataDir = join(work, "data");
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", CHILD, dataDir], {
      cwd: repo,
      stdio: ["ignore", "pipe", "inherit"],
    });
    await waitFor(child, "writing");
    await new Promise((r) => setTimeout(r, 400));
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGKILL");
    await exited;

    const store = ViolationStore.open(dataDir);
    try {
      expect(store.integrityCheck()).toEqual(["ok"]);
      const latest = store.latestAudit();
      expect(latest).toBeDefined();
      // Whatever audit was last committed is there whole: its violations are exactly the open ones.
      expect(store.query({ limit: 1 }).total).toBe(latest?.totalViolations);
      expect([1000, 100000]).toContain(latest?.totalViolations);

      const client = loadPolicySet(newClient(), {
        templates: [
          {
            file: undefined,
            doc: {
              apiVersion: "templates.gatekeeper.sh/v1",
              kind: "ConstraintTemplate",
              metadata: { name: "k8sdenyall" },
              spec: {
                crd: { spec: { names: { kind: "K8sDenyAll" } } },
                targets: [
                  {
                    target: "admission.k8s.gatekeeper.sh",
                    rego: 'package k8sdenyall\nviolation[{"msg": "denied"}] { true }',
                  },
                ],
              },
            },
          },
        ],
        constraints: [
          {
            file: undefined,
            doc: {
              apiVersion: "constraints.gatekeeper.sh/v1beta1",
              kind: "K8sDenyAll",
              metadata: { name: "deny-all" },
              spec: {},
            },
          },
        ],
      });
      const result = await runAudit({
        client,
        source: new MemorySource([
          { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" } },
        ]),
      });
      const outcome = store.recordAudit(result);
      expect(outcome.newViolations).toBe(1);
      expect(outcome.resolvedViolations).toBe(latest?.totalViolations);
      expect(store.query({}).total).toBe(1);
      expect(store.integrityCheck()).toEqual(["ok"]);
    } finally {
      store.close();
    }
  }, 60000);
});
