/**
 * The compiler against @bufbuild/cel's planner: every CEL expression of the gatekeeper-library
 * templates on the library's sample objects, and hand-written edge cases, must give the same value
 * or the same error with the planner, the closures and the generated code.
 */
import { describe, expect, it } from "vitest";
import { constraintParams, ROOTS, reviewRoots } from "./bindings.js";
import { type CelTemplate, compileCelTemplate } from "./cel-template.js";
import { inputValue } from "./compile-frame.js";
import { INTERNAL } from "./internal-functions.js";
import { type Activation, type CompileOptions, compileExpression, type Program } from "./program.js";
import { describeResult, evalWith } from "./test-compare.js";
import { libraryCelTemplates, toReview } from "./test-library.js";

type Engine = NonNullable<CompileOptions["engine"]>;

/** Each program of a template with a label, in a fixed order. */
function programs(t: CelTemplate): [string, Program][] {
  const out: [string, Program][] = [];
  for (const [i, m] of t.matchConditions.entries()) out.push([`matchConditions[${i}]`, m.program]);
  for (const [i, v] of t.validations.entries()) {
    out.push([`validations[${i}]`, v.program]);
    if (v.messageProgram !== undefined) out.push([`validations[${i}].messageExpression`, v.messageProgram]);
  }
  return out;
}

/** Every variable (through the activation's getters) and every program's result, as text. */
function results(t: CelTemplate, activation: Activation): string[] {
  const out: string[] = [];
  for (const name of t.variables.names) {
    out.push(`variables.${name} = ${describeResult(inputValue(activation[`variables.${name}`] ?? null))}`);
  }
  for (const [label, p] of programs(t)) out.push(`${label} = ${describeResult(p.run(activation))}`);
  return out;
}

describe("compiled CEL against @bufbuild/cel's planner", () => {
  const templates = libraryCelTemplates();

  it("finds the library's CEL templates and samples", () => {
    expect(templates.length).toBeGreaterThan(10);
    expect(templates.flatMap((t) => t.samples.flatMap((s) => s.reviews)).length).toBeGreaterThan(50);
  });

  for (const t of templates) {
    it(`agrees on ${t.kind} for every sample`, () => {
      const compiled = (engine: Engine): CelTemplate =>
        compileCelTemplate(
          { name: t.kind.toLowerCase(), kind: t.kind, engine: "K8sNativeValidation", source: t.source },
          "Fail",
          {
            engine,
          },
        );
      const closures = compiled("closures");
      const generated = compiled("generated");
      const planner = compiled("planner");
      let compared = 0;
      for (const s of t.samples) {
        const params = constraintParams(s.constraint);
        for (const { file, review } of s.reviews) {
          const roots = reviewRoots(review);
          const deadline = Number.POSITIVE_INFINITY;
          const want = results(planner, planner.variables.activation(roots, params, deadline));
          const got = results(closures, closures.variables.activation(roots, params, deadline));
          expect(got, file).toEqual(want);
          const gen = results(generated, generated.variables.activation(roots, params, deadline));
          expect(gen, `${file} (generated)`).toEqual(want);
          compared += want.length;
        }
      }
      expect(compared).toBeGreaterThan(0);
    });
  }
});

const object = {
  metadata: { name: "p", labels: { app: "x", "a.b/c": "y" }, annotations: {} },
  spec: {
    containers: [
      { name: "a", image: "nginx:1", securityContext: { privileged: true, runAsUser: 0 } },
      {
        name: "b",
        image: "busybox",
        ports: [{ containerPort: 80 }, { containerPort: 8080, hostPort: 8080 }],
      },
      { name: "c", resources: { limits: { cpu: "500m", memory: "1Gi" } } },
    ],
    hostNetwork: false,
    replicas: 3,
    ratio: 0.5,
    big: 2 ** 53,
    nothing: null,
    empty: [],
    nested: { list: [[1, 2], [3]], map: { k: { v: 1 } } },
  },
};
const params = { spec: { parameters: { allowed: ["nginx", "busybox"], max: 2, exempt: [] } } };

