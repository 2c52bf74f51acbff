import { describe, expect, it } from "vitest";
import { cli, tempTree } from "../test-support.js";

const V0_POLICY = `package demo

violation[{"msg": msg}] {
  input.review.object.kind == "Pod"
  msg := "pods are not allowed"
}
`;

const V0_TESTS = `package demo

test_pod_denied {
  count(violation) == 1 with input as {"review": {"object": {"kind": "Pod"}}}
}

test_other_allowed {
  count(violation) == 0 with input as {"review": {"object": {"kind": "Service"}}}
}

test_other_allowed {
  count(violation) == 0 with input as {"review": {"object": {"kind": "Deployment"}}}
}
`;

const cwd = tempTree({
  "good/src.rego": V0_POLICY,
  "good/src_test.rego": V0_TESTS,
  "good/constraint.tmpl": "not rego, ignored in directories",
  "mixed/a_test.rego":
    "package m\n\nlimits := data.limits\n\ntest_ok if limits.max == 3\n\ntest_bad if limits.max == 4\n\ntodo_test_later if false\n",
  "mixed/limits/data.json": '{"max": 3}',
  "broken/bad_test.rego": "package broken\n\ntest_x if {\n",
});

describe("portcullis rego test", () => {
  it("passes v0 tests, numbering same-named rules", async () => {
    const run = await cli(cwd, "rego", "test", "good", "-v");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("good/src_test.rego:");
    expect(lines.slice(1, 4).map((l) => l.replace(/ \(.*\)$/, ""))).toEqual([
      "data.demo.test_pod_denied: PASS",
      "data.demo.test_other_allowed: PASS",
      "data.demo.test_other_allowed#01: PASS",
    ]);
    expect(run.stdout.endsWith(`${"-".repeat(80)}\nPASS: 3/3\n`)).toBe(true);
  });

  it("prints only the summary when all pass without -v", async () => {
    expect((await cli(cwd, "rego", "test", "good")).stdout).toBe("PASS: 3/3\n");
  });

  it("reports failures and skips with exit code 2, loading data by directory", async () => {
    const run = await cli(cwd, "rego", "test", "mixed");
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      /^mixed\/a_test.rego:\ndata.m.test_bad: FAIL \(.+\)\ndata.m.todo_test_later: SKIPPED\n-{80}\n/,
    );
    expect(run.stdout).toContain("PASS: 1/3\nFAIL: 1/3\nSKIPPED: 1/3\n");
    expect((await cli(cwd, "rego", "test", "mixed", "--run", "test_ok")).code).toBe(0);
    expect((await cli(cwd, "rego", "test", "mixed", "--run", "test_ok|todo", "-z")).code).toBe(0);
  });

  it("traces the failed tests below FAILURES with -v (--explain fails), and each test's notes with --explain notes", async () => {
    const traced = tempTree({
      "t_test.rego":
        'package t\n\np if input.x == 1\n\ntest_p if {\n  trace("checking p")\n  p with input as {"x": 2}\n}\n\ntest_ok if p with input as {"x": 1}\n',
    });
    const run = await cli(traced, "rego", "test", "-v", ".");
    expect(run.code).toBe(2);
    const failures = run.stdout.split("SUMMARY")[0] ?? "";
    expect(failures).toContain("  t_test.rego:3    | | | Fail input.x == 1\n");
    expect(failures).toContain('  t_test.rego:7    | | Fail data.t.p with input as {"x": 2}\n');
    expect(failures).not.toContain("test_ok");
    const notes = await cli(traced, "rego", "test", "-v", "--explain", "notes", ".");
    const listed = notes.stdout.split("SUMMARY")[1] ?? "";
    expect(listed).toMatch(
      /data\.t\.test_p: FAIL \(.+\)\n {2}query:1 +Enter pcq__result = data\.t\.test_p\n/,
    );
    expect(listed).toContain('  t_test.rego:6    | | Note "checking p"\n');
    expect((await cli(traced, "rego", "test", ".")).stdout).not.toContain("Enter");
  });

  it("writes the JSON report", async () => {
    const run = await cli(cwd, "rego", "test", "good", "--format", "json");
    const report = JSON.parse(run.stdout) as { name: string; package: string; location: { file: string } }[];
    expect(report.map((r) => `${r.package}.${r.name}`)).toEqual([
      "data.demo.test_pod_denied",
      "data.demo.test_other_allowed",
      "data.demo.test_other_allowed#01",
    ]);
    expect(report[0]?.location.file).toBe("good/src_test.rego");
  });

  it("refuses v0 files under --v1 and reports parse errors with file:row:col", async () => {
    const v1 = await cli(cwd, "rego", "test", "--v1", "good");
    expect(v1.code).toBe(1);
    expect(v1.stderr).toMatch(/good\/src.rego:3:\d+: rego_parse_error/);
    const broken = await cli(cwd, "rego", "test", "broken");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^1 error occurred during loading: broken\/bad_test.rego:\d+:\d+: rego_parse_error/,
    );
  });

  it("reports missing paths and bad flags without crashing", async () => {
    const missing = await cli(cwd, "rego", "test", "nowhere");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("1 error occurred during loading: nowhere: no such file or directory\n");
    const regex = await cli(cwd, "rego", "test", "good", "--run", "(");
    expect(regex.code).toBe(1);
    // Go's syntax and message (re2js), as opa test's --run.
    expect(regex.stderr).toMatch(/^error: .*error parsing regexp: missing closing \): `\(`/);
  });
});
