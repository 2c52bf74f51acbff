/**
 * What external data providers answer, and what `external_data` gives Rego: Gatekeeper's
 * `ProviderResponse` and `RegoResponse` (frameworks' `externaldata` package), as plain values.
 */
import type { Value } from "@portcullis/rego";

/** The message of a call naming a Provider that is not loaded (frameworks' provider cache). */
export const PROVIDER_NOT_FOUND = "key is not found in provider cache";

/** One item of a provider's answer: the key asked, and its value or error. */
export interface ProviderItem {
  readonly key: Value;
  readonly value: Value;
  /** The provider's error for this key; "" when it has a value. */
  readonly error: string;
}

/** A provider's answer to one request, with the HTTP status it came with. */
export interface ProviderReply {
  readonly status: number;
  readonly idempotent: boolean;
  readonly items: readonly ProviderItem[];
  /** `response.systemError`: the provider failed as a whole; "" when it did not. */
  readonly systemError: string;
}

/** A request that failed before the provider answered (unreachable, bad JSON, …). */
export interface ProviderFailure {
  readonly status: number;
  readonly message: string;
}

/** What sending keys to a provider came to. */
export type ProviderOutcome = { readonly reply: ProviderReply } | { readonly failure: ProviderFailure };

/**
 * The value of `external_data`: `responses` holds `[key, value]` for items without an error,
 * `errors` holds `[key, error]` for the others (NewRegoResponse). `status` is 0 when every key came
 * from the response cache, as in Gatekeeper.
 */
export function regoResponse(status: number, items: readonly ProviderItem[], systemError: string): Value {
  const responses: Value[] = [];
  const errors: Value[] = [];
  for (const item of items) {
    if (item.error !== "") errors.push([item.key, item.error]);
    else responses.push([item.key, item.value]);
  }
  return { responses, errors, status_code: status, system_error: systemError };
}

/** The value of `external_data` for a call that got no answer (HandleError: null lists). */
export function failureResponse(failure: ProviderFailure): Value {
  return { responses: null, errors: null, status_code: failure.status, system_error: failure.message };
}
