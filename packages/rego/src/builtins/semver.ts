/** OPA's SemVer builtins (`v1/topdown/semver.go` over OPA's internal semver package). */
import { goQuote } from "../value/go-quote.js";
import { argString } from "./args.js";
import { BuiltinError } from "./errors.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

interface Version {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string;
}

const IDENTIFIERS = /^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

function cut(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)];
}

/** Go's `strconv.ParseInt(s, 10, 64)`. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** Parses `[v]MAJOR.MINOR.PATCH[-PRERELEASE][+METADATA]` as OPA does. */
export function parseSemver(text: string): Version | undefined {
  const [withPre, meta] = cut(text.startsWith("v") ? text.slice(1) : text, "+");
  if (meta !== "" && !IDENTIFIERS.test(meta)) return undefined;
  const [version, pre] = cut(withPre, "-");
  if (pre !== "" && !IDENTIFIERS.test(pre)) return undefined;
  const parts = version.split(".");
  if (parts.length !== 3) return undefined;
  const [major, minor, patch] = parts.map(parseInt64);
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  return { major, minor, patch, pre };
}

function sign(a: bigint, b: bigint): number {
  return a > b ? 1 : a < b ? -1 : 0;
}

function atoi(s: string): bigint {
  const n = BigInt(s);
  return n > INT64_MAX ? INT64_MAX : n;
}

/** SemVer precedence: -1, 0 or 1. */
export function compareSemver(v: Version, o: Version): number {
  const c = sign(v.major, o.major) || sign(v.minor, o.minor) || sign(v.patch, o.patch);
  if (c !== 0) return c;
  if (v.pre === o.pre) return 0;
  if (v.pre === "") return 1;
  if (o.pre === "") return -1;
  let [a, restA] = cut(v.pre, ".");
  let [b, restB] = cut(o.pre, ".");
  while (true) {
    if (a === "" && b !== "") return -1;
    if (a !== "" && b === "") return 1;
    const aNum = /^\d+$/.test(a);
    const bNum = /^\d+$/.test(b);
    if (aNum && !bNum) return -1;
    if (!aNum && bNum) return 1;
    const d = aNum && bNum ? sign(atoi(a), atoi(b)) : a > b ? 1 : a < b ? -1 : 0;
    if (d !== 0) return d;
    if (restA !== "" && restB === "") return 1;
    if (restA === "" && restB !== "") return -1;
    [a, restA] = cut(restA, ".");
    [b, restB] = cut(restB, ".");
  }
}

/** SemVer builtins. */
export const semverBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("semver.is_valid", [p("vsn", T.any)], p("result", T.boolean)),
    impl: (args) => {
      const v = args[0];
      return typeof v === "string" && parseSemver(v) !== undefined;
    },
  },
  {
    decl: decl("semver.compare", [p("a", T.string), p("b", T.string)], p("result", T.number)),
    impl: (args) => {
      const a = argString(args, 0);
      const b = argString(args, 1);
      const va = parseSemver(a);
      if (va === undefined) throw new BuiltinError(`operand 1: string ${goQuote(a)} is not a valid SemVer`);
      const vb = parseSemver(b);
      if (vb === undefined) throw new BuiltinError(`operand 2: string ${goQuote(b)} is not a valid SemVer`);
      return compareSemver(va, vb);
    },
  },
];
