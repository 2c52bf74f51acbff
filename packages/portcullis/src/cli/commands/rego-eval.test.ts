import { describe, expect, it } from "vitest";
import { cli, tempTree } from "../test-support.js";

const POLICY = `package app

allow if input.user == "alice"

names contains n if some n in ["a", "b"]

inc(x) := x + 1
`;

const cwd = tempTree({
  "policy/app.rego": POLICY,
  "policy/config/settings.json": '{"level": 3}',
  "policy/config/extra.yaml": "mode: strict\n",
  "v0/old.rego": 'package old\n\ndeny[msg] { msg := "no" }\n',
  "input.json": '{"user": "alice"}',
  "input.yaml": "user: bob\n",
  "bad-input.json": '{"user": ',
  "deep-input.json": `{"x": ${"[".repeat(9000)}${"]".repeat(9000)}}`,
  "bad.rego": "package bad\n\nallow if {\n  input.x ==\n",
});

function parse(text: string): unknown {
  return JSON.parse(text);
}

describe("portcullis rego eval --explain", () => {
  const traced = tempTree({
    "p.rego": 'package t\n\np if {\n  input.x == 10\n  trace("ten")\n}\n',
    "in.json": '{"x": 10}',
  });

  it("prints the notes of trace() with the rules that led to them, then the result", async () => {
    const run = await cli(
      traced,
      "rego",
      "eval",
      "-d",
      "p.rego",
      "-i",
      "in.json",
      "--explain",
      "notes",
      "-f",
      "pretty",
      "data.t.p",
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "query:1     Enter data.t.p",
        "p.rego:3    | Enter data.t.p",
        'p.rego:5    | | Note "ten"',
        "true",
        "",
      ].join("\n"),
    );
  });

  it("adds the full trace to the JSON output as explanation lines", async () => {
    const run = await cli(
      traced,
      "rego",
      "eval",
      "-d",
      "p.rego",
      "-i",
      "in.json",
      "--explain",
      "full",
      "data.t.p",
    );
    const out = parse(run.stdout) as { result: unknown[]; explanation: string[] };
    expect(out.result).toHaveLength(1);
    expect(out.explanation).toContain("p.rego:4    | | Eval input.x == 10");
    expect(out.explanation).toContain("p.rego:3    | | Exit data.t.p");
  });

  it("shows failures with --explain fails", async () => {
    const run = await cli(
      traced,
      "rego",
      "eval",
      "-d",
      "p.rego",
      "--explain",
      "fails",
      "-f",
      "pretty",
      "data.t.p",
    );
    expect(run.stdout).toBe(
      [
        "query:1     Enter data.t.p",
        "p.rego:3    | Enter data.t.p",
        "p.rego:4    | | Fail input.x == 10",
        "query:1     | Fail pcq__0 = data.t.p",
        "undefined",
        "",
      ].join("\n"),
    );
  });
});