/** Hand-written expressions: errors, absorption, numbers, equality, presence, comprehensions, libraries. */
const EDGE_CASES: readonly string[] = [
  // literals and arithmetic
  "1 + 2 * 3 - 4 / 2 % 3",
  "-(-9223372036854775807 - 1)",
  "9223372036854775807 + 1",
  "-9223372036854775808 - 1",
  "9223372036854775807 * 2",
  "-9223372036854775808 / -1",
  "7 / 0",
  "7 % 0",
  "-7 / 2",
  "-7 % 2",
  "7.0 / 0.0",
  "-7.0 / 0.0",
  "0.0 / 0.0 == 0.0 / 0.0",
  "1.5 % 1.0",
  "1 + 1.0",
  "1u + 2u",
  "1u - 2u",
  "18446744073709551615u + 1u",
  "18446744073709551615u / 1u",
  "10u % 3u",
  "-(1u)",
  "'a' + 'b'",
  "'a' + 1",
  "b'a' + b'b'",
  "[1] + [2, 3]",
  "[] + []",
  "[1] + 'a'",
  "{'a': 1}.a + 1",
  // comparisons across numeric types
  "1 < 1.5",
  "1.5 > 1",
  "2u > 1",
  "1 < 2u",
  "1u <= 1.0",
  "1.0 >= 1u",
  "9007199254740993 == 9007199254740992.0",
  "9007199254740993 > 9007199254740992.0",
  "object.spec.big == 9007199254740992",
  "object.spec.big + 1 == 9007199254740993",
  "0.0 / 0.0 < 1.0",
  "0.0 / 0.0 >= 1",
  "'a' < 'b'",
  "'B' < 'a'",
  "true > false",
  "b'a' < b'b'",
  "1 < 'a'",
  "null < null",
  "[1] < [2]",
  "duration('1s') < duration('2s')",
  "timestamp('2024-01-01T00:00:00Z') < timestamp('2024-01-02T00:00:00Z')",
  // equality
  "1 == 1.0",
  "1 == 1u",
  "1u == 1.0",
  "1 != 2",
  "'1' == 1",
  "null == null",
  "null == 0",
  "[1, 2] == [1, 2.0]",
  "[1, 2] == [2, 1]",
  "[[1], {'a': [2]}] == [[1.0], {'a': [2u]}]",
  "{'a': 1, 'b': 2} == {'b': 2, 'a': 1}",
  "{'a': 1} == {'a': 1, 'b': 2}",
  "{1: 'a'} == {1u: 'a'}",
  "{1: 'a'} == {1.0: 'a'}",
  "object.metadata.labels == {'app': 'x', 'a.b/c': 'y'}",
  "object.spec.empty == []",
  "type(1) == int",
  "type(1u) == uint && type(1.0) == double && type('') == string && type(b'') == bytes",
  "type([]) == list && type({}) == map && type(null) == null_type && type(int) == type",
  "type(object) == map",
  "type(1) == type(2)",
  "type(1) == string",
  "quantity('1') == quantity('1000m')",
  "quantity('1') == quantity('2')",
  "duration('60s') == duration('1m')",
  "b'abc' == b'abc'",
  "0.0 / 0.0 == 0.0 / 0.0",
  "[0.0 / 0.0] == [0.0 / 0.0]",
  // logic and absorption
  "true && false",
  "object.x == 1 || true",
  "true || object.x == 1",
  "object.x == 1 || false",
  "false || object.x == 1",
  "object.x == 1 && false",
  "false && object.x == 1",
  "object.x == 1 && true",
  "object.x == 1 && object.y == 1",
  "object.y == 1 || object.x == 1",
  "1 && true",
  "true && 1",
  "1 || false",
  "false || 'a'",
  "1 && false",
  "'a' || true",
  "!true",
  "!object.x",
  "!1",
  "true ? 1 : object.x",
  "false ? object.x : 2",
  "object.x ? 1 : 2",
  "1 ? 1 : 2",
  "null ? 1 : 2",
  "(true ? object.metadata : object.spec).name",
  "(false ? object.metadata : object.spec).name",
  // field access, indexing, presence
  "object.metadata.name",
  "object.metadata.missing",
  "object.metadata.name.size",
  "object.spec.containers.name",
  "object.spec.replicas.x",
  "object.spec.nothing.x",
  "object.metadata.labels['a.b/c']",
  "object.metadata.labels['nope']",
  "object.spec.containers[0].name",
  "object.spec.containers[3]",
  "object.spec.containers[-1]",
  "object.spec.containers[1u].name",
  "object.spec.containers[1.0].name",
  "object.spec.containers[5.0]",
  "object.spec.containers[true]",
  "object.spec.containers['0']",
  "object.spec.containers[null]",
  "object.spec.nested.list[0][1]",
  "object.spec.nested.map['k'].v",
  "{1: 'a'}[1]",
  "{1: 'a'}[1u]",
  "{1: 'a'}[1.0]",
  "{1: 'a'}[1.5]",
  "{1: 'a'}[2]",
  "{true: 'a'}[true]",
  "{true: 'a'}[false]",
  "{'a': 1}[[]]",
  "'abc'[0]",
  "1[0]",
  "object.x[0]",
  "object.spec.containers[object.x]",
  "has(object.metadata)",
  "has(object.metadata.missing)",
  "has(object.spec.nothing)",
  "has(object.spec.nothing.x)",
  "has(object.spec.replicas.x)",
  "has(object.spec.containers.x)",
  "has(object.x.y)",
  "has(object.metadata.labels.app)",
  "has({'a': 1}.a)",
  "has({'a': 1}.b)",
  "has(params.spec.parameters.allowed)",
  // in
  "'a' in ['a', 'b']",
  "'c' in ['a', 'b']",
  "1 in ['a', 'b']",
  "1 in [1.0, 2]",
  "1u in [1]",
  "[1] in [[1], [2]]",
  "'app' in object.metadata.labels",
  "'nothing' in object.spec",
  "'nothing' in {'nothing': null}",
  "has({'nothing': null}.nothing)",
  "object.spec.nothing == null",
  "'nope' in object.metadata.labels",
  "1 in {1: 'a'}",
  "1.0 in {1: 'a'}",
  "1u in {1: 'a'}",
  "true in {true: 1}",
  "null in {'a': 1}",
  "[] in {'a': 1}",
  "'a' in 'abc'",
  "object.x in ['a']",
  "'a' in object.x",
  "object.metadata.name in params.spec.parameters.allowed",
  // size
  "size('héllo')",
  "size('\\U0001F600x')",
  "'\\U0001F600x'.size()",
  "size(b'abc')",
  "size([1, 2])",
  "size({'a': 1})",
  "size(object.spec.containers)",
  "size(1)",
  "1.size()",
  "size(object.x)",
  "size(null)",
  // strings
  "'abc'.contains('b')",
  "'abc'.startsWith('ab') && 'abc'.endsWith('bc')",
  "'abc'.startsWith(1)",
  "1.startsWith('a')",
  "object.metadata.name.startsWith(object.metadata.labels.app)",
  "object.x.startsWith('a')",
  "'abc'.matches('^a.c$')",
  "'abc'.matches(object.metadata.name)",
  "matches('abc', 'b')",
  "'abc'.matches('(')",
  "'abc'.matches(1)",
  "'a,b'.split(',')",
  "'a,b,c'.split(',', 2)",
  "'ABC'.lowerAscii()",
  "'a-b'.replace('-', '+')",
  "['a', 'b'].join(', ')",
  "['a', 1].join(', ')",
  "'%s-%d'.format(['a', 1])",
  "'abc'.substring(1)",
  "'abc'.charAt(5)",
  "'  x '.trim()",
  "'abc'.indexOf('c')",
  "strings.quote('a\"b')",
  "'abc'.find('[bc]+')",
  "'a1b2'.findAll('[0-9]')",
  // conversions
  "string(1)",
  "string(1u)",
  "string(1.5)",
  "string(1e100)",
  "string(true)",
  "string('a')",
  "string(b'abc')",
  "string(null)",
  "string([1])",
  "string(object.x)",
  "int('42')",
  "int('x')",
  "int(1.9)",
  "int(-1.9)",
  "int(1e19)",
  "int(1u)",
  "uint(1)",
  "uint(-1)",
  "double(1)",
  "double('1.5')",
  "bool('true')",
  "bool('x')",
  "bytes('a')",
  "dyn(1) == 1",
  "dyn(object.x)",
  "type(dyn([]))",
  // timestamps and durations
  "duration('1h30m')",
  "duration('1h') + duration('30m')",
  "timestamp('2024-01-02T03:04:05Z') + duration('1h')",
  "timestamp('2024-01-02T03:04:05Z') - timestamp('2024-01-01T03:04:05Z')",
  "timestamp('2024-01-02T03:04:05Z').getFullYear()",
  "timestamp('2024-01-02T03:04:05Z').getHours('+01:00')",
  "duration('90m').getMinutes()",
  "string(timestamp('2024-01-02T03:04:05.5+01:00'))",
  "int(timestamp('2024-01-02T03:04:05Z'))",
  "timestamp('bad')",
  "duration('1x')",
  "timestamp(0)",
  // comprehensions
  "object.spec.containers.all(c, has(c.name))",
  "object.spec.containers.all(c, c.image.startsWith('n'))",
  "object.spec.containers.all(c, c.image == 'none')",
  "object.spec.containers.all(c, c.missing)",
  "object.spec.containers.all(c, 1)",
  "[1, 2].all(x, x > 0 ? true : 1)",
  "object.spec.containers.exists(c, c.image == 'busybox')",
  "object.spec.containers.exists(c, c.image == 'none')",
  "object.spec.containers.exists(c, c.missing)",
  "object.spec.containers.exists(c, 'x')",
  "object.spec.containers.exists_one(c, has(c.image))",
  "object.spec.containers.exists_one(c, c.name == 'a')",
  "object.spec.containers.exists_one(c, c.image == 'busybox')",
  "object.spec.containers.exists_one(c, 1)",
  "[1, 2, 3].exists_one(x, x / (x - 2) > 0)",
  "object.spec.containers.map(c, c.name)",
  "object.spec.containers.map(c, c.image)",
  "object.spec.containers.map(c, c.x + c.y)",
  "object.spec.containers.map(c, has(c.image), c.image)",
  "object.spec.containers.map(c, c.name != 'x', c.image)",
  "object.spec.containers.map(c, c.image == 'busybox', c.missing)",
  "object.spec.containers.map(c, c.image.startsWith('n'), c.name)",
  "object.spec.containers.filter(c, has(c.image)).map(c, c.image)",
  "object.spec.containers.filter(c, c.image.startsWith('n'))",
  "object.spec.containers.filter(c, c.missing == 1)",
  "object.spec.containers.filter(c, 1)",
  "[1, 2, 3].filter(x, x > 1)",
  "[].map(x, x)",
  "[].all(x, false)",
  "[].exists(x, true)",
  "object.metadata.labels.all(k, k.size() > 0)",
  "object.metadata.labels.exists(k, object.metadata.labels[k] == 'y')",
  "object.metadata.labels.map(k, k)",
  "{1: 'a', 2u: 'b', true: 'c'}.map(k, k)",
  "object.x.all(c, true)",
  "object.spec.replicas.all(c, true)",
  "null.exists(c, true)",
  "'abc'.all(c, true)",
  "object.spec.containers.all(c, c.ports.all(p, p.containerPort > 0))",
  "object.spec.containers.filter(c, has(c.ports)).all(c, c.ports.exists(p, has(p.hostPort)))",
  "object.spec.nested.list.map(l, l.map(x, x * 2))",
  "object.spec.nested.list.map(x, x.map(x, x + 1))",
  "[1, 2].map(x, [3, 4].map(y, x * y))",
  "[1, 2].all(x, [x].exists(y, y == x))",
  "[[1, 2], [3]].exists(l, l.exists(x, x == 3))",
  "[10, 20].all(i, v, v == (i + 1) * 10)",
  "{'a': 1}.exists(k, v, k == 'a' && v == 1)",
  "[1, 2].exists_one(i, v, v == 2)",
  "[1, 2].transformList(i, v, v + i)",
  "[1, 2].transformList(i, v, v > 1, v * 10)",
  "{'a': 1}.transformMap(k, v, v * 2)",
  "{'a': 1, 'b': 2}.transformMap(k, v, v > 1, v * 2)",
  "[1, 2].transformMapEntry(i, v, {string(v): i})",
  "[1, 1].transformMapEntry(i, v, {string(v): i})",
  "[1, 2].all(i, v, object.x)",
  // list and map literals
  "[object.x, 1]",
  "[1, object.x]",
  "{'a': object.x}",
  "{'a': 1, 'a': 2}",
  "{1: 'a', 1u: 'b'}",
  "{1.0: 'a'}",
  "{1.5: 'a'}",
  "{null: 1}",
  "{[1]: 1}",
  "{'a': 1, 'b': [object.metadata.name]}",
  // variables-free bindings
  "request.operation",
  "params.spec.parameters.allowed.exists(a, object.spec.containers.exists(c, c.image.startsWith(a)))",
  "object.spec.containers.map(c, c.image).filter(i, !(i in params.spec.parameters.allowed))",
  "oldObject == null",
  "namespaceObject",
  // libraries
  "quantity('1Gi').isGreaterThan(quantity('1G'))",
  "quantity(object.spec.containers[2].resources.limits.cpu).isLessThan(quantity('1'))",
  "quantity('bad')",
  "quantity('1').add(1).asInteger()",
  "isQuantity('10Mi')",
  "url('https://example.com:8080/p?q=1').getPort()",
  "url('https://example.com/').getQuery()",
  "ip('10.0.0.1').family()",
  "cidr('10.0.0.0/8').containsIP(ip('10.1.2.3'))",
  "cidr('10.0.0.0/8').containsIP('11.1.2.3')",
  "string(cidr('10.1.2.3/8').masked())",
  "ip('1.2.3.4') == ip('1.2.3.4')",
  "ip('bad')",
  "semver('1.2.3').isLessThan(semver('1.10.0'))",
  "sets.contains([1, 2], [2])",
  "sets.intersects([quantity('1')], [quantity('1000m')])",
  "[3, 1, 2].min()",
  "[1, 2.5].sum()",
  "[1, 'a'].sum()",
  "[1, 2].isSorted()",
  "[1, 2].indexOf(2)",
  "[duration('1s'), duration('2s')].sum()",
  "[quantity('1'), quantity('2')].indexOf(quantity('2000m'))",
  // field access on messages
  "duration('2s').seconds",
  "has(duration('2s').seconds)",
  "timestamp('2024-01-02T03:04:05Z').nanos",
  "duration('2s').nope",
  "has(duration('2s').nope)",
  "quantity('1')['value']",
];

