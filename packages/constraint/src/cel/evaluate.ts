/** Evaluates a compiled template against one review and one constraint: Kubernetes' VAP decisions. */
import type { CelValue } from "@bufbuild/cel";
import type { CelTemplate, CompiledValidation } from "./cel-template.js";
import { deadlinePassed } from "./deadline-clock.js";
import { celErrorText } from "./error-text.js";
import { isCelErrorValue } from "./errors.js";
import { DEADLINE_EXCEEDED } from "./internal-functions.js";
import type { Activation, Program } from "./program.js";

/** Kubernetes' limit on a messageExpression result. */
const MAX_MESSAGE_BYTES = 5 * 1024;

type Outcome = { readonly value: CelValue } | { readonly error: string };

function failed(p: Program, message: string): Outcome {
  return { error: `expression '${p.source}' resulted in error: ${message}` };
}

function run(p: Program, activation: Activation, deadline: number): Outcome {
  if (deadlinePassed(deadline)) return failed(p, DEADLINE_EXCEEDED);
  const r = p.run(activation);
  return isCelErrorValue(r) ? failed(p, celErrorText(r)) : { value: r };
}

/** Whether `s` is longer than `max` bytes in UTF-8. */
function longerThan(s: string, max: number): boolean {
  // A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4).
  if (s.length * 3 <= max) return false;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n > max;
}

/**
 * The message of a failed validation: the messageExpression's result when it is a non-empty,
 * single-line string of at most 5 KiB, else `message`, else `failed expression: <expression>`.
 */
export function violationMessage(validation: CompiledValidation, messageResult: Outcome | undefined): string {
  let message = "";
  if (messageResult !== undefined && "value" in messageResult && typeof messageResult.value === "string") {
    message = messageResult.value.trim();
    if (message.includes("\n") || longerThan(message, MAX_MESSAGE_BYTES)) message = "";
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
export function evaluateTemplate(t: CelTemplate, activation: Activation, deadline: number): string[] {
  const fail = t.failurePolicy === "Fail";
  const conditionErrors: string[] = [];
  for (const m of t.matchConditions) {
    const r = run(m.program, activation, deadline);
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
    const r = run(v.program, activation, deadline);
    if ("error" in r) {
      if (fail) out.push(r.error);
      continue;
    }
    if (r.value === true) continue;
    const messageResult =
      v.messageProgram === undefined ? undefined : run(v.messageProgram, activation, deadline);
    out.push(violationMessage(v, messageResult));
  }
  return out;
}
