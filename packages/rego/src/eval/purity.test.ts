import { describe, expect, it } from "vitest";
import { defaultBuiltins } from "../builtins/index.js";
import { decl, p, T } from "../builtins/types.js";
import { compileModules } from "../compiler/compiler.js";
import type { DocNode } from "../compiler/ir.js";
import { Policy } from "../rego.js";
import { parseModule } from "../syntax/parser.js";
import { isPureFunction } from "./purity.js";

const SOURCE = `package t
double(x) := x * 2
via_pure(x) := double(x) + 1
reads_input(x) := x + input.n
reads_data(x) := x + data.t.n
reads_rule(x) := x + n
n := 1
clock(x) := time.now_ns() + x
prints(x) := y if { print(x); y := x }
mocked(x) := y if { y := double(x) with double as 3 }
via_impure(x) := reads_input(x)
`;

function node(root: DocNode, name: string): DocNode {
  const t = root.children.get("t")?.children.get(name);
  if (t === undefined) throw new Error(`no ${name}`);
  return t;
}

describe("isPureFunction", () => {
  const policy = compileModules([parseModule(SOURCE, { file: "t.rego" })], { builtins: defaultBuiltins() });
  const pure = (name: string): boolean => isPureFunction(node(policy.root, name), policy.root);

  it("holds for functions of their arguments, through other pure functions", () => {
    expect(pure("double")).toBe(true);
    expect(pure("via_pure")).toBe(true);
  });

  it("fails for input, data, rules, clocks, print, with, and calls of impure functions", () => {
    for (const name of ["reads_input", "reads_data", "reads_rule", "clock", "prints", "mocked", "via_impure"])
      expect(pure(name), name).toBe(false);
  });
});

describe("results of pure functions across queries", () => {
  function counting(nondeterministic: boolean): { policy: Policy; calls: () => number } {
    let calls = 0;
    const builtins = defaultBuiltins().register([
      {
        decl: decl("counted", [p("x", T.number)], p("y", T.number), { nondeterministic }),
        impl: (args) => {
          calls++;
          return args[0] ?? null;
        },
      },
    ]);
    const modules = [
      {
        file: "t.rego",
        text: "package t\nf(x) := counted(x)\nv := f(input.x)\nw := y if { y := f(input.x) with counted as 7 }\n",
      },
    ];
    return { policy: new Policy({ modules, builtins }), calls: () => calls };
  }

  it("reuses a deterministic result in later queries, but never under a `with` that replaces what it calls", () => {
    const { policy, calls } = counting(false);
    const q = policy.prepare("v := data.t.v");
    const w = policy.prepare("w := data.t.w");
    expect(q.eval({ input: { x: 5 } })[0]?.bindings.v).toBe(5);
    expect(q.eval({ input: { x: 5 } })[0]?.bindings.v).toBe(5);
    expect(calls()).toBe(1);
    expect(w.eval({ input: { x: 5 } })[0]?.bindings.w).toBe(7);
    expect(q.eval({ input: { x: 6 } })[0]?.bindings.v).toBe(6);
    expect(calls()).toBe(2);
  });

  it("calls a non-deterministic builtin again in every query", () => {
    const { policy, calls } = counting(true);
    const q = policy.prepare("v := data.t.v");
    q.eval({ input: { x: 5 } });
    q.eval({ input: { x: 5 } });
    expect(calls()).toBe(2);
  });

  it("keeps lenient and strict builtin errors apart", () => {
    const policy = new Policy({
      modules: [{ file: "t.rego", text: 'package t\nf(x) := to_number(x)\nv := f("nope")\n' }],
    });
    const q = policy.prepare("v := data.t.v");
    expect(q.eval({})).toEqual([]);
    expect(() => q.eval({ strictBuiltinErrors: true })).toThrow(/to_number/);
    expect(q.eval({})).toEqual([]);
  });
});