describe("compiled CEL against @bufbuild/cel's planner on edge cases", () => {
  const bindings = { object, params, request: { operation: "CREATE", name: "p" }, oldObject: null };
  for (const expr of EDGE_CASES)
    it(expr, () => {
      const want = describeResult(evalWith("planner", expr, bindings));
      expect(describeResult(evalWith("closures", expr, bindings))).toBe(want);
      expect(describeResult(evalWith("generated", expr, bindings))).toBe(want);
    });
});

/**
 * Where the compiler keeps CEL's semantics and @bufbuild/cel does not: expression, the compiler's
 * result, and the planner's.
 */
const KNOWN_DIFFERENCES: readonly [string, string, string][] = [
  // An error computing a map key is that error (the planner reports the error value as a bad key).
  ["{object.x: 1}", "error(no such key: x)", "error(unsupported key type)"],
  // A list index that is a double with a fraction is an error value (the planner throws, which
  // aborts the whole evaluation and escapes `||`).
  ["[1, 2][0.5] == 1 || true", "true", "error(unsupported input undefined)"],
  ["[1, 2][0.5]", "error(unsupported index value: 0.5)", "error(unsupported input undefined)"],
];

describe("known differences from @bufbuild/cel's planner on activations", () => {
  it("orders strings by UTF-8 bytes, as cel-go does, where the planner compares UTF-16 units", () => {
    const run = (engine: Engine): string =>
      describeResult(compileExpression("'\\uE000' < '😀'", { roots: ROOTS }, { engine }).run({}));
    expect(run("closures")).toBe("true");
    expect(run("generated")).toBe("true");
    expect(run("planner")).toBe("false");
  });

  it("lets a comprehension variable named `variables` shadow template variables", () => {
    // The planner looks `variables.a` up on the activation before it tries the local variable.
    const decl = { roots: ROOTS, variables: new Set(["a"]) };
    const expr = "[{'a': 'local'}].map(variables, variables.a)";
    const activation: Activation = {
      "variables.a": "template",
      [INTERNAL.deadline]: Number.POSITIVE_INFINITY,
    };
    const run = (engine: Engine): string =>
      describeResult(compileExpression(expr, decl, { engine }).run(activation));
    expect(run("closures")).toBe('["local"]');
    expect(run("generated")).toBe('["local"]');
    expect(run("planner")).toBe('["template"]');
  });

  it("reads only declared roots and `variables.<name>` from the activation, not other dotted names", () => {
    const activation: Activation = { object: null, "object.spec": "dotted" };
    const run = (engine: Engine): string =>
      describeResult(compileExpression("object.spec", { roots: ROOTS }, { engine }).run(activation));
    expect(run("closures")).toBe("error(no such key: spec)");
    expect(run("generated")).toBe("error(no such key: spec)");
    expect(run("planner")).toBe('"dotted"');
  });
});

