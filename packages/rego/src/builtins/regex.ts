/**
 * OPA's regex builtins (`v1/topdown/regex.go`) over re2js, which implements Go's RE2 syntax.
 * Match iteration, splitting, replacement and `$` expansion follow Go's `regexp` package.
 */
import { RE2JS } from "re2js";
import { goQuote } from "../value/go-quote.js";
import type { Value } from "../value/value.js";
import { argString } from "./args.js";
import { BuiltinError, errorMessage } from "./errors.js";
import { PatternCache } from "./regex-cache.js";
import { globsIntersect } from "./regex-globs.js";
import type { BuiltinDef } from "./registry.js";
import { intOperand } from "./strings.js";
import { decl, p, T } from "./types.js";

const cache = new PatternCache<RE2JS>(256);
const templateCache = new PatternCache<RE2JS>(128);

function compileGo(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (e: unknown) {
    throw new BuiltinError(errorMessage(e));
  }
}

/** The compiled pattern, cached; an invalid pattern raises Go's parse error. */
export function compiledRegex(pattern: string): RE2JS {
  return cache.get(pattern, compileGo);
}

function step(s: string, pos: number): number {
  const c = s.charCodeAt(pos);
  return c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length ? 2 : 1;
}

/**
 * Go's `allMatches`: successive non-overlapping matches, at most `n` (all when n < 0); an empty
 * match right after a previous match is skipped. Each match is its group offsets (-1 unmatched).
 */
function allMatches(re: RE2JS, s: string, n: number): number[][] {
  const limit = n < 0 ? s.length + 1 : n;
  const out: number[][] = [];
  const m = re.matcher(s);
  const groups = re.groupCount();
  let pos = 0;
  let prevEnd = -1;
  while (out.length < limit && pos <= s.length) {
    if (!m.find(pos)) break;
    const start = m.start();
    const end = m.end();
    let accept = true;
    if (end === pos) {
      if (start === prevEnd) accept = false;
      pos += pos < s.length ? step(s, pos) : 1;
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) {
      const offsets = [start, end];
      for (let g = 1; g <= groups; g++) offsets.push(m.start(g), m.end(g));
      out.push(offsets);
    }
  }
  return out;
}

function findN(re: RE2JS, s: string, n: number): string[] {
  return allMatches(re, s, n).map((o) => s.slice(o[0], o[1]));
}

function findAllSubmatch(re: RE2JS, s: string, n: number): string[][] {
  return allMatches(re, s, n).map((o) => {
    const row: string[] = [];
    for (let i = 0; i < o.length; i += 2) {
      const a = o[i] ?? -1;
      row.push(a < 0 ? "" : s.slice(a, o[i + 1]));
    }
    return row;
  });
}

