import { compiledRegex } from "@portcullis/rego";

/** A compiled Go (RE2) regular expression. */
export interface GoRegexp {
  /** Whether the expression matches somewhere in `text`. */
  test(text: string): boolean;
}

/**
 * Compiles a Go (RE2) regular expression as gator does, with re2js: `(?P<name>…)`, `\z`, `\Q…\E`
 * and inline flags anywhere mean what they mean in Go, and matching takes linear time. Compiled
 * patterns are kept in the Rego builtins' cache (suites repeat their messages across cases).
 * Throws an error whose message is Go's (`error parsing regexp: …`).
 */
export function compileGoRegexp(pattern: string): GoRegexp {
  return compiledRegex(pattern);
}
