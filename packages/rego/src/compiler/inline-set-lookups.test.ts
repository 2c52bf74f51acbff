import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultBuiltins } from "../builtins/index.js";
import { Policy } from "../rego.js";
import { parseModule } from "../syntax/parser.js";
import { fromJs, toJson } from "../value/json.js";
import { compileModules } from "./compiler.js";
import type { DocNode } from "./ir.js";
import { agreesWithRulesAsWritten } from "./test-written-rules.js";

// The gatekeeper-library's shape: violation looks up general_violation with a constant field.
const library = `package t
violation[{"msg": msg}] { general_violation[{"msg": msg, "field": "containers"}] }
violation[{"msg": msg}] { general_violation[{"msg": msg, "field": "initContainers"}] }
general_violation[{"msg": msg, "field": field}] {
  c := input.spec[field][_]
  not c.limits
  msg := sprintf("<%v> has no limits", [c.name])
}
general_violation[{"msg": msg, "field": field}] {
  c := input.spec[field][_]
  c.image == "bad"
  msg := sprintf("<%v> uses a bad image", [c.name])
}
general_violation[{"msg": "fixed", "field": "containers"}] { input.spec.fixed }
general_violation[{"msg": "never", "field": "ephemeralContainers"}] { true }
general_violation[{"other": 1}] { true }
`;

function node(text: string, ...path: string[]): DocNode | undefined {
  const policy = compileModules([parseModule(text, { file: "t.rego", regoVersion: 0 })], {
    builtins: defaultBuiltins(),
  });
  let n: DocNode | undefined = policy.root;
  for (const p of path) n = n?.children.get(p);
  return n;
}

function violations(text: string, input: unknown, query = "x := data.t.violation"): unknown {
  const q = new Policy({ modules: [{ file: "t.rego", text }], regoVersion: 0 }).prepare(query, {
    regoVersion: 0,
  });
  return toJson(q.eval({ input: fromJs(input) })[0]?.bindings.x ?? null);
}

