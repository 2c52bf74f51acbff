import { afterEach, describe, expect, it } from "vitest";
import { defaultBuiltins } from "../builtins/index.js";
import { Policy } from "../rego.js";
import { toJson } from "../value/json.js";
import type { Value } from "../value/value.js";
import { codegenThreshold, generatedVariants, inlinedCalls, setCodegenThreshold } from "./generated-chain.js";
import { resultsAt } from "./test-paths.js";

const saved = codegenThreshold();
afterEach(() => setCodegenThreshold(saved));

/** Interpreted and generated results of the same query, and how many variants were generated. */
function both(
  text: string,
  query: string,
  input: Value,
): { interpreted: unknown; generated: unknown; variants: number } {
  const interpreted = resultsAt(null, text, query, input, 1);
  const before = generatedVariants();
  const generated = resultsAt(0, text, query, input, 2);
  return { interpreted, generated, variants: generatedVariants() - before };
}

const pod: Value = {
  review: {
    object: {
      metadata: { name: "p", labels: { app: "a", team: "t" } },
      spec: {
        containers: [
          {
            name: "a",
            image: "nginx:latest",
            resources: { limits: { cpu: "1" } },
            ports: [{ hostPort: 80 }],
          },
          { name: "b", image: "registry.example.com/b@sha256:00", securityContext: { privileged: true } },
        ],
        initContainers: [{ name: "init", image: "busybox" }],
      },
    },
  },
  parameters: { exemptImages: ["busybox*"], labels: ["app", "owner"], limit: 2 },
};

const CASES: readonly (readonly [string, string])[] = [
  [
    "iteration, negation and messages",
    `package t
import rego.v1
violation contains {"msg": msg} if {
  c := input.review.object.spec[field][_]
  not exempt(c)
  not c.resources.limits.memory
  msg := sprintf("%s/%s has no memory limit", [field, c.name])
}
exempt(c) if {
  some e in input.parameters.exemptImages
  endswith(e, "*")
  startswith(c.image, trim_suffix(e, "*"))
}`,
  ],
  [
    "two references iterating in one expression, and a bound key",
    `package t
import rego.v1
pairs contains [i, j] if input.review.object.spec.containers[i].name < input.review.object.spec.containers[j].name
same contains i if input.review.object.spec.containers[i].name == input.review.object.spec.containers[i].name
ports contains p if p := input.review.object.spec.containers[_].ports[_].hostPort`,
  ],
  [
    "objects, sets and keys iterated in order",
    `package t
import rego.v1
keys contains k if input.review.object.metadata.labels[k]
vals := [v | v := input.review.object.metadata.labels[_]]
missing contains l if { l := input.parameters.labels[_]; not input.review.object.metadata.labels[l] }
s := {x | x := {"b", "a", "c"}[_]}
kv contains [k, v] if some k, v in {"z": 1, "y": 2}`,
  ],
  [
    "complete rules, functions and else with early exit and conflicts",
    `package t
import rego.v1
any_privileged if input.review.object.spec.containers[_].securityContext.privileged
limit := n if { n := input.parameters.limit; n > 1 }
f(x) := y if { y := x[_] } else := "none"
g := f(input.review.object.spec.containers[_].name)
conflict := x if x := input.review.object.spec.containers[_].name`,
  ],
  [
    "data references the search answers, partial sets by pattern, comprehensions",
    `package t
import rego.v1
general contains {"msg": m, "field": f} if {
  c := input.review.object.spec[f][_]
  m := c.name
}
names contains m if general[{"msg": m, "field": "containers"}]
counted := count([1 | general[_]])
cpu := object.get(input.review.object.spec.containers[0], ["resources", "limits", "cpu"], "0")
nested := {n: count(cs) | cs := input.review.object.spec[n]}`,
  ],
  [
    "with replacing a function and input while generated bodies run",
    `package t
import rego.v1
p contains x if { x := input.review.object.spec.containers[_].name; upper(x) != "A" }
q := r if r := p with upper as lower
s := r if r := p with input.review.object.spec.containers as [{"name": "z"}]`,
  ],
  [
    "undefined is not false, and numbers compare across representations",
    `package t
import rego.v1
t1 if input.missing == false
t2 if not input.missing
t3 if 1 == 1.0
t4 if [1, {"a": 2}] == [1.0, {"a": 2.0}]
t5 if input.review.object.metadata.labels.app != input.review.object.metadata.labels.team`,
  ],
];

