/**
 * `regex.globs_match`: whether two "globs" (regex-like: `.`, `[...]`, and `+` / `*` after a
 * token, `\` escapes) match a common non-empty string, decided as the glob-intersection library
 * OPA uses (v0.2.x) decides it, including its token-wise (not fully general) algorithm.
 */
import { BuiltinError } from "./errors.js";

type Flag = 0 | 1 | 2;
const NONE: Flag = 0;
const PLUS: Flag = 1;
const STAR: Flag = 2;

type Token =
  | { readonly k: "char"; readonly r: number; flag: Flag }
  | { readonly k: "dot"; flag: Flag }
  | { readonly k: "set"; readonly ranges: readonly (readonly [number, number])[]; flag: Flag };

function invalid(input: readonly number[], pos: number, message: string): BuiltinError {
  const text = input.map((cp) => String.fromCodePoint(cp)).join("");
  return new BuiltinError(`input:${text}, pos:${pos}, ${message}: the input provided is invalid`);
}

/** Reads one rune at `i`: [next index, rune, escaped], or undefined at the end. */
function nextRune(input: readonly number[], i: number): [number, number, boolean] | undefined {
  const r = input[i];
  if (r === undefined) return undefined;
  if (r !== 0x5c) return [i + 1, r, false];
  const e = input[i + 1];
  if (e === undefined) throw invalid(input, i, "input ends with a \\ (escape) character");
  return [i + 2, e, true];
}

function readSet(input: readonly number[], from: number): [number, [number, number][]] {
  const ranges: [number, number][] = [];
  let prev = 0;
  let prevExists = false;
  let i = from;
  while (true) {
    const next = nextRune(input, i);
    if (next === undefined) throw invalid(input, i, "found [ without matching ]");
    const [n, r, escaped] = next;
    i = n;
    if (escaped) {
      ranges.push([r, r]);
      prev = r;
      prevExists = true;
    } else if (r === 0x2d) {
      if (!prevExists) throw invalid(input, i, "range character '-' must be preceded by a Unicode character");
      if (i + 1 >= input.length)
        throw invalid(input, i, "range character '-' must be followed by a Unicode character");
      const [hn, hi, hiEscaped] = nextRune(input, i) ?? [i + 1, 0, false];
      i = hn;
      if (!hiEscaped && (hi === 0x5d || hi === 0x2d)) {
        throw invalid(input, i, "range character '-' cannot be followed by a special symbol");
      }
      if (hi < prev) {
        const a = String.fromCodePoint(hi);
        const b = String.fromCodePoint(prev);
        throw invalid(input, i, `range is out of order: '${a}' comes before '${b}' in Unicode`);
      }
      ranges.push([prev, hi]);
      prevExists = false;
    } else if (r === 0x5d) {
      return [i, ranges];
    } else {
      ranges.push([r, r]);
      prev = r;
      prevExists = true;
    }
  }
}

