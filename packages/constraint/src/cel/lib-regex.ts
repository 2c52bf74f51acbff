/** RE2 regular expressions (via re2js): `matches`, and Kubernetes' `find` and `findAll`. */
import { RE2JS } from "re2js";
import { CelEvalError } from "./errors.js";
import { type FunctionTable, NO_OVERLOAD } from "./functions.js";
import type { CelValue } from "./values.js";

const CACHE_LIMIT = 500;
const cache = new Map<string, RE2JS>();

/** The compiled pattern, cached; a bad pattern is a CEL error. */
export function compileRegex(pattern: string): RE2JS {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e: unknown) {
    throw new CelEvalError(`error parsing regexp: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(pattern, re);
  return re;
}

/** Whether `pattern` matches anywhere in `s` (CEL's `matches` is unanchored). */
export function regexMatches(pattern: string, s: string): boolean {
  return compileRegex(pattern).test(s);
}

function findAll(s: string, pattern: string, limit: number): string[] {
  const m = compileRegex(pattern).matcher(s);
  const out: string[] = [];
  while ((limit < 0 || out.length < limit) && m.find()) out.push(m.group() ?? "");
  return out;
}

/** Registers `find` and `findAll`. */
export function registerRegex(t: FunctionTable): void {
  t.member("find", ([s, p]) => {
    if (typeof s !== "string" || typeof p !== "string") return NO_OVERLOAD;
    return findAll(s, p, 1)[0] ?? "";
  });
  t.member("findAll", ([s, p, n]: readonly CelValue[]) => {
    if (typeof s !== "string" || typeof p !== "string") return NO_OVERLOAD;
    if (n === undefined) return findAll(s, p, -1);
    if (typeof n !== "bigint") return NO_OVERLOAD;
    if (n === 0n) return [];
    return findAll(s, p, n < 0n ? -1 : Number(n));
  });
}
