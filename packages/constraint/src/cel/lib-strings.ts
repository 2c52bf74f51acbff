/**
 * cel-go's strings extension as Kubernetes enables it: @bufbuild/cel's implementation, with `split`
 * limits following Go's `strings.SplitN` (the remainder stays in the last part).
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

/** The strings extension functions. */
export function stringFunctions(): CelFunc[] {
  return [
    ...strings,
    celMethod("split", STRING, [STRING, INT], listType(STRING), function (sep, n) {
      return splitN(this, sep, Number(n));
    }),
  ];
}