describe("portcullis rego eval", () => {
  it("prints opa eval's JSON shape", async () => {
    const run = await cli(cwd, "rego", "eval", "-d", "policy", "-i", "input.json", "data.app.allow");
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toEqual({
      result: [{ expressions: [{ value: true, text: "data.app.allow", location: { row: 1, col: 1 } }] }],
    });
  });

  it("places data files under their directory and reads YAML input", async () => {
    const run = await cli(
      cwd,
      "rego",
      "eval",
      "--data",
      "policy",
      "-i",
      "input.yaml",
      "data.config; input.user",
    );
    expect(parse(run.stdout)).toEqual({
      result: [
        {
          expressions: [
            { value: { level: 3, mode: "strict" }, text: "data.config", location: { row: 1, col: 1 } },
            { value: "bob", text: "input.user", location: { row: 1, col: 14 } },
          ],
        },
      ],
    });
  });

  it("gives bindings for each solution and values of calls", async () => {
    const run = await cli(cwd, "rego", "eval", "-d", "policy", "x := data.app.names[_]; data.app.inc(1)");
    const out = parse(run.stdout) as { result: { bindings: unknown; expressions: { value: unknown }[] }[] };
    expect(out.result.map((r) => r.bindings)).toEqual([{ x: "a" }, { x: "b" }]);
    expect(out.result.map((r) => r.expressions.map((e) => e.value))).toEqual([
      [true, 2],
      [true, 2],
    ]);
  });

  it("prints pretty output", async () => {
    expect((await cli(cwd, "rego", "eval", "-d", "policy", "-f", "pretty", "data.app.inc(41)")).stdout).toBe(
      "42\n",
    );
    expect((await cli(cwd, "rego", "eval", "-d", "policy", "-f", "pretty", "data.app.allow")).stdout).toBe(
      "undefined\n",
    );
  });

  it("loads v0 files by fallback, or only with --v0 when --v1 is not given", async () => {
    const auto = await cli(cwd, "rego", "eval", "-d", "v0", "-f", "pretty", "data.old.deny");
    expect(auto.stdout).toBe('[\n  "no"\n]\n');
    const v0 = await cli(cwd, "rego", "eval", "--v0", "-d", "v0", "-f", "pretty", "data.old.deny");
    expect(v0.stdout).toBe('[\n  "no"\n]\n');
    const v1 = await cli(cwd, "rego", "eval", "--v1", "-d", "v0", "data.old.deny");
    expect(v1.code).not.toBe(0);
    expect(v1.stderr).toMatch(
      /^\d+ errors? occurred during loading:[ \n]v0\/old.rego:3:\d+: rego_parse_error/,
    );
  });

  it("exits like opa for --fail and --fail-defined", async () => {
    expect((await cli(cwd, "rego", "eval", "-d", "policy", "--fail", "data.app.allow")).code).toBe(1);
    expect((await cli(cwd, "rego", "eval", "-d", "policy", "--fail", "data.app.names")).code).toBe(0);
    expect((await cli(cwd, "rego", "eval", "-d", "policy", "--fail-defined", "data.app.names")).code).toBe(1);
    expect((await cli(cwd, "rego", "eval", "-d", "policy", "--fail-defined", "data.app.allow")).code).toBe(0);
    const both = await cli(cwd, "rego", "eval", "--fail", "--fail-defined", "1");
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("not both");
  });

  it("reports unparseable Rego with file:row:col, without a stack trace", async () => {
    const run = await cli(cwd, "rego", "eval", "-d", "bad.rego", "data");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^\d+ errors? occurred during loading:[ \n]bad.rego:\d+:\d+: rego_parse_error: /,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports a missing file and bad JSON input", async () => {
    const missing = await cli(cwd, "rego", "eval", "-d", "missing.rego", "data");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("1 error occurred during loading: missing.rego: no such file or directory\n");
    const badInput = await cli(cwd, "rego", "eval", "-i", "bad-input.json", "input");
    expect(badInput.code).toBe(2);
    expect(badInput.stderr).toMatch(/^bad-input.json: 1:\d+: invalid JSON/);
    // Valid JSON (Go reads 10,000 levels) too deep for the stack of vitest's forked processes
    // (about 1 MB, which runs out near 3,000 levels): an error naming the file.
    const deep = await cli(cwd, "rego", "eval", "-i", "deep-input.json", "count(input)");
    expect(deep.code).toBe(2);
    expect(deep.stderr).toBe(
      "deep-input.json: a value is nested too deeply to process (the stack ran out)\n",
    );
    const noInput = await cli(cwd, "rego", "eval", "-i", "nope.json", "input");
    expect(noInput.stderr).toBe("nope.json: no such file or directory\n");
  });

  it("prints compile and evaluation errors in the output format", async () => {
    const json = await cli(cwd, "rego", "eval", "-d", "policy", "y := 1; z");
    expect(json.code).toBe(2);
    expect(parse(json.stdout)).toEqual({
      errors: [
        { message: "var z is unsafe", code: "rego_unsafe_var_error", location: { file: "", row: 1, col: 9 } },
      ],
    });
    const pretty = await cli(
      cwd,
      "rego",
      "eval",
      "-d",
      "policy",
      "-f",
      "pretty",
      "--strict-builtin-errors",
      'data.app.inc("a")',
    );
    expect(pretty.code).toBe(2);
    expect(pretty.stdout).toMatch(/^1 error occurred: policy\/app.rego:7:\d+: eval_type_error: /);
  });
});
