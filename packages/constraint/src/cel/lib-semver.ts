/** Kubernetes' semver library: `semver("1.2.3")`, `isSemver` and comparisons. */
import { CelEvalError } from "./errors.js";
import { type FunctionTable, NO_OVERLOAD } from "./functions.js";
import { CelOpaque } from "./values.js";

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A semantic version. */
export class Semver extends CelOpaque {
  readonly typeName = "kubernetes.Semver";
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: readonly string[],
  ) {
    super();
  }
  equals(other: CelOpaque): boolean {
    return other instanceof Semver && compareSemver(this, other) === 0;
  }
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
  return new Semver(BigInt(a), BigInt(b), BigInt(c), pre === undefined ? [] : pre.split("."));
}

/** Registers the semver functions. */
export function registerSemver(t: FunctionTable): void {
  t.global("semver", ([s, n]) => {
    if (typeof s !== "string" || (n !== undefined && typeof n !== "boolean")) return NO_OVERLOAD;
    const v = parseSemver(s, n === true);
    if (v === undefined) throw new CelEvalError(`could not parse semver: ${s}`);
    return v;
  });
  t.global("isSemver", ([s, n]) => {
    if (typeof s !== "string" || (n !== undefined && typeof n !== "boolean")) return NO_OVERLOAD;
    return parseSemver(s, n === true) !== undefined;
  });
  t.member("major", ([v]) => (v instanceof Semver ? v.major : NO_OVERLOAD));
  t.member("minor", ([v]) => (v instanceof Semver ? v.minor : NO_OVERLOAD));
  t.member("patch", ([v]) => (v instanceof Semver ? v.patch : NO_OVERLOAD));
  t.member("isLessThan", ([a, b]) =>
    a instanceof Semver && b instanceof Semver ? compareSemver(a, b) < 0 : NO_OVERLOAD,
  );
  t.member("isGreaterThan", ([a, b]) =>
    a instanceof Semver && b instanceof Semver ? compareSemver(a, b) > 0 : NO_OVERLOAD,
  );
  t.member("compareTo", ([a, b]) =>
    a instanceof Semver && b instanceof Semver ? BigInt(compareSemver(a, b)) : NO_OVERLOAD,
  );
}
