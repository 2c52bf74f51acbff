import { describe, expect, it } from "vitest";
import { type DriverConstraint, type DriverReview, type JsonObject, TemplateError } from "../driver.js";
import { ReviewMemo } from "../review-memo.js";
import { celDriver, makeCelDriver } from "./index.js";

function compile(source: JsonObject) {
  return celDriver.compile({
    name: "k8stest",
    kind: "K8sTest",
    engine: "K8sNativeValidation",
    source,
    file: "t.yaml",
  });
}

function review(
  object: JsonObject | null,
  operation = "CREATE",
  oldObject: JsonObject | null = null,
): DriverReview {
  return {
    review: {
      kind: { group: "", version: "v1", kind: "Pod" },
      name: "p",
      namespace: "ns",
      operation,
      object,
      oldObject,
    },
    namespaceObject: { metadata: { name: "ns", labels: { team: "a" } } },
    inventory: {},
  };
}

const constraint: DriverConstraint = { kind: "K8sTest", name: "c1", parameters: { max: 2, names: ["a"] } };
const pod = {
  metadata: { name: "p", labels: { app: "x" } },
  spec: { containers: [{ name: "a" }, { name: "b" }] },
};

function msgs(source: JsonObject, r: DriverReview = review(pod), c: DriverConstraint = constraint): string[] {
  return compile(source)
    .review(r, [c])
    .map((x) => x.msg);
}

