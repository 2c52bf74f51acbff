/**
 * cel-go's strings extension as Kubernetes enables it: @bufbuild/cel's implementation, except
 * where cel-go differs. `split` follows Go's `strings.SplitN` (an empty separator splits runes;
 * with a limit, the remainder stays in the last part), `replace` Go's `strings.Replace`;
 * `charAt`, `indexOf`, `lastIndexOf` and `substring` count runes (code points), where
 * @bufbuild/cel counts UTF-16 units; `strings.quote` escapes as cel-go does.
 */
import { type CelFunc, CelScalar, celFunc, celMethod, listType } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { goReplace, toWellFormed } from "@portcullis/rego";

const { INT, STRING } = CelScalar;

/** Go's `strings.SplitN`. */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  const parts = sep === "" ? Array.from(s) : s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  const head = parts.slice(0, n - 1);
  head.push(parts.slice(n - 1).join(sep));
  return head;
}

/** cel-go's error for an index outside a string's runes. */
function outOfRange(i: bigint | number): Error {
  return new Error(`index out of range: ${i}`);
}

/** The runes of `s` (Go's `[]rune(s)`); `s` itself, indexed by unit, when it has no surrogates. */
function runesOf(s: string): string | readonly string[] {
  return /[\uD800-\uDFFF]/.test(s) ? Array.from(s) : s;
}

/** Where `sub`'s runes start in `r` at or after rune `from`, as cel-go searches; -1 if nowhere. */
function runeIndexOf(r: string | readonly string[], sub: string | readonly string[], from: number): number {
  if (typeof r === "string" && typeof sub === "string") return r.indexOf(sub, from);
  for (let i = from; i <= r.length - sub.length; i++) if (runesAt(r, sub, i)) return i;
  return -1;
}

function runesAt(r: string | readonly string[], sub: string | readonly string[], i: number): boolean {
  for (let j = 0; j < sub.length; j++) if (r[i + j] !== sub[j]) return false;
  return true;
}

/** cel-go's `indexOf`: an empty `sub` is found at `offset` as given; the offset must be a rune. */
export function celIndexOf(s: string, sub: string, offset: bigint): bigint {
  if (sub === "") return offset;
  const r = runesOf(s);
  const from = Number(offset);
  if (from < 0 || from >= r.length) throw outOfRange(offset);
  const subRunes = typeof r === "string" ? sub : Array.from(sub);
  return BigInt(runeIndexOf(r, subRunes, from));
}

/** cel-go's `lastIndexOf` from rune `offset` backwards (the whole string without one). */
export function celLastIndexOf(s: string, sub: string, offset?: bigint): bigint {
  const r = runesOf(s);
  if (sub === "") return offset ?? BigInt(r.length);
  const start = offset ?? BigInt(r.length - 1);
  let from = Number(start);
  if (from < 0 || from >= r.length) throw outOfRange(start);
  const subRunes = typeof r === "string" ? sub : Array.from(sub);
  from = Math.min(from, r.length - subRunes.length);
  if (typeof r === "string" && typeof subRunes === "string")
    return BigInt(from < 0 ? -1 : r.lastIndexOf(subRunes, from));
  for (let i = from; i >= 0; i--) if (runesAt(r, subRunes, i)) return BigInt(i);
  return -1n;
}

/** cel-go's `charAt`: the rune at `index`, "" just past the end. */
export function celCharAt(s: string, index: bigint): string {
  const r = runesOf(s);
  const i = Number(index);
  if (i < 0 || i > r.length) throw outOfRange(index);
  return i === r.length ? "" : (r[i] ?? "");
}

/** cel-go's `substring` over runes. */
export function celSubstring(s: string, start: bigint, end?: bigint): string {
  const r = runesOf(s);
  if (end !== undefined && start > end)
    throw new Error(`invalid substring range. start: ${start}, end: ${end}`);
  if (start < 0n || start > BigInt(r.length)) throw outOfRange(start);
  if (end !== undefined && (end < 0n || end > BigInt(r.length))) throw outOfRange(end);
  const part = r.slice(Number(start), end === undefined ? undefined : Number(end));
  return typeof part === "string" ? part : part.join("");
}

/** The characters cel-go's `strings.quote` escapes (not NUL, which @bufbuild/cel writes as `\0`). */
const QUOTED = new Map([
  ["\x07", "\\a"],
  ["\b", "\\b"],
  ["\f", "\\f"],
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["\t", "\\t"],
  ["\v", "\\v"],
  ["\\", "\\\\"],
  ['"', '\\"'],
]);

/** cel-go's `strings.quote`: its escapes, and U+FFFD for a lone surrogate (Go's invalid rune). */
export function celQuote(s: string): string {
  let out = '"';
  for (const c of toWellFormed(s)) out += QUOTED.get(c) ?? c;
  return `${out}"`;
}

/** The strings extension functions. */
export function stringFunctions(): CelFunc[] {
  return [
    ...strings,
    celMethod("split", STRING, [STRING], listType(STRING), function (sep) {
      return splitN(this, sep, -1);
    }),
    celMethod("split", STRING, [STRING, INT], listType(STRING), function (sep, n) {
      return splitN(this, sep, Number(n));
    }),
    celMethod("charAt", STRING, [INT], STRING, function (i) {
      return celCharAt(this, i);
    }),
    celMethod("indexOf", STRING, [STRING], INT, function (sub) {
      return celIndexOf(this, sub, 0n);
    }),
    celMethod("indexOf", STRING, [STRING, INT], INT, function (sub, offset) {
      return celIndexOf(this, sub, offset);
    }),
    celMethod("lastIndexOf", STRING, [STRING], INT, function (sub) {
      return celLastIndexOf(this, sub);
    }),
    celMethod("lastIndexOf", STRING, [STRING, INT], INT, function (sub, offset) {
      return celLastIndexOf(this, sub, offset);
    }),
    celMethod("substring", STRING, [INT], STRING, function (start) {
      return celSubstring(this, start);
    }),
    celMethod("substring", STRING, [INT, INT], STRING, function (start, end) {
      return celSubstring(this, start, end);
    }),
    celFunc("strings.quote", [STRING], STRING, celQuote),
    celMethod("replace", STRING, [STRING, STRING], STRING, function (old, neu) {
      return goReplace(this, old, neu, -1);
    }),
    celMethod("replace", STRING, [STRING, STRING, INT], STRING, function (old, neu, n) {
      return goReplace(this, old, neu, Number(n));
    }),
  ];
}
