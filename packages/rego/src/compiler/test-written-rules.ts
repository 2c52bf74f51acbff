import fc from "fast-check";
import { expect } from "vitest";
import { Policy } from "../rego.js";
import { fromJs, toJson } from "../value/json.js";

/**
 * Asserts that `data.t.violation` of a (Rego v0) module is the same through the rules a compiler
 * stage rewrote and through the rules as written, for inputs `{"spec": s}`: an evaluation under
 * `with data` takes the rules as written.
 */
export function agreesWithRulesAsWritten(text: string, spec: fc.Arbitrary<unknown>): void {
  const policy = new Policy({ modules: [{ file: "t.rego", text }], regoVersion: 0 });
  const rewritten = policy.prepare("x := data.t.violation", { regoVersion: 0 });
  const written = policy.prepare("x := data.t.violation with data.unrelated as 1", { regoVersion: 0 });
  fc.assert(
    fc.property(spec, (s) => {
      const input = fromJs({ spec: s });
      const a = rewritten.eval({ input })[0]?.bindings.x ?? null;
      const b = written.eval({ input })[0]?.bindings.x ?? null;
      expect(toJson(a)).toEqual(toJson(b));
    }),
    { numRuns: 300 },
  );
}
