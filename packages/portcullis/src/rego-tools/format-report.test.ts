import { describe, expect, it } from "vitest";
import type { TestCase } from "./discover-tests.js";
import { ToolError } from "./errors.js";
import type { EvalOutcome } from "./evaluate-query.js";
import { formatEval } from "./format-eval.js";
import { formatJsonReport, formatPrettyReport, resultLine } from "./format-test-report.js";
import type { TestOutcome, TestResult } from "./run-tests.js";

function result(file: string, name: string, outcome: TestOutcome, error?: ToolError): TestResult {
  const test: TestCase = {
    file,
    pkg: "data.p",
    name,
    path: ["p", name],
    location: { file, row: 3, col: 1, offset: 0 },
    skip: outcome === "skip",
  };
  return { test, outcome, durationNs: 1_500_000, error, output: "" };
}

describe("test reports", () => {
  const results = [
    result("a.rego", "test_a", "pass"),
    result("a.rego", "test_b", "fail"),
    result("b.rego", "test_c", "error", new ToolError("internal_error", "boom")),
    result("b.rego", "todo_test_d", "skip"),
  ];

  it("prints one line per result as opa test does", () => {
    expect(resultLine(results[0] as TestResult)).toBe("data.p.test_a: PASS (1.5ms)");
    expect(resultLine(results[3] as TestResult)).toBe("data.p.todo_test_d: SKIPPED");
  });

  it("lists only what did not pass, by file, then the summary", () => {
    expect(formatPrettyReport(results, false)).toBe(
      [
        "a.rego:",
        "data.p.test_b: FAIL (1.5ms)",
        "",
        "b.rego:",
        "data.p.test_c: ERROR (1.5ms)",
        "  boom",
        "data.p.todo_test_d: SKIPPED",
        "-".repeat(80),
        "PASS: 1/4",
        "FAIL: 1/4",
        "SKIPPED: 1/4",
        "ERROR: 1/4",
        "",
      ].join("\n"),
    );
  });

  it("has only the summary when everything passes quietly, every line when verbose", () => {
    expect(formatPrettyReport([results[0] as TestResult], false)).toBe("PASS: 1/1\n");
    expect(formatPrettyReport([results[0] as TestResult], true)).toBe(
      `a.rego:\ndata.p.test_a: PASS (1.5ms)\n${"-".repeat(80)}\nPASS: 1/1\n`,
    );
  });

  it("writes the JSON report with OPA's fields", () => {
    const parsed: unknown = JSON.parse(formatJsonReport(results.slice(1, 2)));
    expect(parsed).toEqual([
      {
        location: { file: "a.rego", row: 3, col: 1 },
        package: "data.p",
        name: "test_b",
        fail: true,
        duration: 1_500_000,
      },
    ]);
  });
});

describe("eval formats", () => {
  const one: EvalOutcome = {
    kind: "result",
    results: [
      {
        expressions: [{ value: { b: "<x>", a: 1 }, text: "data.x", location: { row: 1, col: 1 } }],
        bindings: undefined,
      },
    ],
  };
  const rows: EvalOutcome = {
    kind: "result",
    results: ["a", "bb"].map((x) => ({
      expressions: [{ value: true, text: "x := data.l[_]", location: { row: 1, col: 1 } }],
      bindings: { x },
    })),
  };

  it("json: OPA's shape, {} when undefined, errors object", () => {
    expect(formatEval(one, "json")).toBe(
      '{\n  "result": [\n    {\n      "expressions": [\n        {\n          "value": {\n            "a": 1,\n            "b": "\\u003cx\\u003e"\n          },\n          "text": "data.x",\n          "location": {\n            "row": 1,\n            "col": 1\n          }\n        }\n      ]\n    }\n  ]\n}\n',
    );
    expect(formatEval({ kind: "result", results: [] }, "json")).toBe("{}\n");
    const errors = formatEval({ kind: "errors", errors: [new ToolError("input_error", "bad")] }, "json");
    expect(JSON.parse(errors)).toEqual({ errors: [{ message: "bad", code: "input_error" }] });
  });

  it("pretty: a lone value, undefined, a table of bindings, error text", () => {
    expect(formatEval(one, "pretty")).toBe('{\n  "a": 1,\n  "b": "\\u003cx\\u003e"\n}\n');
    expect(formatEval({ kind: "result", results: [] }, "pretty")).toBe("undefined\n");
    expect(formatEval(rows, "pretty")).toBe('+------+\n|  x   |\n+------+\n| "a"  |\n| "bb" |\n+------+\n');
    expect(formatEval({ kind: "errors", errors: [new ToolError("input_error", "bad")] }, "pretty")).toBe(
      "1 error occurred: bad\n",
    );
  });

  it("values, bindings and raw", () => {
    expect(formatEval(rows, "raw")).toBe("true\ntrue\n");
    expect(formatEval(rows, "bindings")).toBe('{\n  "x": "a"\n}\n{\n  "x": "bb"\n}\n');
    expect(formatEval(one, "values")).toBe('[\n  {\n    "a": 1,\n    "b": "\\u003cx\\u003e"\n  }\n]\n');
  });
});
