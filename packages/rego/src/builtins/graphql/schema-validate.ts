import type {
  GArgumentDefinition,
  GDefinition,
  GDirective,
  GDirectiveDefinition,
  GSchemaDefinition,
  GSchemaDocument,
  GType,
  SourcePos,
} from "./ast-types.js";
import { builtinSchema } from "./prelude.js";
import { checkImplements } from "./schema-implements.js";
import { type GSchema, schemaError, typeName, typeString } from "./schema-model.js";

const BUILTIN_DIRECTIVES = new Set(["include", "skip", "deprecated", "specifiedBy", "defer", "oneOf"]);
const OUTPUT_KINDS = ["SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM"];
const INPUT_KINDS = ["SCALAR", "ENUM", "INPUT_OBJECT"];

/**
 * gqlparser's `ValidateSchemaDocument` over the prelude merged with `doc`: merges extensions into
 * their types (creating missing ones), resolves root types and checks every definition and
 * directive. Throws a schema `GqlFailure` on the first problem. `doc` is not modified.
 */
export function buildSchema(doc: GSchemaDocument): GSchema {
  const prelude = builtinSchema();
  const schema: GSchema = {
    types: new Map(),
    directives: new Map(),
    possibleTypes: new Map(),
    query: undefined,
    mutation: undefined,
    subscription: undefined,
  };
  const defs: GDefinition[] = [];
  for (const def of [...prelude.Definitions, ...doc.Definitions]) {
    if (schema.types.has(def.Name)) throw schemaError(def.Position, `Cannot redeclare type ${def.Name}.`);
    const copy = cloneDefinition(def);
    schema.types.set(def.Name, copy);
    defs.push(copy);
  }
  for (const ext of [...prelude.Extensions, ...doc.Extensions]) {
    let def = schema.types.get(ext.Name);
    if (def === undefined) {
      def = cloneDefinition({
        ...ext,
        Description: "",
        Directives: [],
        Interfaces: [],
        Fields: [],
        Types: [],
        EnumValues: [],
      });
      schema.types.set(ext.Name, def);
      defs.push(def);
    }
    if (def.Kind !== ext.Kind) {
      throw schemaError(
        ext.Position,
        `Cannot extend type ${ext.Name} because the base type is a ${def.Kind}, not ${ext.Kind}.`,
      );
    }
    def.Directives.push(...ext.Directives);
    def.Interfaces.push(...ext.Interfaces);
    def.Fields.push(...ext.Fields);
    def.Types.push(...ext.Types);
    def.EnumValues.push(...ext.EnumValues);
  }
  for (const def of defs) addPossibleTypes(schema, def);
  for (const dir of [...prelude.Directives, ...doc.Directives]) {
    if (schema.directives.has(dir.Name)) {
      if (BUILTIN_DIRECTIVES.has(dir.Name)) continue;
      throw schemaError(dir.Position, `Cannot redeclare directive ${dir.Name}.`);
    }
    schema.directives.set(dir.Name, dir);
  }
  const schemaDefs = [...prelude.Schema, ...doc.Schema];
  if (schemaDefs.length > 1) {
    throw schemaError(
      schemaDefs[1]?.Position,
      "Cannot have multiple schema entry points, consider schema extensions instead.",
    );
  }
  for (const s of [...schemaDefs, ...prelude.SchemaExtension, ...doc.SchemaExtension]) setRoots(schema, s);
  for (const def of schema.types.values()) checkDefinition(schema, def);
  for (const dir of schema.directives.values()) {
    checkName(dir.Position, dir.Name);
    checkArguments(schema, dir.Arguments, dir);
  }
  schema.query ??= schema.types.get("Query");
  schema.mutation ??= schema.types.get("Mutation");
  schema.subscription ??= schema.types.get("Subscription");
  return schema;
}

function cloneDefinition(def: GDefinition): GDefinition {
  return {
    ...def,
    Directives: [...def.Directives],
    Interfaces: [...def.Interfaces],
    Fields: [...def.Fields],
    Types: [...def.Types],
    EnumValues: [...def.EnumValues],
  };
}

function addPossibleType(schema: GSchema, name: string, def: GDefinition): void {
  const list = schema.possibleTypes.get(name);
  if (list === undefined) schema.possibleTypes.set(name, [def]);
  else list.push(def);
}

function addPossibleTypes(schema: GSchema, def: GDefinition): void {
  if (def.Kind === "UNION") {
    for (const t of def.Types) {
      const member = schema.types.get(t);
      if (member !== undefined) addPossibleType(schema, def.Name, member);
    }
  } else if (def.Kind === "OBJECT" || def.Kind === "INPUT_OBJECT") {
    for (const intf of def.Interfaces) addPossibleType(schema, intf, def);
    addPossibleType(schema, def.Name, def);
  }
}

