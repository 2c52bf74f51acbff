import { isCelError } from "@bufbuild/cel";
import { sameHiddenClass } from "@portcullis/rego/test-hidden-class";
import { describe, expect, it } from "vitest";
import { type ReviewRoots, ROOTS } from "./bindings.js";
import { fromJson } from "./json-values.js";
import { TemplateVariables } from "./lazy-variables.js";
import { type Activation, compileExpression, type Program } from "./program.js";

/** Compiles `sources` as a template's variables, in order, each counting its runs. */
function variables(sources: Record<string, string>): { vars: TemplateVariables; runs: Map<string, number> } {
  const declared = new Set<string>();
  const runs = new Map<string, number>();
  const programs: Program[] = [];
  for (const [name, source] of Object.entries(sources)) {
    const p = compileExpression(source, { roots: ROOTS, variables: declared }, { engine: "closures" });
    runs.set(name, 0);
    programs.push({
      ...p,
      run: (a: Activation) => {
        runs.set(name, (runs.get(name) ?? 0) + 1);
        return p.run(a);
      },
    });
    declared.add(name);
  }
  return { vars: new TemplateVariables(Object.keys(sources), programs), runs };
}

function roots(object: unknown): ReviewRoots {
  return { object: fromJson(object), oldObject: null, request: null, namespaceObject: null };
}

describe("template variables of the parameters alone", () => {
  const { vars, runs } = variables({
    limit: "params.max * 2",
    limits: "[variables.limit, params.max]",
    size: "size(object.items)",
    over: "variables.size > variables.limit",
    all: "size(variables) > 0 && params.max > 0",
  });

  it("are told apart from those that read the object or all variables", () => {
    expect(vars.ofParams).toEqual([true, true, false, false, false]);
  });

  it("run once per parameters value, and again for another one", () => {
    const paramsA = fromJson({ max: 2 });
    const paramsB = fromJson({ max: 5 });
    const values: unknown[] = [];
    for (const [object, params] of [
      [{ items: [1, 2, 3, 4, 5] }, paramsA],
      [{ items: [1] }, paramsA],
      [{ items: [1] }, paramsB],
    ] as const) {
      const a = vars.activation(roots(object), params, Number.POSITIVE_INFINITY);
      const over = compileExpression("variables.limits[1] > 0 && variables.over", {
        roots: ROOTS,
        variables: new Set(vars.names),
      }).run(a);
      values.push(over);
    }
    expect(values).toEqual([true, false, false]);
    expect(runs.get("limit")).toBe(2);
    expect(runs.get("limits")).toBe(2);
    expect(runs.get("size")).toBe(3);
  });

  it("are not shared when they fail, since the failure may be the review's deadline", () => {
    const { vars: failing, runs: failingRuns } = variables({ bad: "params.max / 0" });
    const params = fromJson({ max: 1 });
    for (let i = 0; i < 2; i++) {
      const a = failing.activation(roots({}), params, Number.POSITIVE_INFINITY);
      const v = compileExpression("variables.bad", { roots: ROOTS, variables: new Set(["bad"]) }).run(a);
      expect(isCelError(v)).toBe(true);
    }
    expect(failingRuns.get("bad")).toBe(2);
  });
});

