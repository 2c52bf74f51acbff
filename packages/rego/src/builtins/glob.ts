/** OPA's glob builtins (`v1/topdown/glob.go`): `glob.match` and `glob.quote_meta`. */
import { RE2JS } from "re2js";
import { isArray, typeName, type Value } from "../value/value.js";
import { argString } from "./args.js";
import { OperandTypeError } from "./errors.js";
import { globToRegex } from "./glob-compile.js";
import { PatternCache } from "./regex-cache.js";
import type { BuiltinDef } from "./registry.js";
import { elementError } from "./strings.js";
import { decl, p, T } from "./types.js";

const DOT: readonly string[] = ["."];
const NONE: readonly string[] = [];
const dotCache = new PatternCache<RE2JS>(256);
const otherCache = new PatternCache<RE2JS>(128);

/** The delimiters operand: null means none, an empty array means ["."]; each must be one rune. */
function delimiters(v: Value): readonly string[] {
  if (v === null) return NONE;
  if (!isArray(v)) throw OperandTypeError.mustBe(2, typeName(v), "array", "null");
  if (v.length === 0) return DOT;
  const out: string[] = [];
  for (const d of v) {
    if (typeof d !== "string") throw elementError(2, v, d, "string");
    const cp = d.codePointAt(0);
    if (cp === undefined || d.length !== (cp > 0xffff ? 2 : 1)) throw elementError(2, v, d, "rune");
    out.push(d);
  }
  return out;
}

/** gobwas's `QuoteMeta`: escapes `*?\[]{}`. */
function quoteMeta(s: string): string {
  return s.replace(/[*?\\[\]{}]/g, "\\$&");
}

/** Glob builtins. */
export const globBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "glob.match",
      [p("pattern", T.string), p("delimiters", T.anyOf(T.arrayOf(T.string), T.null)), p("match", T.string)],
      p("result", T.boolean),
    ),
    impl: (args) => {
      const pattern = argString(args, 0);
      const delims = delimiters(args[1] ?? null);
      const match = argString(args, 2);
      const compile = (): RE2JS => RE2JS.compile(globToRegex(pattern, delims));
      const re =
        delims === DOT
          ? dotCache.get(pattern, compile)
          : otherCache.get(`${delims.join("")}-${pattern}`, compile);
      return re.testExact(match);
    },
  },
  {
    decl: decl("glob.quote_meta", [p("pattern", T.string)], p("output", T.string)),
    impl: (args) => quoteMeta(argString(args, 0)),
  },
];
