/** OPA's type builtins (`v1/topdown/type.go`, `type_name`): `is_*` are false for other types. */
import { type TypeName, typeName, type Value } from "../value/value.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

function isType(name: string, t: TypeName): BuiltinDef {
  return {
    decl: decl(name, [p("x", T.any)], p("result", T.boolean)),
    impl: (args: readonly Value[]) => typeName(args[0] ?? null) === t,
  };
}

/** Type-test builtins. */
export const typeChecksBuiltins: readonly BuiltinDef[] = [
  isType("is_number", "number"),
  isType("is_string", "string"),
  isType("is_boolean", "boolean"),
  isType("is_array", "array"),
  isType("is_set", "set"),
  isType("is_object", "object"),
  isType("is_null", "null"),
  {
    decl: decl("type_name", [p("x", T.any)], p("type", T.string)),
    impl: (args) => typeName(args[0] ?? null),
  },
];