describe("known differences from @bufbuild/cel's planner", () => {
  const bindings = { object };
  for (const [expr, closures, planner] of KNOWN_DIFFERENCES)
    it(expr, () => {
      expect(describeResult(evalWith("closures", expr, bindings))).toBe(closures);
      expect(describeResult(evalWith("generated", expr, bindings))).toBe(closures);
      expect(describeResult(evalWith("planner", expr, bindings))).toBe(planner);
    });
});

/** Expressions on hand-made activations: deadlines, unbound names, raw JavaScript bindings, variables. */
const ACTIVATION_CASES: readonly [string, string, Activation][] = [
  ["past deadline", "[1, 2].all(x, x > 0)", { [INTERNAL.deadline]: 1 }],
  ["past deadline, map", "[1, 2].map(x, x)", { [INTERNAL.deadline]: 1 }],
  ["past deadline, filter", "[1, 2].filter(x, x > 1)", { [INTERNAL.deadline]: 1 }],
  ["past deadline, exists", "[1, 2].exists(x, x > 5)", { [INTERNAL.deadline]: 1 }],
  ["past deadline, exists_one", "[1, 2].exists_one(x, x > 5)", { [INTERNAL.deadline]: 1 }],
  ["past deadline, two variables", "[1, 2].all(i, x, x > 0)", { [INTERNAL.deadline]: 1 }],
  ["past deadline, empty range", "[].all(x, x > 0)", { [INTERNAL.deadline]: 1 }],
  ["future deadline", "[1, 2].all(x, x > 0)", { [INTERNAL.deadline]: Date.now() + 3_600_000 }],
  ["no deadline", "[1, 2].all(x, x > 0)", {}],
  ["no deadline, map", "[1, 2].map(x, x)", {}],
  ["no deadline, empty range", "[].exists(x, true)", {}],
  ["int deadline", "[1, 2].exists(x, x > 0)", { [INTERNAL.deadline]: 5n }],
  ["unbound root", "object", {}],
  ["unbound root field", "object.metadata", {}],
  ["has on unbound root", "has(object.metadata)", {}],
  ["has on unbound root chain", "has(object.metadata.name)", {}],
  ["raw array binding", "object.size() == 2 && object[1] == 'b'", { object: ["a", "b"] }],
  ["raw object binding", "object.a.b", { object: { a: { b: 1n } } }],
  ["raw Map binding", "object['k']", { object: new Map([["k", "v"]]) }],
  ["number binding", "object + 1.0", { object: 1 }],
  [
    "variables map",
    "variables.a + variables['b']",
    {
      variables: new Map([
        ["a", 1n],
        ["b", 2n],
      ]),
    },
  ],
  ["qualified variable", "variables.a", { "variables.a": "x" }],
  ["missing variable", "variables.b", { variables: new Map([["a", 1n]]) }],
  ["unbound variables", "variables.a", {}],
  ["has variable", "has(variables.a)", {}],
];

