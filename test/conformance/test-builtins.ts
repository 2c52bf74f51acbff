import { type BuiltinDef, defaultBuiltins } from "@portcullis/rego";

const UNITS_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000 };

/**
 * OPA's test-only builtin `test.sleep(duration)`, which its conformance cases use to show that
 * `time.now_ns` is fixed for a query. It blocks for the duration (a few milliseconds in the cases).
 */
const testSleep: BuiltinDef = {
  decl: { name: "test.sleep", args: [{ name: "duration", type: { kind: "string" } }], result: undefined },
  impl: ([d]) => {
    const m = typeof d === "string" ? /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m)$/.exec(d) : null;
    if (m === null) return undefined;
    const until = Date.now() + Number(m[1]) * (UNITS_MS[m[2] ?? "ms"] ?? 1);
    while (Date.now() < until) {
      // Busy-wait: builtins are synchronous.
    }
    return true;
  },
};

/** The default builtins plus OPA's test-only ones. */
export function conformanceBuiltins() {
  return defaultBuiltins().register([testSleep]);
}