/** Go's `Regexp.Split(s, -1)`. */
function split(re: RE2JS, pattern: string, s: string): string[] {
  if (pattern.length > 0 && s.length === 0) return [""];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const o of allMatches(re, s, -1)) {
    end = o[0] ?? 0;
    if ((o[1] ?? 0) !== 0) out.push(s.slice(beg, end));
    beg = o[1] ?? 0;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/** Go's `extract` for `$name` / `${name}` in a replacement template. */
function extract(t: string): { name: string; num: number; rest: string } | undefined {
  let str = t;
  const brace = str[0] === "{";
  if (brace) str = str.slice(1);
  let i = 0;
  while (i < str.length) {
    const ch = String.fromCodePoint(str.codePointAt(i) ?? 0);
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === 0) return undefined;
  const name = str.slice(0, i);
  if (brace) {
    if (str[i] !== "}") return undefined;
    i++;
  }
  let num = /^\d+$/.test(name) && name.length <= 9 ? Number(name) : -1;
  if (name[0] === "0" && name.length > 1) num = -1;
  return { name, num, rest: str.slice(i) };
}

/** Go's `Regexp.Expand`: `$1`, `${1}`, `$name`, `${name}` and `$$`. */
function expand(
  template: string,
  s: string,
  offsets: readonly number[],
  names: Record<string, number>,
): string {
  let out = "";
  let t = template;
  while (t.length > 0) {
    const at = t.indexOf("$");
    if (at < 0) break;
    out += t.slice(0, at);
    t = t.slice(at + 1);
    if (t[0] === "$") {
      out += "$";
      t = t.slice(1);
      continue;
    }
    const ex = extract(t);
    if (ex === undefined) {
      out += "$";
      continue;
    }
    t = ex.rest;
    const group = ex.num >= 0 ? ex.num : (names[ex.name] ?? -1);
    const a = offsets[2 * group] ?? -1;
    if (group >= 0 && a >= 0) out += s.slice(a, offsets[2 * group + 1]);
  }
  return out + t;
}

/** Go's `ReplaceAllString`. */
function replaceAll(re: RE2JS, s: string, template: string): string {
  const names = re.namedGroups();
  const literal = !template.includes("$");
  const m = re.matcher(s);
  const groups = re.groupCount();
  let out = "";
  let lastEnd = 0;
  let pos = 0;
  while (pos <= s.length) {
    if (!m.find(pos)) break;
    const start = m.start();
    const end = m.end();
    out += s.slice(lastEnd, start);
    if (end > lastEnd || start === 0) {
      if (literal) out += template;
      else {
        const offsets = [start, end];
        for (let g = 1; g <= groups; g++) offsets.push(m.start(g), m.end(g));
        out += expand(template, s, offsets, names);
      }
    }
    lastEnd = end;
    const width = pos < s.length ? step(s, pos) : 0;
    if (pos + width > end) pos += width;
    else if (pos + 1 > end) pos++;
    else pos = end;
  }
  return out + s.slice(lastEnd);
}

/** Go's `regexp.QuoteMeta`. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** gorilla/mux-style templates: text with `<regex>` parts between single-byte delimiters. */
function compileTemplate(tpl: string, open: string, close: string): RE2JS {
  const idxs: number[] = [];
  let level = 0;
  let idx = 0;
  for (let i = 0; i < tpl.length; i++) {
    if (tpl[i] === open) {
      level++;
      if (level === 1) idx = i;
    } else if (tpl[i] === close) {
      level--;
      if (level === 0) idxs.push(idx, i + 1);
      else if (level < 0) throw new BuiltinError(`unbalanced braces in ${goQuote(tpl)}`);
    }
  }
  if (level !== 0) throw new BuiltinError(`unbalanced braces in ${goQuote(tpl)}`);
  let pattern = "^";
  let end = 0;
  for (let i = 0; i < idxs.length; i += 2) {
    const from = idxs[i] ?? 0;
    const raw = tpl.slice(end, from);
    end = idxs[i + 1] ?? 0;
    const part = tpl.slice(from + 1, end - 1);
    pattern += `${quoteMeta(raw)}(${part})`;
    compileGo(`^${part}$`);
  }
  return compileGo(`${pattern}${quoteMeta(tpl.slice(end))}$`);
}

/** Answers of `regex.match` by pattern, then value: admission inputs repeat the same values often. */
const matchMemo = new PatternCache<Map<string, boolean>>(256);
const MEMO_VALUE_LIMIT = 256;
const MEMO_ENTRIES = 1024;

function regexMatch(args: readonly Value[]): boolean {
  const pattern = argString(args, 0);
  const value = argString(args, 1);
  if (value.length > MEMO_VALUE_LIMIT) return compiledRegex(pattern).test(value);
  const memo = matchMemo.get(pattern, () => new Map());
  const hit = memo.get(value);
  if (hit !== undefined) return hit;
  const result = compiledRegex(pattern).test(value);
  if (memo.size >= MEMO_ENTRIES) memo.clear();
  memo.set(value, result);
  return result;
}

const S = T.string;

/** Regular-expression builtins. */
export const regexBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("regex.match", [p("pattern", S), p("value", S)], p("result", T.boolean)),
    impl: regexMatch,
  },
  {
    decl: decl("re_match", [p("", S), p("", S)], p("", T.boolean), { deprecated: true }),
    impl: regexMatch,
  },
  {
    decl: decl("regex.is_valid", [p("pattern", S)], p("result", T.boolean)),
    impl: (args) => {
      const pattern = args[0];
      if (typeof pattern !== "string") return false;
      try {
        compiledRegex(pattern);
        return true;
      } catch {
        return false;
      }
    },
  },
  {
    decl: decl("regex.split", [p("pattern", S), p("value", S)], p("output", T.arrayOf(S))),
    impl: (args) => {
      const pattern = argString(args, 0);
      const value = argString(args, 1);
      return split(compiledRegex(pattern), pattern, value);
    },
  },
  {
    decl: decl(
      "regex.find_n",
      [p("pattern", S), p("value", S), p("number", T.number)],
      p("output", T.arrayOf(S)),
    ),
    impl: (args) => {
      const pattern = argString(args, 0);
      const value = argString(args, 1);
      const n = intOperand(args, 2);
      return findN(compiledRegex(pattern), value, n);
    },
  },
  {
    decl: decl(
      "regex.find_all_string_submatch_n",
      [p("pattern", S), p("value", S), p("number", T.number)],
      p("output", T.arrayOf(T.arrayOf(S))),
    ),
    impl: (args) => {
      const pattern = argString(args, 0);
      const value = argString(args, 1);
      const n = intOperand(args, 2);
      return findAllSubmatch(compiledRegex(pattern), value, n);
    },
  },
  {
    decl: decl("regex.replace", [p("s", S), p("pattern", S), p("value", S)], p("output", S)),
    impl: (args) => {
      const base = argString(args, 0);
      const pattern = argString(args, 1);
      const value = argString(args, 2);
      return replaceAll(compiledRegex(pattern), base, value);
    },
  },
  {
    decl: decl(
      "regex.template_match",
      [p("template", S), p("value", S), p("delimiter_start", S), p("delimiter_end", S)],
      p("result", T.boolean),
    ),
    impl: (args) => {
      const template = argString(args, 0);
      const value = argString(args, 1);
      const start = argString(args, 2);
      const end = argString(args, 3);
      const startLen = utf8Length(start);
      if (startLen !== 1) {
        throw new BuiltinError(
          `start delimiter has to be exactly one character long but is ${startLen} long`,
        );
      }
      if (utf8Length(end) !== 1) {
        throw new BuiltinError(`end delimiter has to be exactly one character long but is ${startLen} long`);
      }
      const re = templateCache.get(`${start}${end}${template}`, () => compileTemplate(template, start, end));
      return re.test(value);
    },
  },
  {
    decl: decl("regex.globs_match", [p("glob1", S), p("glob2", S)], p("result", T.boolean)),
    impl: (args) => {
      const a = argString(args, 0);
      const b = argString(args, 1);
      return globsIntersect(a, b);
    },
  },
];
