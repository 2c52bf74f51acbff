import { sameHiddenClass } from "@portcullis/rego/test-hidden-class";
import { describe, expect, it } from "vitest";
import type { DriverReview } from "../../driver.js";
import { InvalidTemplateError } from "../../errors.js";
import { compileRegoTemplate, createRegoDriver, reviewDocument } from "./rego-driver.js";

const review: DriverReview = {
  review: { object: { metadata: { name: "web" } } },
  namespaceObject: null,
  inventory: undefined,
};
const constraint = { kind: "T", name: "c", parameters: { label: "team" } };

function templateOf(rego: string) {
  return compileRegoTemplate({ name: "t", kind: "T", engine: "Rego", source: { rego, version: "v1" } });
}

describe("the Rego driver's violations", () => {
  it("reads each constraint's violation set with its parameters", () => {
    const t = templateOf(
      'package t\nviolation contains {"msg": msg} if {\n  msg := sprintf("%v needs %v", [input.review.object.metadata.name, input.parameters.label])\n}',
    );
    expect(t.review(review, [constraint])).toEqual([{ constraint: "c", msg: "web needs team", details: {} }]);
  });

  it("finds nothing when no rule body holds", () => {
    const t = templateOf('package t\nviolation contains {"msg": "no"} if input.review.object.kind == "Pod"');
    expect(t.review(review, [constraint])).toEqual([]);
  });

  it("reads a violation document defined only below it, which is not a set", () => {
    const t = templateOf('package t\nviolation.x contains {"msg": "m"} if true');
    expect(t.review(review, [constraint])).toEqual([
      { constraint: "c", msg: 'violation must be a set of objects, got {"x":[{"msg":"m"}]}', details: {} },
    ]);
  });
});

describe("input.review", () => {
  const reviewOf = (name: string, namespaceObject: DriverReview["namespaceObject"]): DriverReview => ({
    review: { uid: name, operation: "CREATE", object: { metadata: { name } } },
    namespaceObject,
    inventory: undefined,
  });

  it("is the review with its namespaceObject", () => {
    const ns = { metadata: { name: "default" } };
    expect(reviewDocument(reviewOf("a", ns))).toStrictEqual({
      uid: "a",
      operation: "CREATE",
      object: { metadata: { name: "a" } },
      namespaceObject: ns,
    });
  });

  it("has the namespaceObject given, not one the review carries", () => {
    const r = reviewOf("a", null);
    const own = { ...r, review: { ...r.review, namespaceObject: { metadata: { name: "other" } } } };
    expect(reviewDocument(own)).toStrictEqual({ ...r.review, namespaceObject: null });
  });

  it("keeps a __proto__ key of the review as its own key", () => {
    const r = reviewOf("a", null);
    const review = JSON.parse('{"uid":"a","__proto__":{"polluted":true}}');
    const doc = reviewDocument({ ...r, review });
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.keys(doc ?? {})).toContain("__proto__");
  });

  it("has one hidden class for reviews of one shape, so rules' inline caches keep hitting", () => {
    // V8 settles an object literal's shape after it has run a few times.
    const docs = Array.from({ length: 20 }, (_, i) => reviewDocument(reviewOf(`r${i}`, null)));
    expect(sameHiddenClass(docs[18], docs[19])).toBe(true);
  });
});

describe("disabled builtins", () => {
  const source = {
    rego: 'package t\nviolation contains {"msg": r.body} if {\n  r := http.send({"method": "get", "url": "http://x"})\n}',
    version: "v1",
  };
  const template = { name: "t", kind: "T", engine: "Rego", source };

  it("refuse a template that calls one, as OPA's capabilities without it do", () => {
    const driver = createRegoDriver({ disabledBuiltins: ["http.send"] });
    let caught: unknown;
    try {
      driver.compile(template);
    } catch (e: unknown) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidTemplateError);
    const error = caught instanceof InvalidTemplateError ? caught : undefined;
    expect(error?.code).toBe("rego_type_error");
    expect(error?.message).toContain("undefined function http.send");
  });

  it("leave other templates as they compile without the option", () => {
    const driver = createRegoDriver({ disabledBuiltins: ["http.send"] });
    expect(createRegoDriver().compile(template).kind).toBe("T");
    const t = driver.compile({
      ...template,
      source: { rego: 'package t\nviolation contains {"msg": "m"} if true', version: "v1" },
    });
    expect(t.review(review, [constraint])).toEqual([{ constraint: "c", msg: "m", details: {} }]);
  });
});
