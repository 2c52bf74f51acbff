import { RegoSet, typeName, type Value } from "../value/value.js";
import { argSet } from "./args.js";
import { OperandTypeError } from "./errors.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

/** Members of `a` that are not in `b`. */
export function setDifference(a: RegoSet, b: RegoSet): RegoSet {
  const out = new RegoSet();
  for (const v of a.unordered()) if (!b.has(v)) out.add(v);
  return out;
}

/** Members of both sets. */
export function setIntersection(a: RegoSet, b: RegoSet): RegoSet {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new RegoSet();
  for (const v of small.unordered()) if (large.has(v)) out.add(v);
  return out;
}

/** Members of either set. */
export function setUnion(a: RegoSet, b: RegoSet): RegoSet {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const out = new RegoSet(a.unordered());
  for (const v of b.unordered()) out.add(v);
  return out;
}

/** The members of a set of sets, each checked to be a set (`operand 1 must be set but got …`). */
function memberSets(args: readonly Value[]): readonly RegoSet[] {
  const outer = argSet(args, 0);
  return outer.values().map((v) => {
    if (!(v instanceof RegoSet)) throw OperandTypeError.mustBe(1, typeName(v), "set");
    return v;
  });
}

const SET_OF_SETS = T.setOf(T.set);

/** Set operations: `&`, `|`, intersection, union, set_diff (deprecated). */
export const setsBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("and", [p("x", T.set), p("y", T.set)], p("z", T.set), { infix: "&" }),
    impl: (args) => setIntersection(argSet(args, 0), argSet(args, 1)),
  },
  {
    decl: decl("or", [p("x", T.set), p("y", T.set)], p("z", T.set), { infix: "|" }),
    impl: (args) => setUnion(argSet(args, 0), argSet(args, 1)),
  },
  {
    decl: decl("intersection", [p("xs", SET_OF_SETS)], p("y", T.set)),
    impl: (args) => {
      const sets = memberSets(args);
      let acc = sets[0];
      if (acc === undefined) return new RegoSet();
      for (let i = 1; i < sets.length && acc.size > 0; i++) acc = setIntersection(acc, sets[i] as RegoSet);
      return acc;
    },
  },
  {
    decl: decl("union", [p("xs", SET_OF_SETS)], p("y", T.set)),
    impl: (args) => {
      const out = new RegoSet();
      for (const s of memberSets(args)) for (const v of s.unordered()) out.add(v);
      return out;
    },
  },
  {
    decl: decl("set_diff", [p("x", T.set), p("y", T.set)], p("z", T.set), { deprecated: true }),
    impl: (args) => setDifference(argSet(args, 0), argSet(args, 1)),
  },
];
