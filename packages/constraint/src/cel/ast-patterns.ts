/** Small structural tests on parse trees, for recognizing the shapes macros expand to. */
import type { Expr } from "./ast.js";

/** The name of an identifier node. */
export function identName(e: Expr | undefined): string | undefined {
  return e?.exprKind.case === "identExpr" ? e.exprKind.value.name : undefined;
}

/** Whether `e` is the identifier `name`. */
export function isIdent(e: Expr | undefined, name: string): boolean {
  return identName(e) === name;
}

/** The arguments of a global call to `fn` with `argc` arguments; undefined for anything else. */
export function callArgs(e: Expr | undefined, fn: string, argc: number): readonly Expr[] | undefined {
  if (e?.exprKind.case !== "callExpr") return undefined;
  const c = e.exprKind.value;
  return c.function === fn && c.target === undefined && c.args.length === argc ? c.args : undefined;
}

/** The value of a bool constant. */
export function boolConstant(e: Expr | undefined): boolean | undefined {
  if (e?.exprKind.case !== "constExpr") return undefined;
  const k = e.exprKind.value.constantKind;
  return k.case === "boolValue" ? k.value : undefined;
}

/** Whether `e` is the int constant `v`. */
export function isIntConstant(e: Expr | undefined, v: bigint): boolean {
  if (e?.exprKind.case !== "constExpr") return false;
  const k = e.exprKind.value.constantKind;
  return k.case === "int64Value" && k.value === v;
}

/** The elements of a list literal. */
export function listElements(e: Expr | undefined): readonly Expr[] | undefined {
  return e?.exprKind.case === "listExpr" ? e.exprKind.value.elements : undefined;
}

/** Whether `name` occurs free in `e` (comprehension variables shadow it). */
export function mentions(e: Expr | undefined, name: string): boolean {
  if (e === undefined) return false;
  const k = e.exprKind;
  switch (k.case) {
    case "identExpr":
      return k.value.name === name;
    case "selectExpr":
      return mentions(k.value.operand, name);
    case "callExpr":
      return mentions(k.value.target, name) || k.value.args.some((a) => mentions(a, name));
    case "listExpr":
      return k.value.elements.some((x) => mentions(x, name));
    case "structExpr":
      return k.value.entries.some(
        (en) =>
          (en.keyKind.case === "mapKey" && mentions(en.keyKind.value, name)) || mentions(en.value, name),
      );
    case "comprehensionExpr": {
      const c = k.value;
      if (mentions(c.iterRange, name) || mentions(c.accuInit, name)) return true;
      if (c.accuVar === name) return false;
      if (mentions(c.result, name)) return true;
      if (c.iterVar === name || c.iterVar2 === name) return false;
      return mentions(c.loopCondition, name) || mentions(c.loopStep, name);
    }
    default:
      return false;
  }
}
