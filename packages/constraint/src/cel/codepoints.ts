/** Code-point views of JavaScript strings: CEL indexes strings by Unicode code point. */

const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether every code point of `s` is one UTF-16 unit (so unit indexes are code point indexes). */
export function isSimple(s: string): boolean {
  return !SURROGATE.test(s);
}

/** Number of code points in `s`. */
export function cpLength(s: string): number {
  if (isSimple(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The code points of `s`, each as a string. */
export function cpArray(s: string): string[] {
  return Array.from(s);
}

/** Code-point index of the UTF-16 index `unit` in `s`. */
export function unitToCp(s: string, unit: number): number {
  if (isSimple(s)) return unit;
  return cpLength(s.slice(0, unit));
}
