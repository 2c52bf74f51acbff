import {
  isPlainObject,
  isSet,
  ownValue,
  type RegoSet,
  sortStrings,
  toJson,
  type Value,
  valuesEqual,
} from "@portcullis/rego";
import { type DriverResult, NO_DETAILS } from "../../driver.js";

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
  // Most reviews find nothing, and one violation needs no check for duplicates.
  if (violations.size === 0) return;
  // Members are distinct, so two give the same result only when they differ outside msg and
  // details, or one has no details and another `{}`: sets of bare `{"msg": …}` need no check,
  // and such members sort as their messages do.
  const messages = bareMessages(violations);
  if (messages !== undefined) {
    for (const msg of sortStrings(messages)) out.push({ constraint, msg, details: NO_DETAILS });
    return;
  }
  // Otherwise results with the same msg are rare: details are compared only among those.
  const seen = violations.size > 1 ? new Map<string, Value[]>() : undefined;
  for (const v of violations) {
    const msg = isPlainObject(v) ? ownValue(v, "msg") : undefined;
    if (typeof msg !== "string") {
      out.push({ constraint, msg: `violation result has no string "msg": ${safeJson(v)}`, details: {} });
      continue;
    }
    const rawDetails = isPlainObject(v) ? ownValue(v, "details") : undefined;
    if (seen !== undefined) {
      const details = rawDetails === undefined ? {} : rawDetails;
      const sameMsg = seen.get(msg);
      if (sameMsg === undefined) seen.set(msg, [details]);
      else if (sameMsg.some((d) => valuesEqual(d, details))) continue;
      else sameMsg.push(details);
    }
    out.push({ constraint, msg, details: rawDetails === undefined ? {} : toJson(rawDetails) });
  }
}

/** The messages when every member is a plain object whose only key is a string `msg`. */
function bareMessages(members: RegoSet): string[] | undefined {
  const out: string[] = [];
  for (const v of members.unordered()) {
    if (!isPlainObject(v)) return undefined;
    for (const key in v) if (key !== "msg") return undefined;
    const msg = ownValue(v, "msg");
    if (typeof msg !== "string") return undefined;
    out.push(msg);
  }
  return out;
}

function safeJson(v: Value): string {
  try {
    return JSON.stringify(toJson(v), (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
  } catch (e: unknown) {
    return String(e);
  }
}