describe("generated bodies", () => {
  for (const [name, text] of CASES) {
    it(`give the interpreter's results: ${name}`, () => {
      const r = both(text, "x := data.t", pod);
      expect(r.variants).toBeGreaterThan(0);
      expect(r.generated).toEqual(r.interpreted);
    });
  }

  it("call a comparison a registry replaced instead of writing it inline", () => {
    setCodegenThreshold(0);
    const equal = defaultBuiltins().get("equal");
    if (equal === undefined) throw new Error("no equal builtin");
    const builtins = defaultBuiltins().register([{ ...equal, impl: () => true }]);
    const q = new Policy({
      modules: [
        { file: "t.rego", text: "package t\nimport rego.v1\np contains x if { x := input.xs[_]; x == 0 }" },
      ],
      builtins,
    }).prepare("x := data.t.p");
    const rows = q.eval({ input: { xs: [1, 2] } }).map((r) => toJson(r.bindings));
    expect(rows).toEqual([{ x: [1, 2] }]);
  });

  it("check the deadline inside generated loops", () => {
    setCodegenThreshold(0);
    const q = new Policy({
      modules: [
        {
          file: "t.rego",
          text: "package t\nimport rego.v1\nn := count([1 | input.xs[_]; input.xs[_]; input.xs[_]])",
        },
      ],
    }).prepare("x := data.t.n");
    const xs = Array.from({ length: 200 }, (_, i) => i);
    expect(q.eval({ input: { xs: [1] } }).length).toBe(1);
    expect(() => q.eval({ input: { xs }, deadline: Date.now() - 1 })).toThrow(/cancel/);
  });

  it("write calls of small functions inline with the interpreter's results", () => {
    const before = inlinedCalls();
    const r = both(
      `package t
import rego.v1
missing(obj, field) if not obj[field]
missing(obj, field) if obj[field] == ""
kind("Pod", x) := "pod" if x
kind("Service", _) := "service"
same(a, a) := true
ctx(c, f) := v if v := c.securityContext[f]
has_ctx(c, f) if ctx(c, f)
has_ctx(c, f) if ctx(c, f) == false
exempt(c) if startswith(c.image, "busybox")
no_resources contains c.name if { c := input.review.object.spec[_][_]; missing(c, "resources") }
privileged contains c.name if { c := input.review.object.spec.containers[_]; has_ctx(c, "privileged") }
plain contains c.name if { c := input.review.object.spec[_][_]; not has_ctx(c, "privileged"); not exempt(c) }
kinds := [kind("Pod", true), kind("Service", 1)]
deployment := k if k := kind("Deployment", true)
equal_args if same(1, 1.0)
unequal_args if not same(1, 2)
limit_set if not missing(input.parameters, "limit")
yes(_, _) := true
mocked := p if p := privileged with data.t.ctx as yes`,
      "x := data.t",
      pod,
    );
    expect(r.generated).toEqual(r.interpreted);
    expect(r.generated).toEqual([
      {
        x: {
          equal_args: true,
          kinds: ["pod", "service"],
          limit_set: true,
          mocked: ["a", "b"],
          no_resources: ["b", "init"],
          plain: ["a"],
          privileged: ["b"],
          unequal_args: true,
        },
      },
    ]);
    expect(inlinedCalls()).toBeGreaterThan(before);
  });

  it("raise a conflict between definitions of an inlined function as the interpreter does", () => {
    const before = inlinedCalls();
    const r = both(
      `package t
import rego.v1
size(n) := "big" if n > 0
size(n) := "huge" if n > 1
size(n) := "big" if n > -1
one := size(1)
two := size(input.parameters.limit)`,
      "x := data.t.two",
      pod,
    );
    expect(r.generated).toEqual(r.interpreted);
    expect(r.generated).toBe(
      "error eval_conflict_error: functions must not produce multiple outputs for same inputs",
    );
    expect(
      both(
        "package t\nimport rego.v1\nsize(n) := 1 if n > 0\nsize(n) := 1.0 if n > -1\ny := size(1)",
        "x := data.t.y",
        {},
      ).generated,
    ).toEqual([{ x: 1 }]);
    expect(inlinedCalls()).toBeGreaterThan(before);
  });

  it("keep calls of functions that iterate, call costly builtins, read data or are replaced by with", () => {
    const text = `package t
import rego.v1
first(xs) := x if x := xs[_]
shout(s) := upper(s)
limit := data.t.config.limit
config := {"limit": 3}
over(n) if n > data.t.config.limit
p contains [first(c.ports).hostPort, shout(c.name)] if {
  c := input.review.object.spec.containers[_]
  c.ports
}
q if not over(2)
r := s if s := shout("x") with data.t.shout as lower`;
    const before = inlinedCalls();
    const r = both(text, "x := data.t", pod);
    expect(r.generated).toEqual(r.interpreted);
    expect(r.generated).toEqual([{ x: { config: { limit: 3 }, limit: 3, p: [[80, "A"]], q: true, r: "x" } }]);
    expect(inlinedCalls()).toBe(before);
  });

  it("skip a solution whose head has no value and go on iterating", () => {
    const r = both(
      `package t
import rego.v1
only_x(a) := true if a == "x"
pairs contains [x, only_x(x)] if some x in input.xs
details contains {"x": x, "limit": input.limits[x]} if some x in input.xs`,
      "x := data.t",
      { xs: [0, "x", 1], limits: { x: 2 } },
    );
    expect(r.generated).toEqual(r.interpreted);
    expect(r.generated).toEqual([{ x: { details: [{ limit: 2, x: "x" }], pairs: [["x", true]] } }]);
  });

  it("leave the frame as they found it after each solution", () => {
    const r = both(
      `package t
import rego.v1
rows contains [a, b] if { a := input.xs[_]; a > 1; b := input.ys[_] }
firsts contains a if { a := input.xs[_]; input.ys[_] > 100 }`,
      "x := data.t",
      { xs: [1, 2, 3], ys: [10, 20] },
    );
    expect(r.generated).toEqual(r.interpreted);
    expect(r.generated).toEqual([
      {
        x: {
          firsts: [],
          rows: [
            [2, 10],
            [2, 20],
            [3, 10],
            [3, 20],
          ],
        },
      },
    ]);
  });
});