describe("compiled CEL against @bufbuild/cel's planner on hand-made activations", () => {
  for (const [label, expr, activation] of ACTIVATION_CASES)
    it(label, () => {
      const decl = { roots: ROOTS, variables: new Set(["a", "b"]) };
      const run = (engine: Engine): string =>
        describeResult(compileExpression(expr, decl, { engine }).run(activation));
      expect(run("closures")).toBe(run("planner"));
      expect(run("generated")).toBe(run("planner"));
    });
});

describe("template variables", () => {
  const source = {
    variables: [
      { name: "a", expression: "object.spec.replicas + 1" },
      { name: "b", expression: "variables.a * 2" },
      { name: "bad", expression: "object.missing" },
      { name: "usesBad", expression: "variables.bad" },
      { name: "all", expression: "variables" },
    ],
    validations: [
      { expression: "variables.b == 8", messageExpression: "string(variables.b)" },
      { expression: "variables.usesBad" },
      { expression: "variables.bad == 1 || true" },
      { expression: "[1].all(variables, variables == 1)" },
      { expression: "size(variables.all) > 0" },
    ],
  };
  it("agree, errors and nesting included", () => {
    const compiled = (engine: Engine): CelTemplate =>
      compileCelTemplate({ name: "t", kind: "T", engine: "K8sNativeValidation", source }, "Fail", { engine });
    const review = toReview({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { replicas: 3 },
    });
    const roots = reviewRoots(review);
    const params = constraintParams({ kind: "T", name: "c", parameters: {} });
    const at = (t: CelTemplate): string[] =>
      results(t, t.variables.activation(roots, params, Number.POSITIVE_INFINITY));
    const got = at(compiled("closures"));
    expect(got).toEqual(at(compiled("planner")));
    expect(at(compiled("generated"))).toEqual(got);
    expect(got).toContain("validations[0] = true");
  });
});

describe("a deadline that passes while a macro loops", () => {
  // Each iteration builds and joins a list, so the 200,000 take far longer than the 5 ms allowed.
  const expr = "object.all(x, [string(x), 'y'].join('-').size() > 0)";
  const items = Array.from({ length: 200_000 }, (_, i) => BigInt(i));
  for (const engine of ["closures", "generated"] as const)
    it(`stops the loop (${engine})`, () => {
      const decl = { roots: ROOTS, variables: new Set<string>() };
      const p = compileExpression(expr, decl, { engine });
      const started = Date.now();
      const r = describeResult(p.run({ object: items, [INTERNAL.deadline]: started + 5 }));
      expect(r).toMatch(/deadline exceeded/);
      expect(Date.now() - started).toBeLessThan(1000);
    });
});
