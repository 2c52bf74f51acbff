import type { GDefinition, GType } from "./ast-types.js";
import { type GSchema, sameType, schemaError, typeString } from "./schema-model.js";

/** Checks that `def` correctly implements the interface `name` (fields, their types and arguments). */
export function checkImplements(schema: GSchema, def: GDefinition, name: string): void {
  const intf = schema.types.get(name);
  if (intf === undefined) throw schemaError(def.Position, `Undefined type "${name}".`);
  if (intf.Kind !== "INTERFACE")
    throw schemaError(def.Position, `"${name}" is a non interface type ${intf.Kind}.`);
  const who = `For ${def.Name} to implement ${intf.Name}`;
  for (const required of intf.Fields) {
    const found = def.Fields.find((f) => f.Name === required.Name);
    if (found === undefined)
      throw schemaError(def.Position, `${who} it must have a field called ${required.Name}.`);
    if (!isCovariant(schema, required.Type, found.Type)) {
      throw schemaError(
        found.Position,
        `${who} the field ${required.Name} must have type ${typeString(required.Type)}.`,
      );
    }
    for (const arg of required.Arguments) {
      const got = found.Arguments.find((a) => a.Name === arg.Name);
      if (got === undefined) {
        throw schemaError(
          found.Position,
          `${who} the field ${required.Name} must have the same arguments but it is missing ${arg.Name}.`,
        );
      }
      if (!sameType(arg.Type, got.Type)) {
        throw schemaError(
          got.Position,
          `${who} the field ${required.Name} must have the same arguments but ${arg.Name} has the wrong type.`,
        );
      }
    }
    for (const extra of found.Arguments) {
      const known = required.Arguments.some((a) => a.Name === extra.Name);
      if (!known && extra.Type?.NonNull === true && extra.DefaultValue === null) {
        throw schemaError(
          extra.Position,
          `${who} any additional arguments on ${found.Name} must be optional or have a default value but ${extra.Name} is required.`,
        );
      }
    }
  }
  checkAncestors(def, intf);
}

/** A type implementing an interface must also implement every interface that one implements. */
function checkAncestors(def: GDefinition, intf: GDefinition): void {
  for (const transitive of intf.Interfaces) {
    if (def.Interfaces.includes(transitive)) continue;
    const message =
      transitive === def.Name
        ? `Type ${def.Name} cannot implement ${intf.Name} because it would create a circular reference.`
        : `Type ${def.Name} must implement ${transitive} because it is implemented by ${intf.Name}.`;
    throw schemaError(def.Position, message);
  }
}

/** Whether a field of type `actual` may stand in for one of type `required`. */
function isCovariant(schema: GSchema, required: GType | null, actual: GType | null): boolean {
  if (required === null || actual === null) return required === actual;
  if (required.NonNull && !actual.NonNull) return false;
  if (required.NamedType !== "") {
    if (required.NamedType === actual.NamedType) return true;
    return (schema.possibleTypes.get(required.NamedType) ?? []).some((t) => t.Name === actual.NamedType);
  }
  if (actual.Elem === null) return false;
  return isCovariant(schema, required.Elem, actual.Elem);
}
