/**
 * For tests only (it imports `node:v8`, so it is not part of the package's browser-safe entry):
 * whether V8 gives two objects one hidden class, the property that keeps the inline caches of code
 * reading them monomorphic.
 */
import { setFlagsFromString } from "node:v8";

type SameMap = (a: unknown, b: unknown) => boolean;
let sameMap: SameMap | undefined;

/** Whether `a` and `b` have one hidden class (V8's `%HaveSameMap`). */
export function sameHiddenClass(a: unknown, b: unknown): boolean {
  if (sameMap === undefined) {
    setFlagsFromString("--allow-natives-syntax");
    sameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as SameMap;
  }
  return sameMap(a, b);
}
