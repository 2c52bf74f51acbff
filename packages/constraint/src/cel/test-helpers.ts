/** Test helpers: evaluate one expression with JSON bindings. Used by the unit tests only. */
import { ROOTS } from "./bindings.js";
import { compileExpression } from "./compile.js";
import { CelEvalError } from "./errors.js";
import { kubernetesFunctions } from "./library.js";
import { runProgram } from "./program.js";
import { type CelValue, fromJson, toJson } from "./values.js";

const noVariables = {
  get(): CelValue {
    throw new CelEvalError("no variables");
  },
  all(): Map<CelValue, CelValue> {
    return new Map();
  },
};

/** Evaluates `expr` with `object` (and friends) bound from JSON; returns the raw CEL value. */
export function evalRaw(expr: string, bindings: Record<string, unknown> = {}): CelValue {
  const p = compileExpression(expr, { functions: kubernetesFunctions(), roots: ROOTS });
  const roots: CelValue[] = [null, null, null, null, null];
  for (const [k, v] of Object.entries(bindings)) {
    const i = ROOTS.get(k);
    if (i !== undefined) roots[i] = fromJson(v);
  }
  return runProgram(p, roots, noVariables, Number.POSITIVE_INFINITY);
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
