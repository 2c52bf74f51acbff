/** Kubernetes' semver library: `semver("1.2.3")`, `isSemver` and comparisons. */
import { type CelFunc, CelScalar, celFunc, celMethod } from "@bufbuild/cel";
import { CelEvalError } from "./errors.js";
import { opaqueKind } from "./opaque.js";

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A semantic version (build metadata dropped: it does not take part in comparisons). */
export interface Semver {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: readonly string[];
}

/** Orders versions by semver precedence (build metadata ignored). */
export function compareSemver(a: Semver, b: Semver): number {
  for (const [x, y] of [
    [a.major, b.major],
    [a.minor, b.minor],
    [a.patch, b.patch],
  ] as const)
    if (x !== y) return x < y ? -1 : 1;
  if (a.pre.length === 0 || b.pre.length === 0)
    return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i] ?? "";
    const y = b.pre[i] ?? "";
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

/** Parses a version; with `normalize`, a leading `v`, missing minor/patch and leading zeros are allowed. */
export function parseSemver(s: string, normalize: boolean): Semver | undefined {
  let text = s;
  if (normalize) {
    if (text.startsWith("v")) text = text.slice(1);
    const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(text);
    if (m !== null) {
      const [, a = "0", b = "0", c = "0", rest = ""] = m;
      text = `${BigInt(a)}.${BigInt(b)}.${BigInt(c)}${rest}`;
    }
  }
  const m = SEMVER.exec(text);
  if (m === null) return undefined;
  const [, a = "0", b = "0", c = "0", pre] = m;
  return {
    major: BigInt(a),
    minor: BigInt(b),
    patch: BigInt(c),
    pre: pre === undefined ? [] : pre.split("."),
  };
}

function text(v: Semver): string {
  const pre = v.pre.length === 0 ? "" : `-${v.pre.join(".")}`;
  return `${v.major}.${v.minor}.${v.patch}${pre}`;
}

/** The `kubernetes.Semver` CEL type. */
export const SEMVER_KIND = opaqueKind<Semver>("kubernetes.Semver", text, (s) => {
  const v = parseSemver(s, false);
  if (v === undefined) throw new CelEvalError(`could not parse semver: ${s}`);
  return v;
});
const V = SEMVER_KIND.type;
const { BOOL, INT, STRING } = CelScalar;

function semver(s: string, normalize: boolean): Semver {
  const v = parseSemver(s, normalize);
  if (v === undefined) throw new CelEvalError(`could not parse semver: ${s}`);
  return v;
}

/** The semver functions. */
export function semverFunctions(): CelFunc[] {
  const { wrap, unwrap } = SEMVER_KIND;
  return [
    celFunc("semver", [STRING], V, (s) => wrap(semver(s, false))),
    celFunc("semver", [STRING, BOOL], V, (s, n) => wrap(semver(s, n))),
    celFunc("isSemver", [STRING], BOOL, (s) => parseSemver(s, false) !== undefined),
    celFunc("isSemver", [STRING, BOOL], BOOL, (s, n) => parseSemver(s, n) !== undefined),
    celMethod("major", V, [], INT, function () {
      return unwrap(this).major;
    }),
    celMethod("minor", V, [], INT, function () {
      return unwrap(this).minor;
    }),
    celMethod("patch", V, [], INT, function () {
      return unwrap(this).patch;
    }),
    celMethod("isLessThan", V, [V], BOOL, function (o) {
      return compareSemver(unwrap(this), unwrap(o)) < 0;
    }),
    celMethod("isGreaterThan", V, [V], BOOL, function (o) {
      return compareSemver(unwrap(this), unwrap(o)) > 0;
    }),
    celMethod("compareTo", V, [V], INT, function (o) {
      return BigInt(compareSemver(unwrap(this), unwrap(o)));
    }),
  ];
}