function setRoots(schema: GSchema, s: GSchemaDefinition): void {
  for (const op of s.OperationTypes) {
    const def = schema.types.get(op.Type);
    if (def === undefined) {
      throw schemaError(
        op.Position,
        `Schema root ${op.Operation} refers to a type ${op.Type} that does not exist.`,
      );
    }
    if (op.Operation === "query") schema.query = def;
    else if (op.Operation === "mutation") schema.mutation = def;
    else if (op.Operation === "subscription") schema.subscription = def;
  }
  checkDirectives(schema, s.Directives, "SCHEMA", undefined);
}

function checkDefinition(schema: GSchema, def: GDefinition): void {
  const fieldLocation = def.Kind === "INPUT_OBJECT" ? "INPUT_FIELD_DEFINITION" : "FIELD_DEFINITION";
  for (const field of def.Fields) {
    checkName(field.Position, field.Name);
    checkTypeRef(schema, field.Type);
    checkArguments(schema, field.Arguments, undefined);
    checkDirectives(schema, field.Directives, fieldLocation, undefined);
  }
  for (const t of def.Types) {
    const member = schema.types.get(t);
    if (member === undefined) throw schemaError(def.Position, `Undefined type "${t}".`);
    if (member.Kind !== "OBJECT") throw schemaError(def.Position, `${def.Kind} type "${t}" must be OBJECT.`);
  }
  for (const intf of def.Interfaces) checkImplements(schema, def, intf);
  switch (def.Kind) {
    case "OBJECT":
    case "INTERFACE":
      if (def.Fields.length === 0)
        throw schemaError(def.Position, `${def.Kind} must define one or more fields.`);
      checkFieldKinds(schema, def, OUTPUT_KINDS);
      break;
    case "ENUM":
      if (def.EnumValues.length === 0) {
        throw schemaError(def.Position, `${def.Kind} must define one or more unique enum values.`);
      }
      for (const v of def.EnumValues) checkDirectives(schema, v.Directives, "ENUM_VALUE", undefined);
      break;
    case "INPUT_OBJECT":
      if (def.Fields.length === 0)
        throw schemaError(def.Position, `${def.Kind} must define one or more input fields.`);
      checkFieldKinds(schema, def, INPUT_KINDS);
      break;
  }
  def.Fields.forEach((f, i) => {
    if (def.Fields.slice(0, i).some((g) => g.Name === f.Name)) {
      throw schemaError(f.Position, `Field ${def.Name}.${f.Name} can only be defined once.`);
    }
  });
  if (!def.BuiltIn) checkName(def.Position, def.Name);
  checkDirectives(schema, def.Directives, def.Kind, undefined);
}

function checkFieldKinds(schema: GSchema, def: GDefinition, kinds: readonly string[]): void {
  for (const field of def.Fields) {
    const t = schema.types.get(typeName(field.Type));
    if (t !== undefined && !kinds.includes(t.Kind)) {
      throw schemaError(field.Position, `${def.Kind} field must be one of ${kinds.join(", ")}.`);
    }
  }
}

function checkTypeRef(schema: GSchema, t: GType | null): void {
  if (t === null || !schema.types.has(typeName(t))) {
    throw schemaError(t?.Position, `Undefined type ${typeName(t)}.`);
  }
}

function checkArguments(
  schema: GSchema,
  args: readonly GArgumentDefinition[],
  current: GDirectiveDefinition | undefined,
): void {
  for (const arg of args) {
    checkName(arg.Position, arg.Name);
    checkTypeRef(schema, arg.Type);
    const def = schema.types.get(typeName(arg.Type));
    if (def !== undefined && !INPUT_KINDS.includes(def.Kind)) {
      throw schemaError(
        arg.Position,
        `cannot use ${typeString(arg.Type)} as argument ${arg.Name} because ${def.Kind} is not a valid input type`,
      );
    }
    checkDirectives(schema, arg.Directives, "ARGUMENT_DEFINITION", current);
  }
}

function checkDirectives(
  schema: GSchema,
  dirs: readonly GDirective[],
  location: string,
  current: GDirectiveDefinition | undefined,
): void {
  for (const dir of dirs) {
    checkName(dir.Position, dir.Name);
    if (current !== undefined && dir.Name === current.Name) {
      throw schemaError(dir.Position, `Directive ${current.Name} cannot refer to itself.`);
    }
    const def = schema.directives.get(dir.Name);
    if (def === undefined) throw schemaError(dir.Position, `Undefined directive ${dir.Name}.`);
    if (!def.Locations.includes(location)) {
      throw schemaError(dir.Position, `Directive ${dir.Name} is not applicable on ${location}.`);
    }
  }
}

function checkName(pos: SourcePos | undefined, name: string): void {
  if (name.startsWith("__")) {
    throw schemaError(
      pos,
      `Name "${name}" must not begin with "__", which is reserved by GraphQL introspection.`,
    );
  }
}
