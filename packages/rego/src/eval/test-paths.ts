/**
 * Test helper: a query's results with generated code at a given threshold (0: everywhere, null:
 * never), so tests can compare the interpreter with generated bodies. Used by the unit tests only.
 */
import { RegoError, RegoErrors } from "../errors.js";
import { Policy } from "../rego.js";
import { toJson } from "../value/json.js";
import type { Value } from "../value/value.js";
import { setCodegenThreshold } from "./generated-chain.js";

/**
 * The rows of `query` over a module (JSON), from the last of `runs` evaluations in one prepared
 * query, or the text of the error the module or an evaluation gave. The caller restores the
 * threshold.
 */
export function resultsAt(
  threshold: number | null,
  text: string,
  query: string,
  input: Value,
  runs = 2,
): unknown {
  setCodegenThreshold(threshold);
  let out: unknown;
  try {
    const q = new Policy({ modules: [{ file: "t.rego", text }] }).prepare(query);
    for (let i = 0; i < runs; i++) {
      try {
        out = q.eval({ input }).map((r) => toJson(r.bindings));
      } catch (e: unknown) {
        out = errorText(e);
      }
    }
  } catch (e: unknown) {
    out = errorText(e);
  }
  return out;
}

function errorText(e: unknown): string {
  if (e instanceof RegoError) return `error ${e.code}: ${e.message}`;
  if (e instanceof RegoErrors) return `errors: ${e.message}`;
  return `thrown ${String(e)}`;
}
