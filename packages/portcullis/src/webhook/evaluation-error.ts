/**
 * The constraint framework reports an evaluation error as a result whose message is the error
 * text: for Rego `[file:row: ]eval_<kind>_error: message` (OPA's format), for CEL a cancelled
 * evaluation's "evaluation deadline exceeded". The webhook answers those with code 500 instead
 * of treating them as violations.
 */
const REGO_ERROR = /^(?:\S+:\d+: )?eval_[a-z_]+_error: /;
const CEL_DEADLINE = "operation interrupted: evaluation deadline exceeded";

/** True when a result message is an evaluation error rather than a violation. */
export function isEvaluationError(msg: string): boolean {
  return REGO_ERROR.test(msg) || msg.includes(CEL_DEADLINE);
}

/** True when a message reports a cancelled (deadline-exceeded) evaluation. */
export function isCancellation(msg: string): boolean {
  return msg.includes("eval_cancel_error") || msg.includes(CEL_DEADLINE);
}
