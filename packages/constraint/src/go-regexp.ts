import { RE2JS } from "re2js";

/** A compiled Go (RE2) regular expression. */
export interface GoRegexp {
  /** Whether the expression matches somewhere in `text`. */
  test(text: string): boolean;
}

/**
 * Compiles a Go (RE2) regular expression as gator does, with re2js: `(?P<name>…)`, `\z`, `\Q…\E`
 * and inline flags anywhere mean what they mean in Go, and matching takes linear time. Throws
 * re2js's syntax error, whose message is Go's (`error parsing regexp: …`).
 */
export function compileGoRegexp(pattern: string): GoRegexp {
  return RE2JS.compile(pattern);
}
