import { moduleToJson } from "../ast/to-json.js";
import { RegoErrors } from "../errors.js";
import { parseModule } from "../syntax/parser.js";
import { fromJs } from "../value/json.js";
import { argString } from "./args.js";
import { BuiltinError } from "./errors.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

/** `rego.parse_module(filename, rego)`: the module's AST as OPA marshals it to JSON. */
export const regoParseBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "rego.parse_module",
      [p("filename", T.string), p("rego", T.string)],
      p("output", T.objectOf(T.string, T.any)),
    ),
    impl: (args) => {
      const file = argString(args, 0);
      const text = argString(args, 1);
      try {
        return fromJs(moduleToJson(parseModule(text, { file })));
      } catch (e: unknown) {
        if (e instanceof RegoErrors) throw new BuiltinError(e.errors.map(String).join("\n"));
        throw e;
      }
    },
  },
];
