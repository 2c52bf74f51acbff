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
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = RE2JS.compile(pattern);
    if (compiled.size >= MAX_KEPT) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** Patterns compiled so far (suites repeat their messages across cases), up to {@link MAX_KEPT}. */
const compiled = new Map<string, RE2JS>();
const MAX_KEPT = 1024;
