import { argString } from "./args.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

/** `opa.runtime` (what the host supplies, else `{}`) and `trace` (always true; its note goes to the evaluation's tracer). */
export const runtimeBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "opa.runtime",
      [],
      p(
        "output",
        T.objectOf(T.string, T.any),
        "includes a `config` key if OPA was started with a configuration file; an `env` key containing the environment variables that the OPA process was started with; includes `version` and `commit` keys containing the version and build commit of OPA.",
      ),
      { nondeterministic: true },
    ),
    impl: (_args, ctx) => ctx.services.runtime ?? {},
  },
  {
    decl: decl(
      "trace",
      [p("note", T.string, "the note to include")],
      p("result", T.boolean, "always `true`"),
    ),
    impl: (args, ctx) => {
      const note = argString(args, 0);
      ctx.note?.(note);
      return true;
    },
  },
];
