/**
 * Test helpers for the parser: the CEL expressions of the gatekeeper-library templates (every
 * `expression` and `messageExpression` string under `spec.targets[].code[].source`: variables,
 * validations, match conditions), and @bufbuild/cel's parse as the reference. Used by the tests
 * only.
 */
import { parse } from "@bufbuild/cel";
import { arr, LIBRARY, obj, readYaml, templateFiles } from "../test-library.js";
import type { ParsedExpr } from "./builder.js";

/** @bufbuild/cel's parse, or undefined when it throws. */
export function reference(source: string): ParsedExpr | undefined {
  try {
    return parse(source);
  } catch (e: unknown) {
    if (e instanceof Error) return undefined;
    throw e;
  }
}

function collect(v: unknown, out: string[]): void {
  if (Array.isArray(v)) {
    for (const x of v) collect(x, out);
    return;
  }
  if (typeof v !== "object" || v === null) return;
  for (const [key, x] of Object.entries(v)) {
    if ((key === "expression" || key === "messageExpression") && typeof x === "string") out.push(x);
    else collect(x, out);
  }
}

/** The CEL expressions of the library's templates, in file order. */
export function libraryExpressions(root: string = LIBRARY): string[] {
  const out: string[] = [];
  for (const file of templateFiles(root))
    for (const template of readYaml(file))
      for (const target of arr(obj(template, "spec"), "targets"))
        for (const code of arr(target, "code")) collect(obj(code, "source"), out);
  return out;
}
