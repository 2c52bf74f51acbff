import { compileGoRegexp } from "@portcullis/constraint";
import { Policy, parseModule } from "@portcullis/rego";
import { describe, expect, it } from "vitest";
import { discoverTests } from "./discover-tests.js";
import { documentRef, runTests } from "./run-tests.js";

const V0_TESTS = `package lib.t

test_same { true }
test_other { 1 == 1 }
test_same { false }
test_same { true }
todo_test_later { false }
helper { true }
`;

function mods() {
  return [
    parseModule(V0_TESTS, { file: "b_test.rego", regoVersion: 0 }),
    parseModule("package a\n\ntest_same if true\n", { file: "a_test.rego" }),
  ];
}

describe("discoverTests", () => {
  it("finds test_ and todo_test_ rules in file order and numbers duplicates per package", () => {
    const { cases } = discoverTests(mods());
    expect(cases.map((c) => [c.file, `${c.pkg}.${c.name}`, c.skip, c.location.row])).toEqual([
      ["a_test.rego", "data.a.test_same", false, 3],
      ["b_test.rego", "data.lib.t.test_same", false, 3],
      ["b_test.rego", "data.lib.t.test_other", false, 4],
      ["b_test.rego", "data.lib.t.test_same#01", false, 5],
      ["b_test.rego", "data.lib.t.test_same#02", false, 6],
      ["b_test.rego", "data.lib.t.todo_test_later", true, 7],
    ]);
  });

  it("filters by data.pkg.name", () => {
    const { cases } = discoverTests(mods(), compileGoRegexp(String.raw`lib\.t\.test_same`));
    expect(cases.map((c) => c.name)).toEqual(["test_same", "test_same#01", "test_same#02"]);
  });

  it("runs each definition alone: pass, fail, skip", () => {
    const { modules, cases } = discoverTests(mods());
    const results = runTests(new Policy({ parsed: modules }), cases, { data: {} });
    expect(results.map((r) => `${r.test.name}:${r.outcome}`)).toEqual([
      "test_same:pass",
      "test_same:pass",
      "test_other:pass",
      "test_same#01:fail",
      "test_same#02:pass",
      "todo_test_later:skip",
    ]);
  });
});

describe("runTests", () => {
  it("fails non-true values and undefined, errors on evaluation errors, captures print", () => {
    const m = parseModule(
      [
        "package r",
        "test_value := 5",
        "test_undefined if input.nope == 1",
        "conflict := 1 if true",
        "conflict := 2 if true",
        "test_error if conflict == 1",
        'test_prints if { print("hello") }',
      ].join("\n"),
      { file: "r.rego" },
    );
    const { modules, cases } = discoverTests([m]);
    const results = runTests(new Policy({ parsed: modules }), cases, { data: {} });
    expect(results.map((r) => r.outcome)).toEqual(["fail", "fail", "error", "pass"]);
    expect(results[2]?.error?.message).toBeTruthy();
    expect(results[3]?.output).toBe("hello\n");
  });

  it("quotes path segments that are not identifiers", () => {
    expect(documentRef(["a", "test_x#01", "in"])).toBe('data.a["test_x#01"]["in"]');
  });
});
