import { membershipBuiltins, printBuiltins } from "./membership.js";
import { BuiltinRegistry, type BuiltinDef } from "./registry.js";

/** Every builtin family the engine ships, in OPA's topdown file order. */
export const BUILTIN_FAMILIES: readonly (readonly BuiltinDef[])[] = [membershipBuiltins, printBuiltins];

/** A registry with all of OPA's builtins the engine implements. */
export function defaultBuiltins(): BuiltinRegistry {
  return new BuiltinRegistry(BUILTIN_FAMILIES);
}
