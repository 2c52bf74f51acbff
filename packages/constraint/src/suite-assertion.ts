import { compileGoRegexp, type GoRegexp } from "./go-regexp.js";
import type { Assertion } from "./suite.js";
import { SuiteError } from "./suite-errors.js";

const BAD_VIOLATIONS = `assertion.violation, if set, must be a nonnegative integer, "yes", or "no"`;

/**
 * Checks one assertion against a case's result messages, as gator does: count the results whose
 * msg matches `message` (all when unset); `yes` wants at least one, `no` none, a number exactly
 * that many. Throws SuiteError on failure.
 */
export function checkAssertion(assertion: Assertion, messages: readonly string[]): void {
  let re: GoRegexp | undefined;
  if (assertion.message !== undefined) {
    try {
      re = compileGoRegexp(assertion.message);
    } catch (e: unknown) {
      throw new SuiteError("invalid_regex", e instanceof Error ? e.message : String(e));
    }
  }
  let matching = 0;
  for (const m of messages) if (re === undefined || re.test(m)) matching++;
  const want = assertion.violations ?? "yes";
  const containing =
    assertion.message === undefined ? "" : ` containing ${JSON.stringify(assertion.message)}`;
  const got = `: got messages [${messages.join(" ")}]`;
  if (typeof want === "number") {
    if (!Number.isInteger(want) || want < 0) throw new SuiteError("invalid_yaml", BAD_VIOLATIONS);
    if (matching !== want) {
      throw new SuiteError(
        "num_violations",
        `got ${matching} violations${containing} but want exactly ${want}${got}`,
      );
    }
    return;
  }
  if (want === "yes") {
    if (matching === 0)
      throw new SuiteError(
        "num_violations",
        `got ${matching} violations${containing} but want at least 1${got}`,
      );
    return;
  }
  if (want === "no") {
    if (matching > 0)
      throw new SuiteError("num_violations", `got ${matching} violations${containing} but want none${got}`);
    return;
  }
  throw new SuiteError("invalid_yaml", BAD_VIOLATIONS);
}
