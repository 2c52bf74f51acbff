/** RE2 regular expressions (via re2js): `matches`, and Kubernetes' `find` and `findAll`. */
import { type CelFunc, CelScalar, celFunc, celMethod, listType } from "@bufbuild/cel";
import { compiledRegex } from "@portcullis/rego";
import type { RE2JS } from "re2js";
import { CelEvalError } from "./errors.js";

/** The compiled pattern, from the Rego builtins' cache; a bad pattern is a CEL error. */
export function compileRegex(pattern: string): RE2JS {
  try {
    return compiledRegex(pattern);
  } catch (e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    throw new CelEvalError(
      message.startsWith("error parsing regexp") ? message : `error parsing regexp: ${message}`,
    );
  }
}

/** The engine @bufbuild/cel's `matches` uses: re2js with the pattern cache. */
export const CACHED_RE2 = {
  compile: (pattern: string): { test(text: string): boolean } => compileRegex(pattern),
};

function findAll(s: string, pattern: string, limit: number): string[] {
  const m = compileRegex(pattern).matcher(s);
  const out: string[] = [];
  while ((limit < 0 || out.length < limit) && m.find()) out.push(m.group() ?? "");
  return out;
}

const { INT, STRING, BOOL } = CelScalar;
const STRINGS = listType(STRING);

/** `matches(s, re)` (the receiver form comes with @bufbuild/cel), `find` and `findAll`. */
export function regexFunctions(): CelFunc[] {
  return [
    celFunc("matches", [STRING, STRING], BOOL, (s, p) => compileRegex(p).test(s)),
    celMethod("find", STRING, [STRING], STRING, function (p) {
      return findAll(this, p, 1)[0] ?? "";
    }),
    celMethod("findAll", STRING, [STRING], STRINGS, function (p) {
      return findAll(this, p, -1);
    }),
    celMethod("findAll", STRING, [STRING, INT], STRINGS, function (p, n) {
      return n === 0n ? [] : findAll(this, p, n < 0n ? -1 : Number(n));
    }),
  ];
}
