import { RegoErrors } from "../errors.js";

/** Test helper: a deep copy without locations, wildcards renamed `_`, bigints kept. */
export function strip(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(strip);
  if (typeof x !== "object" || x === null) return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (k === "loc" || v === undefined) continue;
    out[k] = k === "name" && typeof v === "string" && v.startsWith("$_") ? "_" : strip(v);
  }
  return out;
}

/** Test helper: the messages of the RegoErrors thrown by `fn` (fails if it does not throw them). */
export function errorsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e: unknown) {
    if (e instanceof RegoErrors) return e.errors.map((x) => x.message);
    throw e;
  }
  throw new Error("expected RegoErrors");
}
