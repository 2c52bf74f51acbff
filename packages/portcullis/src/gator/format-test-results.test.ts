import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { evaluateDocuments, type GatorTestResult } from "./evaluate-documents.js";
import { formatResultLine, formatTestResults } from "./format-test-results.js";
import { parseDocuments } from "./read-documents.js";
import { constraintYaml, templateYaml } from "./test-fixtures.js";

function results(objects: string): readonly GatorTestResult[] {
  const text = [templateYaml({}), constraintYaml("need-owner"), objects].join("---\n");
  return evaluateDocuments(parseDocuments(text, "in.yaml"), { engine: "auto" }).results;
}

const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: prod\n";
const NS = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n";

describe("formatTestResults", () => {
  it("prints each object, then its violations as `[constraint] message`", () => {
    const rs = results(`${POD}---\n${NS}`);
    expect(rs.map(formatResultLine)).toEqual([
      "[need-owner] Namespace team-a has no owner",
      "[need-owner] Pod web has no owner",
    ]);
    expect(formatTestResults(rs, "default")).toBe(
      "v1/Namespace team-a:\n[need-owner] Namespace team-a has no owner\nv1/Pod prod/web:\n[need-owner] Pod web has no owner\n",
    );
  });

  it("writes gator's JSON fields, 4-space indented", () => {
    const text = formatTestResults(results(POD), "json");
    expect(text).toContain(
      '\n    {\n        "target": "admission.k8s.gatekeeper.sh",\n        "msg": "Pod web has no owner",',
    );
    const parsed: unknown = JSON.parse(text);
    expect(parsed).toMatchObject([
      {
        target: "admission.k8s.gatekeeper.sh",
        msg: "Pod web has no owner",
        metadata: { details: { missing: "owner" } },
        constraint: { kind: "K8sRequiredOwner", metadata: { name: "need-owner" } },
        enforcementAction: "deny",
        violatingObject: { kind: "Pod", metadata: { name: "web" } },
        trace: null,
      },
    ]);
    expect(formatTestResults([], "json")).toBe("null\n");
  });

  it("writes gator's YAML layout (result.msg, violatingObject, trace)", () => {
    const parsed: unknown = parse(formatTestResults(results(POD), "yaml"));
    expect(parsed).toMatchObject([
      {
        result: {
          target: "admission.k8s.gatekeeper.sh",
          msg: "Pod web has no owner",
          constraint: { object: { metadata: { name: "need-owner" } } },
          enforcementaction: "deny",
          scopedenforcementactions: [],
        },
        violatingObject: { metadata: { name: "web", namespace: "prod" } },
        trace: null,
      },
    ]);
    expect(formatTestResults([], "yaml")).toBe("[]\n");
  });
});

describe("formatTestResults with --stats", () => {
  const text = [templateYaml({}), constraintYaml("need-owner"), POD, NS].join("---\n");
  const outcome = evaluateDocuments(parseDocuments(text, "in.yaml"), { engine: "auto", stats: true });

  it("gathers one entry per template evaluated per review", () => {
    expect(outcome.stats.map((e) => e.statsFor)).toEqual(["K8sRequiredOwner", "K8sRequiredOwner"]);
    expect(evaluateDocuments(parseDocuments(text, "in.yaml"), { engine: "auto" }).stats).toEqual([]);
  });

  it("wraps JSON as gator's map of results and stats, the entries' fields in Go's order", () => {
    const out = formatTestResults(outcome.results, "json", outcome.stats);
    expect(out.startsWith('{\n    "results": [\n')).toBe(true);
    expect(out).toContain(
      '"stats": [\n        {\n            "scope": "template",\n            "statsFor": "K8sRequiredOwner",\n            "stats": [\n                {\n                    "name": "templateRunTimeNS",',
    );
    const parsed: unknown = JSON.parse(out);
    expect(parsed).toMatchObject({
      stats: [
        {
          stats: [
            { name: "templateRunTimeNS", source: { type: "engine", value: "Rego" } },
            { name: "constraintCount", value: 1 },
          ],
          labels: [
            { name: "TracingEnabled", value: false },
            { name: "PrintEnabled", value: false },
            { name: "target" },
          ],
        },
        {},
      ],
    });
  });

  it("writes YAML with go-yaml's lowercased field names, and leaves the default output alone", () => {
    const parsed: unknown = parse(formatTestResults(outcome.results, "yaml", outcome.stats));
    expect(parsed).toMatchObject({
      results: [{}, {}],
      stats: [{ scope: "template", statsfor: "K8sRequiredOwner" }, {}],
    });
    expect(formatTestResults(outcome.results, "default", outcome.stats)).toBe(
      formatTestResults(outcome.results, "default"),
    );
  });
});