describe("template variables of the review alone", () => {
  const sources = {
    params: "params.max",
    size: "size(object.items)",
    doubled: "variables.size * 2",
    over: "variables.size > variables.params",
    constant: "3",
    sizePlus: "variables.size + variables.constant",
    all: "size(variables) > 0 && size(object.items) > 0",
  };
  const read = (a: Activation, name: string): unknown =>
    compileExpression(`variables.${name}`, { roots: ROOTS, variables: new Set(Object.keys(sources)) }).run(a);

  it("are told apart from those that read the parameters, their variables or all variables", () => {
    const { vars } = variables(sources);
    expect(vars.reviewKeys.map((k) => k !== undefined)).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      false,
    ]);
  });

  it("run once for the constraints of one review, and again for another review", () => {
    const { vars, runs } = variables(sources);
    const paramsA = fromJson({ max: 2 });
    const paramsB = fromJson({ max: 5 });
    const review = roots({ items: [1, 2, 3] });
    const ofReview = vars.reviewValues();
    const overs: unknown[] = [];
    for (const params of [paramsA, paramsB]) {
      const a = vars.activation(review, params, Number.POSITIVE_INFINITY, ofReview);
      expect(read(a, "doubled")).toBe(6n);
      expect(read(a, "sizePlus")).toBe(6n);
      overs.push(read(a, "over"));
    }
    expect(overs).toEqual([true, false]);
    expect(runs.get("size")).toBe(1);
    expect(runs.get("doubled")).toBe(1);
    expect(runs.get("sizePlus")).toBe(1);
    expect(runs.get("over")).toBe(2);
    const other = vars.activation(roots({ items: [1] }), paramsA, Number.POSITIVE_INFINITY);
    expect(read(other, "doubled")).toBe(2n);
    expect(runs.get("size")).toBe(2);
  });

  it("are not shared when they fail", () => {
    const { vars, runs } = variables({ bad: "object.count / 0" });
    const review = roots({ count: 1 });
    const ofReview = vars.reviewValues();
    for (const max of [1, 2]) {
      const a = vars.activation(review, fromJson({ max }), Number.POSITIVE_INFINITY, ofReview);
      const v = compileExpression("variables.bad", { roots: ROOTS, variables: new Set(["bad"]) }).run(a);
      expect(isCelError(v)).toBe(true);
    }
    expect(runs.get("bad")).toBe(2);
  });
});

describe("template variables of the review alone, across templates", () => {
  const read = (vars: TemplateVariables, a: Activation, name: string): unknown =>
    compileExpression(`variables.${name}`, { roots: ROOTS, variables: new Set(vars.names) }).run(a);
  const params = fromJson({});

  it("run once per review for all the templates that declare them alike", () => {
    const first = variables({ items: "object.items", count: "size(variables.items)" });
    const second = variables({ items: "object.items", many: "size(variables.items) > 2" });
    const review = roots({ items: [1, 2, 3] });
    const ofReview = first.vars.reviewValues();
    const a = first.vars.activation(review, params, Number.POSITIVE_INFINITY, ofReview);
    const b = second.vars.activation(review, params, Number.POSITIVE_INFINITY, ofReview);
    expect(read(first.vars, a, "count")).toBe(3n);
    expect(read(second.vars, b, "many")).toBe(true);
    expect(first.runs.get("items")).toBe(1);
    expect(second.runs.get("items")).toBe(0);
    expect(second.runs.get("many")).toBe(1);
  });

  it("are kept apart when a variable they read is declared otherwise, or under another name", () => {
    const first = variables({ limit: "3", over: "size(object.items) > variables.limit" });
    const second = variables({ limit: "1", over: "size(object.items) > variables.limit" });
    const third = variables({ items: "object.items", n: "size(variables.items)" });
    const fourth = variables({ list: "object.items", n: "size(variables.list)" });
    expect(first.vars.reviewKeys[1]).not.toBe(second.vars.reviewKeys[1]);
    expect(third.vars.reviewKeys[1]).not.toBe(fourth.vars.reviewKeys[1]);
    const review = roots({ items: [1, 2] });
    const ofReview = first.vars.reviewValues();
    const overs = [first, second].map(({ vars }) =>
      read(vars, vars.activation(review, params, Number.POSITIVE_INFINITY, ofReview), "over"),
    );
    expect(overs).toEqual([false, true]);
    expect(first.runs.get("over")).toBe(1);
    expect(second.runs.get("over")).toBe(1);
  });
});

describe("activations", () => {
  const first = variables({ a: "1", b: "variables.a + 1" }).vars;
  const second = variables({ c: "2" }).vars;

  it("read their own template's variables by qualified name, and others' as unbound", () => {
    const a = first.activation(roots({}), null, Number.POSITIVE_INFINITY);
    expect(a["variables.b"]).toBe(2n);
    expect(a["variables.c"]).toBeUndefined();
    const c = second.activation(roots({}), null, Number.POSITIVE_INFINITY);
    expect(c["variables.c"]).toBe(2n);
    expect(c["variables.a"]).toBeUndefined();
  });

  it("of every template have one hidden class, so the code filling and reading them stays monomorphic", () => {
    const made = Array.from({ length: 20 }, (_, i) =>
      (i % 2 === 0 ? first : second).activation(roots({}), null, Number.POSITIVE_INFINITY),
    );
    expect(sameHiddenClass(made[18], made[19])).toBe(true);
  });
});
