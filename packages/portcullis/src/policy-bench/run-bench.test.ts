import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocuments, type SourceDocument } from "../gator/read-documents.js";
import { constraintYaml, gatorFailure, SEED, templateYaml } from "../gator/test-fixtures.js";
import { benchEngine, runBench } from "./run-bench.js";

const POD = (name: string, owner: boolean) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: default
${owner ? "  labels:\n    owner: me\n" : ""}spec:
  containers: [{name: c, image: nginx}]
`;

function docs(files: Record<string, string>): SourceDocument[] {
  return Object.entries(files).flatMap(([f, t]) => parseDocuments(t, f));
}

/** A clock that moves 1 µs at every reading, so every phase and review takes a known time. */
function steppingClock(): () => number {
  let now = 0;
  return () => {
    now += 1000;
    return now;
  };
}

const CEL_ONLY = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: k8snolatest
spec:
  crd:
    spec:
      names:
        kind: K8sNoLatest
  targets:
    - target: admission.k8s.gatekeeper.sh
      code:
        - engine: K8sNativeValidation
          source:
            validations:
              - expression: "object.spec.containers.all(c, !c.image.endsWith(':latest'))"
                message: "no :latest images"
`;

const CEL_CONSTRAINT = constraintYaml("no-latest", "", "K8sNoLatest");

const OWNER_POLICY = {
  "template.yaml": templateYaml({}),
  "constraint.yaml": constraintYaml("must-have-owner"),
  "pods.yaml": `${POD("a", false)}---\n${POD("b", true)}`,
};

describe("benchEngine", () => {
  it("reviews every object once per iteration and times each review and setup phase", () => {
    const { result } = benchEngine(docs(OWNER_POLICY), "rego", {
      iterations: 3,
      warmup: 2,
      clock: steppingClock(),
    });
    expect(result).toMatchObject({
      engine: "rego",
      templateCount: 1,
      constraintCount: 1,
      objectCount: 2,
      iterations: 3,
      violationCount: 3,
      setupDuration: 4000,
      setupBreakdown: {
        clientCreation: 1000,
        templateCompilation: 1000,
        constraintLoading: 1000,
        dataLoading: 1000,
      },
      totalDuration: 13_000,
      latencies: { min: 1000, max: 1000, mean: 1000, p50: 1000, p95: 1000, p99: 1000 },
    });
    expect(result.reviewsPerSecond).toBeCloseTo(6 / 13e-6, 6);
  });

  it("skips templates without code for the engine, with their constraints", () => {
    const withCelOnly = docs({
      ...OWNER_POLICY,
      "cel.yaml": CEL_ONLY,
      "cel-constraint.yaml": CEL_CONSTRAINT,
    });
    const { result, notes } = benchEngine(withCelOnly, "rego", { iterations: 1, warmup: 0 });
    expect(result.skippedTemplates).toEqual(["k8snolatest"]);
    expect(result.skippedConstraints).toEqual(["no-latest"]);
    expect([result.templateCount, result.constraintCount]).toEqual([1, 1]);
    expect(notes).toEqual([
      "cel.yaml:1: template for K8sNoLatest has no Rego code; skipped with --engine rego",
    ]);
    const e = gatorFailure(() => benchEngine(docs(OWNER_POLICY), "cel", { iterations: 1, warmup: 0 }));
    expect(e.code).toBe("nothing_to_bench");
    expect(e.message).toBe("no template has code for the cel engine (all 1 skipped)");
  });

  it("needs templates, constraints and objects", () => {
    const { "template.yaml": _t, ...noTemplate } = OWNER_POLICY;
    const { "constraint.yaml": _c, ...noConstraint } = OWNER_POLICY;
    const { "pods.yaml": _p, ...noObjects } = OWNER_POLICY;
    const options = { iterations: 1, warmup: 0 };
    expect(gatorFailure(() => benchEngine(docs(noTemplate), "rego", options)).message).toBe(
      "no ConstraintTemplates found in the input",
    );
    expect(gatorFailure(() => benchEngine(docs(noConstraint), "rego", options)).message).toBe(
      "no Constraints found in the input",
    );
    expect(gatorFailure(() => benchEngine(docs(noObjects), "rego", options)).message).toBe(
      "no objects to review found in the input",
    );
  });
});

describe("runBench", () => {
  it("runs Rego, then CEL under all, noting an engine with nothing to run", async () => {
    const all = docs(OWNER_POLICY);
    const outcome = await runBench(all, "all", (e) => benchEngine(all, e, { iterations: 1, warmup: 0 }));
    expect(outcome.results.map((r) => r.engine)).toEqual(["rego"]);
    expect(outcome.notes).toContain(
      "engine cel skipped: no template has code for the cel engine (all 1 skipped)",
    );
  });

  it("runs each engine on a template that has both (CEL reports the containers in one message)", async () => {
    const library = join(
      SEED,
      "../../conformance/gatekeeper-library/library/pod-security-policy/privileged-containers",
    );
    const files: Record<string, string> = {
      "template.yaml": readFileSync(join(library, "template.yaml"), "utf8"),
      "constraint.yaml": readFileSync(
        join(library, "samples/psp-privileged-container/constraint.yaml"),
        "utf8",
      ),
      "disallowed.yaml": readFileSync(
        join(library, "samples/psp-privileged-container/example_disallowed.yaml"),
        "utf8",
      ),
      "allowed.yaml": readFileSync(
        join(library, "samples/psp-privileged-container/example_allowed.yaml"),
        "utf8",
      ),
    };
    const both = docs(files);
    const outcome = await runBench(both, "all", (e) => benchEngine(both, e, { iterations: 2, warmup: 0 }));
    expect(outcome.results.map((r) => [r.engine, r.violationCount])).toEqual([
      ["rego", 4],
      ["cel", 2],
    ]);
  });
});