describe("inlining partial-set lookups", () => {
  it("replaces each lookup by the definitions whose heads can match, keeping the rules as written", () => {
    const n = node(library, "t", "violation");
    // Two generic definitions for each field, and the constant one for "containers" only.
    expect(n?.rules.length).toBe(5);
    expect(n?.written?.length).toBe(2);
    expect(node(library, "t", "general_violation")?.written).toBeUndefined();
  });

  it("gives the members the lookups give", () => {
    const input = {
      spec: {
        containers: [{ name: "a" }, { name: "b", limits: {}, image: "bad" }, { name: "c", limits: {} }],
        initContainers: [{ name: "i", image: "bad" }],
        ephemeralContainers: [{ name: "e" }],
        fixed: true,
      },
    };
    expect(violations(library, input)).toEqual([
      { msg: "<a> has no limits" },
      { msg: "<b> uses a bad image" },
      { msg: "<i> has no limits" },
      { msg: "<i> uses a bad image" },
      { msg: "fixed" },
    ]);
  });

  it("agrees with the rules as written on any input", () => {
    const container = fc.record(
      {
        name: fc.constantFrom("a", "b", "c"),
        image: fc.constantFrom("bad", "good"),
        limits: fc.constant({}),
      },
      { requiredKeys: ["name"] },
    );
    const spec = fc.record(
      {
        containers: fc.array(container, { maxLength: 3 }),
        initContainers: fc.array(container, { maxLength: 2 }),
        // A field no lookup asks for: its containers must not show.
        ephemeralContainers: fc.array(container, { maxLength: 2 }),
        fixed: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    agreesWithRulesAsWritten(library, spec);
  });

  it("moves tests before the lookup into each rule, with their variables in slots of their own", () => {
    const guarded = `package t
is_update(review) { review.operation == "UPDATE" }
violation[{"msg": msg}] {
  not is_update(input.review)
  general_violation[{"msg": msg, "field": "containers"}]
}
general_violation[{"msg": msg, "field": field}] {
  c := input.review.object.spec[field][_]
  msg := sprintf("<%v>", [c.name])
}
`;
    expect(node(guarded, "t", "violation")?.written).toBeDefined();
    const review = (operation: string) => ({
      review: { operation, object: { spec: { containers: [{ name: "a" }] } } },
    });
    expect(violations(guarded, review("CREATE"))).toEqual([{ msg: "<a>" }]);
    expect(violations(guarded, review("UPDATE"))).toEqual([]);
    const bindsPatternVariable = `package t
violation[{"msg": msg}] { msg := "x"; general_violation[{"msg": msg, "field": "containers"}] }
general_violation[{"msg": msg, "field": field}] { field := "containers"; msg := "x" }
`;
    expect(node(bindsPatternVariable, "t", "violation")?.written).toBeUndefined();
    // No definition can match: the test before the lookup must still run (it may fail).
    const noMatch = `package t
violation[{"msg": msg}] { to_number(input.n) > 0; general_violation[{"msg": msg, "field": "containers"}] }
general_violation[{"msg": msg, "field": "other"}] { msg := "x" }
`;
    expect(node(noMatch, "t", "violation")?.written).toBeUndefined();
    // A test that prints would print once per definition.
    const printing = `package t
violation[{"msg": msg}] { print("x"); general_violation[{"msg": msg, "field": "containers"}] }
general_violation[{"msg": msg, "field": field}] { field := "containers"; msg := "x" }
`;
    expect(node(printing, "t", "violation")?.written).toBeUndefined();
    // A definition that prints would print only for the field looked up, not for every field.
    const printingDefinition = `package t
violation[{"msg": msg}] { general_violation[{"msg": msg, "field": "containers"}] }
general_violation[{"msg": msg, "field": field}] { c := input.spec[field][_]; print(c); msg := "x" }
`;
    expect(node(printingDefinition, "t", "violation")?.written).toBeUndefined();
    // A test that iterates: each of its solutions gives the same members, once.
    const iterating = `package t
violation[{"msg": msg}] { x := input.xs[_]; x > 1; general_violation[{"msg": msg, "field": "containers"}] }
general_violation[{"msg": msg, "field": field}] { field := "containers"; msg := input.m }
`;
    expect(node(iterating, "t", "violation")?.written).toBeDefined();
    expect(violations(iterating, { xs: [0, 2, 3], m: "x" })).toEqual([{ msg: "x" }]);
    expect(violations(iterating, { xs: [0], m: "x" })).toEqual([]);
    expect(violations(bindsPatternVariable, {})).toEqual([{ msg: "x" }]);
  });

  it("lets `with data` replace the looked-up set", () => {
    const query = `x := data.t.violation with data.t.general_violation as {{"msg": "mocked", "field": "containers"}}`;
    expect(violations(library, { spec: { containers: [{ name: "a" }] } }, query)).toEqual([
      { msg: "mocked" },
    ]);
  });

  it("keeps what rego.metadata.rule() gives inside an inlined definition", () => {
    const text = `package t
violation[{"msg": msg}] { general_violation[{"msg": msg, "field": "containers"}] }

# METADATA
# title: from the definition
general_violation[{"msg": msg, "field": "containers"}] { msg := rego.metadata.rule().title }
`;
    expect(node(text, "t", "violation")?.written).toBeDefined();
    expect(violations(text, {})).toEqual([{ msg: "from the definition" }]);
  });

  it("leaves other shapes alone", () => {
    const shapes = [
      // The pattern repeats a variable.
      `violation[{"msg": m, "field": m}] { general_violation[{"msg": m, "field": m}] }`,
      // Something after the lookup.
      `violation[{"msg": msg}] { general_violation[{"msg": msg, "field": "containers"}]; input.x }`,
      // Negated, or with a modifier.
      `violation[{"msg": "none"}] { not general_violation[{"msg": "a", "field": "containers"}] }`,
      `violation[{"msg": msg}] { general_violation[{"msg": msg, "field": "containers"}] with input as {} }`,
      // A variable nested in the pattern.
      `violation[{"msg": msg}] { general_violation[{"msg": msg, "field": {"a": x}}] }`,
    ];
    for (const rule of shapes) {
      const text = `package t\n${rule}\ngeneral_violation[{"msg": msg, "field": field}] { field := "containers"; msg := "x" }\n`;
      expect(node(text, "t", "violation")?.written, rule).toBeUndefined();
    }
    const varHead = `package t
violation[{"msg": msg}] { general_violation[{"msg": msg, "field": "containers"}] }
general_violation[v] { v := {"msg": "x", "field": "containers"} }
`;
    expect(node(varHead, "t", "violation")?.written).toBeUndefined();
    expect(violations(varHead, {})).toEqual([{ msg: "x" }]);
  });
});
