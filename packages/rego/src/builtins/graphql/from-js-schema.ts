import {
  type ConstDirectiveNode,
  type DirectiveDefinitionNode,
  type DocumentNode,
  type EnumValueDefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  type NamedTypeNode,
  type OperationTypeDefinitionNode,
  type StringValueNode,
  type TypeDefinitionNode,
  type TypeExtensionNode,
} from "graphql";
import type {
  GArgumentDefinition,
  GDefinition,
  GDirectiveDefinition,
  GFieldDefinition,
  GSchemaDefinition,
  GSchemaDocument,
} from "./ast-types.js";
import { afterFirstToken, type Locate, toGDirectives, toGType, toGValue, withPos } from "./from-js-common.js";

/** Converts a parsed type-system document into gqlparser's `SchemaDocument` shape. */
export function toSchemaDocument(doc: DocumentNode, at: Locate, builtIn = false): GSchemaDocument {
  const out: GSchemaDocument = {
    Schema: [],
    SchemaExtension: [],
    Directives: [],
    Definitions: [],
    Extensions: [],
  };
  for (const d of doc.definitions) {
    switch (d.kind) {
      case Kind.SCHEMA_DEFINITION:
        out.Schema.push(schema(description(d.description), d.directives, d.operationTypes, at, d.loc));
        break;
      case Kind.SCHEMA_EXTENSION:
        out.SchemaExtension.push(schema("", d.directives, d.operationTypes, at, d.loc));
        break;
      case Kind.DIRECTIVE_DEFINITION:
        out.Directives.push(directive(d, at));
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        out.Definitions.push(definition(d, at, builtIn));
        break;
      case Kind.SCALAR_TYPE_EXTENSION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_EXTENSION:
      case Kind.UNION_TYPE_EXTENSION:
      case Kind.ENUM_TYPE_EXTENSION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        out.Extensions.push(definition(d, at, builtIn));
        break;
      default:
        break;
    }
  }
  return out;
}

function description(d: StringValueNode | undefined): string {
  return d?.value ?? "";
}

function schema(
  desc: string,
  directives: readonly ConstDirectiveNode[] | undefined,
  ops: readonly OperationTypeDefinitionNode[] | undefined,
  at: Locate,
  loc: TypeDefinitionNode["loc"],
): GSchemaDefinition {
  return withPos(
    {
      Description: desc,
      Directives: toGDirectives(directives, at),
      OperationTypes: (ops ?? []).map((o) =>
        withPos({ Operation: o.operation, Type: o.type.name.value }, at(o.loc)),
      ),
    },
    at(afterFirstToken(loc)),
  );
}

const KINDS: Partial<Record<Kind, string>> = {
  [Kind.SCALAR_TYPE_DEFINITION]: "SCALAR",
  [Kind.SCALAR_TYPE_EXTENSION]: "SCALAR",
  [Kind.OBJECT_TYPE_DEFINITION]: "OBJECT",
  [Kind.OBJECT_TYPE_EXTENSION]: "OBJECT",
  [Kind.INTERFACE_TYPE_DEFINITION]: "INTERFACE",
  [Kind.INTERFACE_TYPE_EXTENSION]: "INTERFACE",
  [Kind.UNION_TYPE_DEFINITION]: "UNION",
  [Kind.UNION_TYPE_EXTENSION]: "UNION",
  [Kind.ENUM_TYPE_DEFINITION]: "ENUM",
  [Kind.ENUM_TYPE_EXTENSION]: "ENUM",
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: "INPUT_OBJECT",
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: "INPUT_OBJECT",
};

function definition(d: TypeDefinitionNode | TypeExtensionNode, at: Locate, builtIn: boolean): GDefinition {
  const names = (xs: readonly NamedTypeNode[] | undefined): string[] => (xs ?? []).map((x) => x.name.value);
  const out: GDefinition = {
    Kind: KINDS[d.kind] ?? "",
    Description: "description" in d ? description(d.description) : "",
    Name: d.name.value,
    Directives: toGDirectives(d.directives, at),
    Interfaces: "interfaces" in d ? names(d.interfaces) : [],
    Fields: [],
    Types: "types" in d ? names(d.types) : [],
    EnumValues: [],
    BuiltIn: builtIn,
  };
  if (d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || d.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION) {
    out.Fields = (d.fields ?? []).map((f) => inputField(f, at));
  } else if ("fields" in d) {
    out.Fields = (d.fields ?? []).map((f) => field(f, at));
  }
  if ("values" in d) out.EnumValues = (d.values ?? []).map((v) => enumValue(v, at));
  return withPos(out, at(d.name.loc));
}

function field(f: FieldDefinitionNode, at: Locate): GFieldDefinition {
  return withPos(
    {
      Description: description(f.description),
      Name: f.name.value,
      Arguments: (f.arguments ?? []).map((a) => argument(a, at)),
      DefaultValue: null,
      Type: toGType(f.type, at),
      Directives: toGDirectives(f.directives, at),
    },
    at(f.loc),
  );
}

function inputField(f: InputValueDefinitionNode, at: Locate): GFieldDefinition {
  return withPos(
    {
      Description: description(f.description),
      Name: f.name.value,
      Arguments: [],
      DefaultValue: f.defaultValue === undefined ? null : toGValue(f.defaultValue, at),
      Type: toGType(f.type, at),
      Directives: toGDirectives(f.directives, at),
    },
    at(f.loc),
  );
}

function argument(a: InputValueDefinitionNode, at: Locate): GArgumentDefinition {
  return withPos(
    {
      Description: description(a.description),
      Name: a.name.value,
      DefaultValue: a.defaultValue === undefined ? null : toGValue(a.defaultValue, at),
      Type: toGType(a.type, at),
      Directives: toGDirectives(a.directives, at),
    },
    at(a.loc),
  );
}

function enumValue(v: EnumValueDefinitionNode, at: Locate) {
  return withPos(
    {
      Description: description(v.description),
      Name: v.name.value,
      Directives: toGDirectives(v.directives, at),
    },
    at(v.loc),
  );
}

function directive(d: DirectiveDefinitionNode, at: Locate): GDirectiveDefinition {
  return withPos(
    {
      Description: description(d.description),
      Name: d.name.value,
      Arguments: (d.arguments ?? []).map((a) => argument(a, at)),
      Locations: d.locations.map((l) => l.value),
      IsRepeatable: d.repeatable,
    },
    at(d.name.loc),
  );
}
