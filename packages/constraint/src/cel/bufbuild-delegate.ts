/**
 * Rare cases handed to @bufbuild/cel itself: converting unusual bindings, field access on protobuf
 * messages, and calling library functions that need @bufbuild/cel's evaluation context (those that
 * return raw protobuf messages, such as `duration()` and `timestamp()`). The context is only set
 * inside a planned program, so these run through tiny planned programs.
 */
import { type CelInput, type CelResult, CelScalar, celEnv, celFunc, plan } from "@bufbuild/cel";
import type { Expr } from "./ast.js";
import { isCelErrorValue } from "./errors.js";

type Planned = (bindings: Record<string, CelInput>) => CelResult;

function ident(id: bigint, name: string): Expr {
  return {
    $typeName: "cel.expr.Expr",
    id,
    exprKind: { case: "identExpr", value: { $typeName: "cel.expr.Expr.Ident", name } },
  };
}

function call(id: bigint, fn: string, args: Expr[]): Expr {
  return {
    $typeName: "cel.expr.Expr",
    id,
    exprKind: { case: "callExpr", value: { $typeName: "cel.expr.Expr.Call", function: fn, args } },
  };
}

function select(field: string, testOnly: boolean): Expr {
  return {
    $typeName: "cel.expr.Expr",
    id: 2n,
    exprKind: {
      case: "selectExpr",
      value: { $typeName: "cel.expr.Expr.Select", operand: ident(1n, "v"), field, testOnly },
    },
  };
}

function planned(e: Expr): Planned {
  const run = plan(celEnv(), e);
  return (bindings) => run(bindings);
}

let identity: Planned | undefined;
const selects = new Map<string, Planned>();

/** `v` as @bufbuild/cel converts an input (arrays, Maps, plain objects, messages, wrappers). */
export function delegateInput(v: CelInput): CelResult {
  identity ??= planned(ident(1n, "v"));
  return identity({ v });
}

/** `v.field`, or `has(v.field)` with `testOnly`, as @bufbuild/cel evaluates it. */
export function delegateSelect(v: CelInput, field: string, testOnly: boolean): CelResult {
  const key = `${testOnly ? "?" : "."}${field}`;
  let p = selects.get(key);
  if (p === undefined) {
    p = planned(select(field, testOnly));
    selects.set(key, p);
  }
  return p({ v });
}

let pending: (() => CelResult | undefined) | undefined;
let result: CelResult | undefined;
let trampoline: Planned | undefined;

function makeTrampoline(): Planned {
  const env = celEnv({
    funcs: [
      celFunc("trampoline", [], CelScalar.BOOL, () => {
        const f = pending;
        pending = undefined;
        result = f === undefined ? undefined : f();
        return true;
      }),
    ],
  });
  const run = plan(env, call(1n, "trampoline", []));
  return (bindings) => run(bindings);
}

/** Runs `f` inside a @bufbuild/cel evaluation context (re-entrant). */
export function inEvalContext(f: () => CelResult | undefined): CelResult | undefined {
  trampoline ??= makeTrampoline();
  pending = f;
  const r = trampoline({});
  if (isCelErrorValue(r)) return r;
  const out = result;
  result = undefined;
  return out;
}
