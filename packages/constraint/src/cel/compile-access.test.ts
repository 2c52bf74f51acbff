import { type CelResult, celList, celMap, isCelError } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import {
  compileHas,
  compileVariable,
  hasField,
  indexValue,
  readAllVariables,
  selectField,
} from "./compile-access.js";
import { celError } from "./compile-errors.js";
import { type Eval, Frame, readBinding } from "./compile-frame.js";
import { fromJson } from "./json-values.js";
import { makeList } from "./list-values.js";

const show = (r: CelResult): unknown => (isCelError(r) ? r.message : r);
const obj = fromJson({ a: { b: "x" }, n: null, list: [10, 20] });

describe("field access", () => {
  it("selects map keys; anything else has no fields", () => {
    expect(show(selectField(selectField(obj, "a"), "b"))).toBe("x");
    expect(show(selectField(obj, "n"))).toBe(null);
    expect(show(selectField(obj, "zz"))).toBe("field not found: zz");
    expect(show(selectField(1n, "a"))).toBe("field not found: a");
    expect(show(selectField(celError("e"), "a"))).toBe("e");
    expect(show(selectField(celMap(new Map([["k", 1n]])), "k"))).toBe(1n);
  });

  it("tests presence: null values and non-maps are absent", () => {
    expect(hasField(obj, "a")).toBe(true);
    expect(hasField(obj, "n")).toBe(false);
    expect(hasField("s", "a")).toBe(false);
    expect(show(hasField(celError("e"), "a"))).toBe("e");
  });

  it("indexes lists and maps by key type", () => {
    const list = selectField(obj, "list");
    if (isCelError(list)) throw list;
    expect(indexValue(list, 1n)).toBe(20n);
    expect(indexValue(list, 1)).toBe(20n);
    expect(show(indexValue(list, 2n))).toBe("index 2 out of bounds [0, -1)");
    expect(show(indexValue(list, -1n))).toBe("index -1 out of bounds [0, -1)");
    expect(show(indexValue(list, 0.5))).toBe("unsupported index value: 0.5");
    expect(indexValue(celList(["a", "b"]), 1n)).toBe("b");
    expect(indexValue(makeList(["a", "b"]), true)).toBe("b");
    expect(indexValue(obj, "n")).toBe(null);
    expect(indexValue(celMap(new Map([[1n, "one"]])), 1)).toBe("one");
    expect(show(indexValue(obj, null))).toBe("unsupported key type");
  });

  it("makes has() false on an unbound root", () => {
    const op: Eval = (f) => selectField(readBinding(f.activation, "object"), "a");
    const has = compileHas(op, "b", "object");
    expect(has(new Frame({}, undefined, 0))).toBe(false);
    expect(has(new Frame({ object: obj }, undefined, 0))).toBe(true);
  });

  it("reads variables from plain activations when there is no template", () => {
    const v = compileVariable("x");
    expect(v(new Frame({ "variables.x": 1n }, undefined, 0))).toBe(1n);
    expect(v(new Frame({ variables: celMap(new Map([["x", 2n]])) }, undefined, 0))).toBe(2n);
    expect(show(v(new Frame({}, undefined, 0)))).toBe("unresolved attribute");
    expect(show(readAllVariables(new Frame({}, undefined, 0)))).toBe("unresolved attribute");
  });
});
