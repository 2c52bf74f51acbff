/**
 * Go's `strings` package functions whose semantics differ from JavaScript's: cutsets, white
 * space, case mapping and multi-pattern replacement all work on code points (Go runes).
 */

/** Go's `unicode.IsSpace`. */
export function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** True when every UTF-16 unit is ASCII. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const HIGH_SURROGATE = /[\ud800-\udbff]/;

/** Number of code points in `s` (Go's `utf8.RuneCountInString`; a lone surrogate counts as one). */
export function runeCount(s: string): number {
  if (!HIGH_SURROGATE.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function cutsetOf(cutset: string): (c: number) => boolean {
  if (cutset.length === 1) {
    const only = cutset.charCodeAt(0);
    return (c) => c === only;
  }
  const set = new Set<number>();
  for (const ch of cutset) set.add(ch.codePointAt(0) ?? 0);
  return (c) => set.has(c);
}

function trimStartWhile(s: string, drop: (c: number) => boolean): string {
  let i = 0;
  while (i < s.length) {
    const c = s.codePointAt(i) ?? 0;
    if (!drop(c)) break;
    i += c > 0xffff ? 2 : 1;
  }
  return i === 0 ? s : s.slice(i);
}

function trimEndWhile(s: string, drop: (c: number) => boolean): string {
  let j = s.length;
  while (j > 0) {
    let k = j - 1;
    const lo = s.charCodeAt(k);
    if (lo >= 0xdc00 && lo <= 0xdfff && k > 0) {
      const hi = s.charCodeAt(k - 1);
      if (hi >= 0xd800 && hi <= 0xdbff) k--;
    }
    if (!drop(s.codePointAt(k) ?? 0)) break;
    j = k;
  }
  return j === s.length ? s : s.slice(0, j);
}

/** `strings.TrimLeft(s, cutset)`. */
export function trimLeft(s: string, cutset: string): string {
  if (s === "" || cutset === "") return s;
  return trimStartWhile(s, cutsetOf(cutset));
}

/** `strings.TrimRight(s, cutset)`. */
export function trimRight(s: string, cutset: string): string {
  if (s === "" || cutset === "") return s;
  return trimEndWhile(s, cutsetOf(cutset));
}

/** `strings.Trim(s, cutset)`. */
export function trim(s: string, cutset: string): string {
  if (s === "" || cutset === "") return s;
  const drop = cutsetOf(cutset);
  return trimEndWhile(trimStartWhile(s, drop), drop);
}

/** `strings.TrimSpace(s)`. */
export function trimSpace(s: string): string {
  return trimEndWhile(trimStartWhile(s, isGoSpace), isGoSpace);
}

function mapRunes(s: string, map: (ch: string) => string): string {
  let out = "";
  for (const ch of s) {
    const m = map(ch);
    // Go maps rune by rune; mappings that expand to several code points leave the rune alone.
    out += m.length === ch.length || runeCount(m) === 1 ? m : ch;
  }
  return out;
}

/** `strings.ToLower`: simple per-rune case mapping. */
export function toLower(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  return mapRunes(s, (ch) => (ch === "\u0130" ? "i" : ch.toLowerCase()));
}

/** `strings.ToUpper`: simple per-rune case mapping. */
export function toUpper(s: string): string {
  if (isAscii(s)) return s.toUpperCase();
  return mapRunes(s, (ch) => (ch === "\u0131" ? "I" : ch === "\u017f" ? "S" : ch.toUpperCase()));
}

/**
 * `strings.Replace`: the first `n` instances of `old` (all when `n` is negative), where an empty
 * `old` matches at the start and after each rune. One pass over `s`.
 */
export function replace(s: string, old: string, neu: string, n: number): string {
  if (old === neu || n === 0) return s;
  // Native replaceAll reads `$` patterns in the replacement; split and join do not.
  if (old !== "" && n < 0) return neu.includes("$") ? s.split(old).join(neu) : s.replaceAll(old, neu);
  const limit = n < 0 ? Number.POSITIVE_INFINITY : n;
  let out = "";
  let done = 0;
  if (old === "") {
    let i = 0;
    while (done < limit) {
      out += neu;
      done++;
      if (i >= s.length) return out;
      const step = (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      out += s.slice(i, i + step);
      i += step;
    }
    return out + s.slice(i);
  }
  let start = 0;
  for (let at = s.indexOf(old); at >= 0 && done < limit; at = s.indexOf(old, start)) {
    out += s.slice(start, at) + neu;
    start = at + old.length;
    done++;
  }
  return done === 0 ? s : out + s.slice(start);
}

/** A node of {@link PairTrie}: `pair` is the first pair whose old string ends here (-1: none). */
interface TrieNode {
  pair: number;
  next: Map<number, TrieNode> | undefined;
}

/**
 * The old strings of a Replacer's pairs in a trie by UTF-16 unit, as Go's generic Replacer keeps
 * them: the pair that matches at a position is found in one walk as long as the longest old
 * string, however many pairs there are (checking each pair there made 20,000 pairs quadratic).
 */
class PairTrie {
  private readonly root: TrieNode = { pair: -1, next: undefined };
  /** The first pair with an empty old string (-1: none). */
  private empty = -1;

  constructor(pairs: readonly (readonly [string, string])[]) {
    for (let p = 0; p < pairs.length; p++) {
      const old = (pairs[p] as readonly [string, string])[0];
      if (old === "") {
        if (this.empty < 0) this.empty = p;
        continue;
      }
      let node = this.root;
      for (let j = 0; j < old.length; j++) {
        const unit = old.charCodeAt(j);
        if (node.next === undefined) node.next = new Map();
        let child = node.next.get(unit);
        if (child === undefined) {
          child = { pair: -1, next: undefined };
          node.next.set(unit, child);
        }
        node = child;
      }
      if (node.pair < 0) node.pair = p;
    }
  }

  /** The first pair (in order) matching `s` at `i`; an empty old string not right after another. */
  match(s: string, i: number, prevEmpty: boolean): number {
    let best = this.empty >= 0 && !prevEmpty ? this.empty : -1;
    let node: TrieNode | undefined = this.root;
    for (let j = i; node !== undefined; j++) {
      if (node.pair >= 0 && (best < 0 || node.pair < best)) best = node.pair;
      node = j < s.length ? node.next?.get(s.charCodeAt(j)) : undefined;
    }
    return best;
  }
}

/**
 * `strings.NewReplacer(pairs...).Replace(s)`: at each position the first pair (in order) whose
 * old string matches is replaced; matches do not overlap; an empty old string matches between
 * runes, but not twice in a row.
 */
export function replaceAll(s: string, pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 1) {
    const [old, neu] = pairs[0] as readonly [string, string];
    return replace(s, old, neu, -1);
  }
  const trie = new PairTrie(pairs);
  let out = "";
  let last = 0;
  let prevEmpty = false;
  let i = 0;
  while (i <= s.length) {
    const matched = trie.match(s, i, prevEmpty);
    if (matched >= 0) {
      const [old, neu] = pairs[matched] as readonly [string, string];
      out += s.slice(last, i) + neu;
      prevEmpty = old === "";
      i += old.length;
      last = i;
      continue;
    }
    prevEmpty = false;
    if (i === s.length) break;
    const c = s.codePointAt(i) ?? 0;
    i += c > 0xffff ? 2 : 1;
  }
  return out + s.slice(last);
}
