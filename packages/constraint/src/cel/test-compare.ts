/**
 * Test helpers: CEL results as canonical text (type-exact: `1` int, `1u`, `1.0` double), so that
 * results from the compiler and from @bufbuild/cel's planner can be compared. Used by the unit
 * tests only.
 */
import { type CelResult, celType, isCelList, isCelMap, isCelType, isCelUint } from "@bufbuild/cel";
import { toJson } from "@bufbuild/protobuf";
import { isReflectMessage } from "@bufbuild/protobuf/reflect";
import { ROOTS } from "./bindings.js";
import { celErrorText } from "./error-text.js";
import { isCelErrorValue } from "./errors.js";
import { INTERNAL } from "./internal-functions.js";
import { fromJson } from "./json-values.js";
import { type Activation, type CompileOptions, compileExpression } from "./program.js";

function double(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return `${n}.0`;
  return String(n);
}

/** A CEL value or error as canonical text; map entries sorted. */
export function describeResult(r: CelResult): string {
  if (isCelErrorValue(r)) return `error(${celErrorText(r)})`;
  switch (typeof r) {
    case "bigint":
      return String(r);
    case "number":
      return double(r);
    case "string":
      return JSON.stringify(r);
    case "boolean":
      return String(r);
  }
  if (r === null) return "null";
  if (isCelUint(r)) return `${r.value}u`;
  if (r instanceof Uint8Array) return `b"${Array.from(r, (b) => b.toString(16).padStart(2, "0")).join("")}"`;
  if (isCelList(r)) return `[${Array.from(r, describeResult).join(", ")}]`;
  if (isCelMap(r))
    return `{${Array.from(r, ([k, v]) => `${describeResult(k)}: ${describeResult(v)}`)
      .sort()
      .join(", ")}}`;
  if (isCelType(r)) return `type(${r.name})`;
  if (isReflectMessage(r)) return `${r.desc.typeName}${JSON.stringify(toJson(r.desc, r.message))}`;
  return `?${celType(r).name}`;
}

/** Evaluates `expr` with JSON bindings on one engine; compile errors are thrown. */
export function evalWith(
  engine: CompileOptions["engine"],
  expr: string,
  bindings: Record<string, unknown> = {},
): CelResult {
  const p = compileExpression(expr, { roots: ROOTS }, { engine });
  const activation: Activation = { [INTERNAL.deadline]: Number.POSITIVE_INFINITY };
  for (const name of ROOTS) activation[name] = fromJson(bindings[name]);
  return p.run(activation);
}
