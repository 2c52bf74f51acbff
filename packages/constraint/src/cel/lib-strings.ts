/**
 * cel-go's strings extension as Kubernetes enables it: @bufbuild/cel's implementation, with `split`
 * limits following Go's `strings.SplitN` (the remainder stays in the last part) and `replace` as
 * Go's `strings.Replace`.
 */
import { type CelFunc, CelScalar, celMethod, listType } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";

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

/**
 * Go's `strings.Replace`: the first `n` instances of `old` (all when `n` is negative), where an
 * empty `old` matches at the start and after each rune. One pass: @bufbuild/cel's `replace`
 * rebuilt the string at each instance (quadratic: 20,000 commas took 255 ms) and read an empty
 * `old` differently.
 */
export function goReplace(s: string, old: string, neu: string, n: number): string {
  if (old === neu || n === 0) return s;
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

/** The strings extension functions. */
export function stringFunctions(): CelFunc[] {
  return [
    ...strings,
    celMethod("split", STRING, [STRING, INT], listType(STRING), function (sep, n) {
      return splitN(this, sep, Number(n));
    }),
    celMethod("replace", STRING, [STRING, STRING], STRING, function (old, neu) {
      return goReplace(this, old, neu, -1);
    }),
    celMethod("replace", STRING, [STRING, STRING, INT], STRING, function (old, neu, n) {
      return goReplace(this, old, neu, Number(n));
    }),
  ];
}
