/** Evaluates a compiled template against one review and one constraint: Kubernetes' VAP decisions. */
import type { CelTemplate, CompiledValidation } from "./cel-template.js";
import { CelEvalError } from "./errors.js";
import { LazyVariables } from "./lazy-variables.js";
import { type Program, runProgram } from "./program.js";
import { utf8Length } from "./utf8.js";
import type { CelValue } from "./values.js";

/** Kubernetes' limit on a messageExpression result. */
const MAX_MESSAGE_BYTES = 5 * 1024;

type Outcome = { readonly value: CelValue } | { readonly error: string };

function run(p: Program, roots: readonly CelValue[], vars: LazyVariables, deadline: number): Outcome {
  try {
    return { value: runProgram(p, roots, vars, deadline) };
  } catch (e: unknown) {
    if (e instanceof CelEvalError)
      return { error: `expression '${p.source}' resulted in error: ${e.message}` };
    if (e instanceof RangeError) return { error: `expression '${p.source}' resulted in error: ${e.message}` };
    throw e;
  }
}

/**
 * The message of a failed validation: the messageExpression's result when it is a non-empty,
 * single-line string of at most 5 KiB, else `message`, else `failed expression: <expression>`.
 */
export function violationMessage(validation: CompiledValidation, messageResult: Outcome | undefined): string {
  let message = "";
  if (messageResult !== undefined && "value" in messageResult && typeof messageResult.value === "string") {
    message = messageResult.value.trim();
    if (utf8Length(message) > MAX_MESSAGE_BYTES || message.includes("\n")) message = "";
  }
  if (message === "" && validation.message !== "") message = validation.message.trim();
  if (message === "") message = `failed expression: ${validation.expression.trim()}`;
  return message;
}

/** Joins errors as Kubernetes' aggregate error does. */
function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? (errors[0] ?? "") : `[${errors.join(", ")}]`;
}

/** Evaluates all validations; returns the violation messages (errors included under Fail). */
export function evaluateTemplate(t: CelTemplate, roots: readonly CelValue[], deadline: number): string[] {
  const vars = new LazyVariables(t.variableNames, t.variables, roots, deadline);
  const fail = t.failurePolicy === "Fail";
  const conditionErrors: string[] = [];
  for (const m of t.matchConditions) {
    const r = run(m.program, roots, vars, deadline);
    if ("error" in r) conditionErrors.push(r.error);
    else if (r.value === false) return [];
    else if (r.value !== true)
      conditionErrors.push(
        `expression '${m.program.source}' resulted in error: no such overload: match condition is not a bool`,
      );
  }
  if (conditionErrors.length > 0) return fail ? [aggregate(conditionErrors)] : [];
  const out: string[] = [];
  for (const v of t.validations) {
    const r = run(v.program, roots, vars, deadline);
    if ("error" in r) {
      if (fail) out.push(r.error);
      continue;
    }
    if (r.value === true) continue;
    const messageResult =
      v.messageProgram === undefined ? undefined : run(v.messageProgram, roots, vars, deadline);
    out.push(violationMessage(v, messageResult));
  }
  return out;
}
