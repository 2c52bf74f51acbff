/**
 * Compiles a glob in the syntax of gobwas/glob v0.2 (as OPA's `glob.match` uses it) to an RE2
 * pattern: `*` (any run of non-delimiters), `**` (any run), `?` (one non-delimiter), `[abc]`,
 * `[a-z]`, `[!...]`, `{a,b}` and `\` escapes. Lexing and parsing follow gobwas, errors included.
 */
import { BuiltinError } from "./errors.js";

type Tok =
  | { readonly t: "text"; readonly s: string }
  | {
      readonly t:
        | "any"
        | "super"
        | "single"
        | "not"
        | "sep"
        | "open"
        | "close"
        | "between"
        | "topen"
        | "tclose";
    }
  | { readonly t: "lo" | "hi"; readonly r: number };

/** gobwas's lexer: the tokens of a pattern, or its error message. */
function lex(src: string): Tok[] {
  const cps = Array.from(src, (ch) => ch.codePointAt(0) ?? 0);
  const out: Tok[] = [];
  let i = 0;
  let terms = 0;
  const text = (breakers: readonly number[]): void => {
    let s = "";
    let escaped = false;
    while (i < cps.length) {
      const r = cps[i] as number;
      if (!escaped) {
        if (r === 0x5c) {
          escaped = true;
          i++;
          continue;
        }
        if (breakers.includes(r)) break;
      }
      escaped = false;
      s += String.fromCodePoint(r);
      i++;
    }
    if (s !== "") out.push({ t: "text", s });
  };
  while (i < cps.length) {
    const r = cps[i++] as number;
    if (r === 0x7b) {
      terms++;
      out.push({ t: "topen" });
    } else if (r === 0x2c && terms > 0) {
      out.push({ t: "sep" });
    } else if (r === 0x7d && terms > 0) {
      terms--;
      out.push({ t: "tclose" });
    } else if (r === 0x5b) {
      out.push({ t: "open" });
      lexRange();
    } else if (r === 0x3f) {
      out.push({ t: "single" });
    } else if (r === 0x2a) {
      if (cps[i] === 0x2a) {
        i++;
        out.push({ t: "super" });
      } else out.push({ t: "any" });
    } else {
      i--;
      text(terms > 0 ? [0x3f, 0x2a, 0x5b, 0x7b, 0x7d, 0x2c] : [0x3f, 0x2a, 0x5b, 0x7b]);
    }
  }
  return out;

  function lexRange(): void {
    let wantHi = false;
    let wantClose = false;
    let seenNot = false;
    while (true) {
      const r = cps[i++];
      if (r === undefined) throw new BuiltinError("unexpected end of input");
      if (wantClose) {
        if (r !== 0x5d) throw new BuiltinError("expected close range character");
        out.push({ t: "close" });
        return;
      }
      if (wantHi) {
        out.push({ t: "hi", r });
        wantClose = true;
        continue;
      }
      if (!seenNot && r === 0x21) {
        out.push({ t: "not" });
        seenNot = true;
        continue;
      }
      if (cps[i] === 0x2d) {
        i++;
        out.push({ t: "lo", r }, { t: "between" });
        wantHi = true;
        continue;
      }
      i--;
      text([0x5d]);
      wantClose = true;
    }
  }
}

/** An RE2 class item matching exactly code point `cp`. */
function lit(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}

function literal(s: string): string {
  let out = "";
  for (const ch of s) out += /[\p{L}\p{N}]/u.test(ch) ? ch : lit(ch.codePointAt(0) ?? 0);
  return out;
}

/** Compiles a glob with the given delimiters to an anchored RE2 pattern. */
export function globToRegex(pattern: string, delimiters: readonly string[]): string {
  const toks = lex(pattern);
  const notDelim =
    delimiters.length === 0 ? "(?s:.)" : `[^${delimiters.map((d) => lit(d.codePointAt(0) ?? 0)).join("")}]`;
  let re = "";
  // Open `{` groups; gobwas closes any left open at the end.
  let depth = 0;
  let i = 0;
  while (i < toks.length) {
    const tok = toks[i++] as Tok;
    switch (tok.t) {
      case "text":
        re += literal(tok.s);
        break;
      case "any":
        re += `${notDelim}*`;
        break;
      case "super":
        re += "(?s:.*)";
        break;
      case "single":
        re += notDelim;
        break;
      case "topen":
        depth++;
        re += "(?:";
        break;
      case "sep":
        re += "|";
        break;
      case "tclose":
        depth--;
        re += ")";
        break;
      case "open": {
        let not = false;
        let lo = 0;
        let hi = 0;
        let chars = "";
        while (true) {
          const r = toks[i++];
          if (r === undefined) throw new BuiltinError("unexpected end");
          if (r.t === "not") not = true;
          else if (r.t === "lo") lo = r.r;
          else if (r.t === "hi") {
            hi = r.r;
            if (hi < lo) {
              throw new BuiltinError(
                `hi character '${String.fromCodePoint(hi)}' should be greater than lo '${String.fromCodePoint(lo)}'`,
              );
            }
          } else if (r.t === "text") chars = r.s;
          else if (r.t === "close") break;
        }
        const isRange = lo !== 0 && hi !== 0;
        if ((chars !== "") === isRange) throw new BuiltinError("could not parse range");
        const body = isRange
          ? `${lit(lo)}-${lit(hi)}`
          : Array.from(chars, (ch) => lit(ch.codePointAt(0) ?? 0)).join("");
        re += `[${not ? "^" : ""}${body}]`;
        break;
      }
      default:
        break;
    }
  }
  re += ")".repeat(Math.max(depth, 0));
  return `^(?:${re})$`;
}
