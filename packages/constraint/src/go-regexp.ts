/**
 * Compiles a Go (RE2) regular expression as a JS RegExp: leading inline flags `(?i)`, `(?s)`,
 * `(?m)` become RegExp flags; `\z` becomes `$`. Throws SyntaxError when the pattern is invalid.
 */
export function compileGoRegexp(pattern: string): RegExp {
  let flags = "u";
  let body = pattern;
  const m = /^\(\?([ims]+)\)/.exec(body);
  if (m?.[1] !== undefined) {
    for (const f of m[1]) if (!flags.includes(f)) flags += f;
    body = body.slice(m[0].length);
  }
  body = body.replace(/\\z/g, "$");
  return new RegExp(body, flags);
}
