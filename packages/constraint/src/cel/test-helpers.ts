/** Test helpers: evaluate one expression with JSON bindings. Used by the unit tests only. */
import { type CelValue, isCelList, isCelMap, isCelUint } from "@bufbuild/cel";
import { ROOTS } from "./bindings.js";
import { celErrorText } from "./error-text.js";
import { CelEvalError, isCelErrorValue } from "./errors.js";
import { INTERNAL } from "./internal-functions.js";
import { fromJson } from "./json-values.js";
import { type Activation, compileExpression } from "./program.js";

/** Evaluates `expr` with `object` (and friends) bound from JSON; returns the raw CEL value. */
export function evalRaw(expr: string, bindings: Record<string, unknown> = {}): CelValue {
  const p = compileExpression(expr, { roots: ROOTS });
  const activation: Activation = { [INTERNAL.deadline]: Number.POSITIVE_INFINITY };
  for (const name of ROOTS) activation[name] = fromJson(bindings[name]);
  const r = p.run(activation);
  if (isCelErrorValue(r)) throw new CelEvalError(celErrorText(r));
  return r;
}

/** A CEL value as plain JSON-like JavaScript (ints become numbers). */
export function toJson(v: CelValue): unknown {
  if (typeof v === "bigint") return Number(v);
  if (isCelUint(v)) return Number(v.value);
  if (isCelList(v)) return Array.from(v, toJson);
  if (isCelMap(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[String(isCelUint(k) ? k.value : k)] = toJson(x);
    return out;
  }
  return v;
}

/** Evaluates `expr` and converts the result to plain JSON (ints become numbers). */
export function evalJson(expr: string, bindings: Record<string, unknown> = {}): unknown {
  return toJson(evalRaw(expr, bindings));
}

/** The error message `expr` fails with, or undefined when it evaluates. */
export function evalError(expr: string, bindings: Record<string, unknown> = {}): string | undefined {
  try {
    evalRaw(expr, bindings);
    return undefined;
  } catch (e: unknown) {
    if (e instanceof CelEvalError) return e.message;
    throw e;
  }
}