function tokenize(input: readonly number[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (true) {
    const next = nextRune(input, i);
    if (next === undefined) return tokens;
    const [n, r, escaped] = next;
    i = n;
    let token: Token;
    if (escaped) token = { k: "char", r, flag: NONE };
    else if (r === 0x2e) token = { k: "dot", flag: NONE };
    else if (r === 0x5d) throw invalid(input, i, "set-close ']' with no preceding '['");
    else if (r === 0x5b) {
      const [after, ranges] = readSet(input, i);
      i = after;
      token = { k: "set", ranges, flag: NONE };
    } else if (r === 0x2b || r === 0x2a) {
      throw invalid(input, i, `flag '${String.fromCodePoint(r)}' must be preceded by a non-flag`);
    } else token = { k: "char", r, flag: NONE };
    const flag = nextRune(input, i);
    if (flag !== undefined && !flag[2] && (flag[1] === 0x2b || flag[1] === 0x2a)) {
      token.flag = flag[1] === 0x2b ? PLUS : STAR;
      i = flag[0];
    }
    tokens.push(token);
  }
}

function setHas(ranges: readonly (readonly [number, number])[], r: number): boolean {
  for (const [lo, hi] of ranges) if (lo <= r && r <= hi) return true;
  return false;
}

function sameRunes(
  a: readonly (readonly [number, number])[],
  b: readonly (readonly [number, number])[],
): boolean {
  const expand = (rs: readonly (readonly [number, number])[]): Set<number> => {
    const s = new Set<number>();
    for (const [lo, hi] of rs) for (let r = lo; r <= hi && s.size < 1 << 16; r++) s.add(r);
    return s;
  };
  const x = expand(a);
  const y = expand(b);
  if (x.size !== y.size) return false;
  for (const r of x) if (!y.has(r)) return false;
  return true;
}

function equal(a: Token, b: Token): boolean {
  if (a.k === "char" && b.k === "char") return a.r === b.r;
  if (a.k === "dot" && b.k === "dot") return true;
  if (a.k === "set" && b.k === "set") return sameRunes(a.ranges, b.ranges);
  return false;
}

/** Whether two tokens have a rune in common. */
function match(a: Token, b: Token): boolean {
  if (a.k === "dot" || b.k === "dot") return true;
  if (a.k === "char" && b.k === "char") return a.r === b.r;
  if (a.k === "char" && b.k === "set") return setHas(b.ranges, a.r);
  if (a.k === "set" && b.k === "char") return setHas(a.ranges, b.r);
  if (a.k === "set" && b.k === "set") {
    for (const [lo, hi] of a.ranges) for (const [c, d] of b.ranges) if (lo <= d && c <= hi) return true;
  }
  return false;
}

/** Merges adjacent equal flagged tokens (`t*t+` is `t+`). */
function simplify(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let latest: Token | undefined;
  for (const t of tokens) {
    if (latest !== undefined && t.flag !== NONE && latest.flag !== NONE && equal(t, latest)) {
      latest.flag = t.flag === PLUS || latest.flag === PLUS ? PLUS : STAR;
      continue;
    }
    out.push(t);
    latest = t;
  }
  return out;
}

function trimGlobs(g1: Token[], g2: Token[]): [Token[], Token[]] | undefined {
  let l = 0;
  for (; l < g1.length && l < g2.length; l++) {
    const a = g1[l] as Token;
    const b = g2[l] as Token;
    if (a.flag !== NONE || b.flag !== NONE) break;
    if (!match(a, b)) return undefined;
  }
  if (l > 0) l--;
  let r1 = g1.length - 1;
  let r2 = g2.length - 1;
  for (; r1 >= 0 && r1 >= l && r2 >= 0 && r2 >= l; r1--, r2--) {
    const a = g1[r1] as Token;
    const b = g2[r2] as Token;
    if (a.flag !== NONE || b.flag !== NONE) break;
    if (!match(a, b)) return undefined;
  }
  if (r1 < g1.length - 1) {
    r1++;
    r2++;
  }
  return [g1.slice(l, r1 + 1), g2.slice(l, r2 + 1)];
}

function intersectNormal(g1: readonly Token[], g2: readonly Token[]): boolean {
  let i = 0;
  let j = 0;
  for (; i < g1.length && j < g2.length; i++, j++) {
    const a = g1[i] as Token;
    const b = g2[j] as Token;
    if (a.flag === NONE && b.flag === NONE) {
      if (!match(a, b)) return false;
    } else {
      return intersectSpecial(g1.slice(i), g2.slice(j));
    }
  }
  return i === g1.length && j === g2.length;
}

function intersectSpecial(g1: readonly Token[], g2: readonly Token[]): boolean {
  const a = g1[0];
  const b = g2[0];
  if (a === undefined || b === undefined) return false;
  if (a.flag !== NONE) return a.flag === PLUS ? intersectPlus(g1, g2) : intersectStar(g1, g2);
  if (b.flag === PLUS) return intersectPlus(g2, g1);
  if (b.flag === STAR) return intersectStar(g2, g1);
  return false;
}

function intersectPlus(plussed: readonly Token[], other: readonly Token[]): boolean {
  const p = plussed[0];
  const o = other[0];
  if (p === undefined || o === undefined || !match(p, o)) return false;
  if (intersectStar(plussed, other.slice(1))) return true;
  return o.flag !== NONE && intersectNormal(plussed.slice(1), other);
}

function intersectStar(starred: readonly Token[], other: readonly Token[]): boolean {
  const star = starred[0];
  if (star === undefined) return false;
  const next = starred[1];
  for (let i = 0; i < other.length; i++) {
    const t = other[i] as Token;
    if (next !== undefined && match(t, next)) {
      if (intersectNormal(starred.slice(1), other.slice(i))) return true;
      if (!match(t, star)) return false;
    } else if (!match(t, star)) {
      return false;
    }
  }
  return next === undefined;
}

function parseGlob(s: string): Token[] {
  const runes = Array.from(s, (ch) => ch.codePointAt(0) ?? 0);
  return simplify(tokenize(runes));
}

/** True when the two globs match a common non-empty string (gintersect's `NonEmpty`). */
export function globsIntersect(lhs: string, rhs: string): boolean {
  const g1 = parseGlob(lhs);
  const g2 = parseGlob(rhs);
  const trimmed = trimGlobs(g1, g2);
  if (trimmed === undefined) return false;
  return intersectNormal(trimmed[0], trimmed[1]);
}
