/**
 * Gatekeeper's `external_data` Rego builtin: `external_data({"provider": p, "keys": [...]})`.
 * Evaluation is synchronous and one review runs at a time, so the review being evaluated sets
 * where calls are answered ({@link withExternalData}); without one, no Provider is known.
 */
import { type BuiltinDef, BuiltinError, isPlainObject, ownValue, type Value } from "@portcullis/rego";
import { failureResponse, PROVIDER_NOT_FOUND } from "./provider-reply.js";
import type { ExternalDataSource } from "./session.js";

/** The builtin's name. */
export const EXTERNAL_DATA = "external_data";

let current: ExternalDataSource | undefined;

/** Runs `evaluate` with calls to `external_data` answered by `source`. */
export function withExternalData<T>(source: ExternalDataSource | undefined, evaluate: () => T): T {
  const outer = current;
  current = source;
  try {
    return evaluate();
  } finally {
    current = outer;
  }
}

/** The request as frameworks' `RegoRequest` reads it: provider "" and no keys when absent. */
function readRequest(arg: Value | undefined): { provider: string; keys: string[] } {
  if (!isPlainObject(arg)) throw new BuiltinError("external_data: the request must be an object");
  const provider = ownValue(arg, "provider") ?? "";
  if (typeof provider !== "string") throw new BuiltinError("external_data: provider must be a string");
  const keys = ownValue(arg, "keys") ?? null;
  if (keys === null) return { provider, keys: [] };
  if (!Array.isArray(keys) || !keys.every((k): k is string => typeof k === "string"))
    throw new BuiltinError("external_data: keys must be an array of strings");
  return { provider, keys };
}

/** `external_data` (nondeterministic: answered once per query for the same request). */
export const externalDataBuiltin: BuiltinDef = {
  decl: {
    name: EXTERNAL_DATA,
    args: [{ name: "request", type: { kind: "any" } }],
    result: { name: "response", type: { kind: "any" } },
    description: "Gatekeeper's external data: asks a Provider for the values of keys.",
    nondeterministic: true,
  },
  impl: (args) => {
    const { provider, keys } = readRequest(args[0]);
    if (current === undefined) return failureResponse({ status: 400, message: PROVIDER_NOT_FOUND });
    return current.answer(provider, keys);
  },
};
