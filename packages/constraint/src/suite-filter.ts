import { compileGoRegexp, type GoRegexp } from "./go-regexp.js";
import { SuiteError } from "./suite-errors.js";

/** Selects the tests and cases to run (gator verify `--run`). */
export interface SuiteFilter {
  /** Whether a test (with these case names) runs. */
  matchesTest(testName: string, caseNames: readonly string[]): boolean;
  /** Whether a case of a test runs. */
  matchesCase(testName: string, caseName: string): boolean;
}

const ALL: SuiteFilter = { matchesTest: () => true, matchesCase: () => true };

function regex(pattern: string): GoRegexp {
  try {
    return compileGoRegexp(pattern);
  } catch (e: unknown) {
    throw new SuiteError("invalid_filter", e instanceof Error ? e.message : String(e));
  }
}

/**
 * Parses a `--run` filter as gator does: "" runs everything; `x` runs tests or cases whose
 * name matches regex x (a test runs when it or one of its cases matches); `t//c` runs cases
 * matching c in tests matching t. More than one `//` is an error.
 */
export function newSuiteFilter(run: string): SuiteFilter {
  if (run === "") return ALL;
  const parts = run.split("//");
  if (parts.length > 2) throw new SuiteError("invalid_filter", `a filter may include at most one "//"`);
  if (parts.length === 1) {
    const re = regex(parts[0] ?? "");
    const matchesCase = (t: string, c: string): boolean => re.test(c) || re.test(t);
    return {
      matchesCase,
      matchesTest: (t, cases) => re.test(t) || cases.some((c) => matchesCase(t, c)),
    };
  }
  const testRe = regex(parts[0] ?? "");
  const caseRe = regex(parts[1] ?? "");
  return {
    matchesTest: (t) => testRe.test(t),
    matchesCase: (t, c) => caseRe.test(c) && testRe.test(t),
  };
}