describe("CEL driver", () => {
  it("gives each template of one review its own variables, sharing those declared alike", () => {
    const r: DriverReview = { ...review(pod), memo: new ReviewMemo() };
    const names = (expression: string): JsonObject => ({
      variables: [{ name: "names", expression }],
      validations: [
        { expression: "size(variables.names) == 0", messageExpression: "variables.names.join(',')" },
      ],
    });
    const plain = names("object.spec.containers.map(c, c.name)");
    const marked = names("object.spec.containers.map(c, c.name + '*')");
    const out = [plain, marked, plain].map((source) => msgs(source, r));
    expect(out).toEqual([["a,b"], ["a*,b*"], ["a,b"]]);
  });

  it("reports a violation per false validation with Kubernetes' message rules", () => {
    const out = msgs({
      validations: [
        { expression: "false", messageExpression: "'from expression'" },
        { expression: "false", message: "static message" },
        { expression: "  1 == 2  " },
        { expression: "false", messageExpression: "1", message: "fallback when not a string" },
        { expression: "false", messageExpression: "'two\\nlines'", message: "fallback when multi-line" },
        { expression: "false", messageExpression: "object.nope", message: "fallback when it errors" },
        { expression: "true", message: "never" },
      ],
    });
    expect(out).toEqual([
      "from expression",
      "static message",
      "failed expression: 1 == 2",
      "fallback when not a string",
      "fallback when multi-line",
      "fallback when it errors",
    ]);
  });

  it("binds object, oldObject, request, params, namespaceObject and Gatekeeper's variables", () => {
    const out = msgs({
      validations: [
        { expression: "object.metadata.name == 'x'", messageExpression: "'object ' + object.metadata.name" },
        { expression: "request.operation != 'CREATE'", messageExpression: "'op ' + request.operation" },
        { expression: "!has(request.object)", message: "request must not carry the object" },
        { expression: "false", messageExpression: "'params ' + params.metadata.name + ' ' + params.kind" },
        { expression: "false", messageExpression: "'max ' + string(variables.params.max)" },
        { expression: "false", messageExpression: "'ns ' + namespaceObject.metadata.labels.team" },
        { expression: "oldObject == null", message: "unexpected" },
        { expression: "false", messageExpression: "'any ' + variables.anyObject.metadata.name" },
      ],
    });
    expect(out).toEqual(["object p", "op CREATE", "params c1 K8sTest", "max 2", "ns a", "any p"]);
  });

  it("makes object null and anyObject the old object on DELETE", () => {
    const out = msgs(
      {
        validations: [
          { expression: "object == null", message: "object is set" },
          { expression: "false", messageExpression: "'any ' + variables.anyObject.metadata.name" },
        ],
      },
      review(pod, "DELETE", { metadata: { name: "old" } }),
    );
    expect(out).toEqual(["any old"]);
  });

  it("evaluates variables lazily, in order, once", () => {
    const source = {
      variables: [
        { name: "names", expression: "object.spec.containers.map(c, c.name)" },
        { name: "tooMany", expression: "size(variables.names) > variables.params.max - 1" },
        { name: "broken", expression: "object.nope" },
      ],
      validations: [{ expression: "!variables.tooMany", messageExpression: "variables.names.join(',')" }],
    };
    expect(msgs(source)).toEqual(["a,b"]);
  });

  it("answers has(variables.x) without evaluating any variable", () => {
    const source = {
      variables: [
        { name: "mode", expression: "has(variables.params) ? 'set' : 'unset'" },
        { name: "broken", expression: "object.nope" },
      ],
      validations: [{ expression: "false", messageExpression: "variables.mode" }],
    };
    expect(msgs(source)).toEqual(["set"]);
  });

  it("reports variable errors with the variable's name under Fail", () => {
    const out = msgs({
      variables: [{ name: "broken", expression: "object.nope" }],
      validations: [{ expression: "variables.broken == 1" }],
    });
    expect(out).toEqual([
      `expression 'variables.broken == 1' resulted in error: composited variable "broken" fails to evaluate: no such key: nope`,
    ]);
  });

  it("applies failurePolicy to evaluation errors", () => {
    const validations = [{ expression: "object.nope == 1" }, { expression: "false", message: "real" }];
    expect(msgs({ validations })).toEqual([
      "expression 'object.nope == 1' resulted in error: no such key: nope",
      "real",
    ]);
    expect(msgs({ validations, failurePolicy: "Ignore" })).toEqual(["real"]);
    const lenient = makeCelDriver("Ignore").compile({
      name: "k8stest",
      kind: "K8sTest",
      engine: "K8sNativeValidation",
      source: { validations },
    });
    expect(lenient.review(review(pod), [constraint]).map((x) => x.msg)).toEqual(["real"]);
  });

  it("skips the constraint when a match condition is false", () => {
    const validations = [{ expression: "false", message: "violation" }];
    expect(
      msgs({
        matchCondition: [{ name: "isApp", expression: "object.metadata.labels.app == 'x'" }],
        validations,
      }),
    ).toEqual(["violation"]);
    expect(
      msgs({
        matchCondition: [{ name: "isApp", expression: "object.metadata.labels.app == 'y'" }],
        validations,
      }),
    ).toEqual([]);
    expect(msgs({ matchConditions: [{ name: "plural", expression: "false" }], validations })).toEqual([]);
    // An error with another condition false: not matched.
    expect(
      msgs({
        matchCondition: [
          { name: "err", expression: "object.nope" },
          { name: "no", expression: "false" },
        ],
        validations,
      }),
    ).toEqual([]);
    // An error otherwise: Fail denies with the error, Ignore skips.
    const erroring = { matchCondition: [{ name: "err", expression: "object.nope == 1" }], validations };
    expect(msgs(erroring)).toEqual(["expression 'object.nope == 1' resulted in error: no such key: nope"]);
    expect(msgs({ ...erroring, failurePolicy: "Ignore" })).toEqual([]);
  });

  it("reviews several constraints with their own params", () => {
    const t = compile({
      validations: [
        { expression: "size(object.spec.containers) <= variables.params.max", message: "too many" },
      ],
    });
    const out = t.review(review(pod), [
      { kind: "K8sTest", name: "one", parameters: { max: 1 } },
      { kind: "K8sTest", name: "three", parameters: { max: 3 } },
    ]);
    expect(out).toEqual([{ constraint: "one", msg: "too many", details: {} }]);
  });

  it("turns a passed deadline into an error result", () => {
    const t = compile({ validations: [{ expression: "[1, 2, 3].all(x, x > 0)" }] });
    const out = t.review(review(pod), [constraint], { deadline: Date.now() - 1000 });
    expect(out.length).toBeLessThanOrEqual(1);
    const big = compile({ validations: [{ expression: "object.spec.items.all(x, x >= 0)" }] });
    const items = Array.from({ length: 2000 }, (_, i) => i);
    const late = big.review(review({ spec: { items } }), [constraint], { deadline: Date.now() - 1 });
    expect(late[0]?.msg).toMatch(/deadline exceeded/);
  });

  it("rejects templates whose expressions do not compile, naming the expression", () => {
    const bad = (source: JsonObject): TemplateError => {
      try {
        compile(source);
      } catch (e: unknown) {
        if (e instanceof TemplateError) return e;
        throw e;
      }
      throw new Error("compiled");
    };
    const syntax = bad({ validations: [{ expression: "object.a ==" }] });
    expect(syntax.code).toBe("cel_syntax_error");
    expect(syntax.message).toMatch(/t\.yaml.*validations\[0\]\.expression:1:\d+/);
    expect(syntax.location?.file).toBe("t.yaml");
    const undeclared = bad({ validations: [{ expression: "true", messageExpression: "foo.bar" }] });
    expect(undeclared.code).toBe("cel_undeclared_reference");
    expect(undeclared.message).toMatch(/validations\[0\]\.messageExpression/);
    const later = bad({
      variables: [
        { name: "a", expression: "variables.b" },
        { name: "b", expression: "1" },
      ],
      validations: [],
    });
    expect(later.message).toMatch(/variables\[0\] \(a\).*undefined field 'b'/);
    expect(bad({ validations: [{ expression: "variables.nope" }] }).message).toMatch(
      /undefined field 'nope'/,
    );
    expect(bad({ variables: [{ name: "params", expression: "1" }] }).code).toBe("cel_bad_variable");
    expect(bad({ variables: [{ name: "gatekeeper_internal_x", expression: "1" }] }).code).toBe(
      "cel_bad_variable",
    );
    expect(bad({ failurePolicy: "Sometimes" }).code).toBe("cel_bad_failure_policy");
    expect(bad({ validations: "nope" }).code).toBe("cel_invalid_source");
    expect(bad({ validations: [{ message: "no expression" }] }).code).toBe("cel_invalid_source");
    expect(bad({ matchCondition: [{ name: "gatekeeper_internal_m", expression: "true" }] }).code).toBe(
      "cel_bad_match_condition",
    );
  });
});
