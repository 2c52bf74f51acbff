import { canonicalKey, isPlainObject, isSet, ownValue, toJson, type Value } from "@portcullis/rego";
import type { DriverResult } from "../../driver.js";

/**
 * Turns the `violation` set of one constraint into results: each member must be an object with
 * a string `msg`; `details` defaults to `{}`. Identical `{msg, details}` are kept once. A member
 * without a string `msg` yields an error result.
 */
export function toResults(constraint: string, violations: Value | undefined, out: DriverResult[]): void {
  if (violations === undefined) return;
  if (!isSet(violations)) {
    out.push({
      constraint,
      msg: `violation must be a set of objects, got ${JSON.stringify(toJson(violations))}`,
      details: {},
    });
    return;
  }
  const seen = new Set<string>();
  for (const v of violations) {
    const msg = isPlainObject(v) ? ownValue(v, "msg") : undefined;
    if (typeof msg !== "string") {
      out.push({ constraint, msg: `violation result has no string "msg": ${safeJson(v)}`, details: {} });
      continue;
    }
    const rawDetails = isPlainObject(v) ? ownValue(v, "details") : undefined;
    const details = rawDetails === undefined ? {} : rawDetails;
    const key = canonicalKey([msg, details]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ constraint, msg, details: rawDetails === undefined ? {} : toJson(rawDetails) });
  }
}

function safeJson(v: Value): string {
  try {
    return JSON.stringify(toJson(v), (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
  } catch (e: unknown) {
    return String(e);
  }
}
