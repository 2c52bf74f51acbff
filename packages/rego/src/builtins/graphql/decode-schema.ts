import type { Value } from "../../value/value.js";
import type {
  GArgumentDefinition,
  GDefinition,
  GDirectiveDefinition,
  GEnumValueDefinition,
  GFieldDefinition,
  GOperationTypeDefinition,
  GSchemaDefinition,
  GSchemaDocument,
} from "./ast-types.js";
import { decodeDirectives, decodeType, decodeValue } from "./decode-common.js";
import { goBool, goPointer, goSlice, goString, structEntries } from "./decode-go.js";

const DOCUMENT_FIELDS = ["Schema", "SchemaExtension", "Directives", "Definitions", "Extensions", "Position"];

/** Decodes an `ast.SchemaDocument` from an AST object (as `graphql.parse_schema` returns). */
export function decodeSchemaDocument(v: Value): GSchemaDocument {
  const out: GSchemaDocument = {
    Schema: [],
    SchemaExtension: [],
    Directives: [],
    Definitions: [],
    Extensions: [],
  };
  const schemas = (x: Value) =>
    goSlice(x, "ast.SchemaDefinitionList", (s) => goPointer(s, decodeSchemaDefinition));
  const defs = (x: Value) => goSlice(x, "ast.DefinitionList", (d) => goPointer(d, decodeDefinition));
  for (const [k, x] of structEntries(v, "ast.SchemaDocument", DOCUMENT_FIELDS)) {
    switch (k) {
      case "Schema":
        out.Schema = schemas(x);
        break;
      case "SchemaExtension":
        out.SchemaExtension = schemas(x);
        break;
      case "Directives":
        out.Directives = goSlice(x, "ast.DirectiveDefinitionList", (d) =>
          goPointer(d, decodeDirectiveDefinition),
        );
        break;
      case "Definitions":
        out.Definitions = defs(x);
        break;
      case "Extensions":
        out.Extensions = defs(x);
        break;
    }
  }
  return out;
}

function decodeSchemaDefinition(v: Value): GSchemaDefinition {
  const out: GSchemaDefinition = { Description: "", Directives: [], OperationTypes: [] };
  for (const [k, x] of structEntries(v, "ast.SchemaDefinition", [
    "Description",
    "Directives",
    "OperationTypes",
    "Position",
  ])) {
    if (k === "Description") out.Description = goString(x, out.Description);
    else if (k === "Directives") out.Directives = decodeDirectives(x);
    else if (k === "OperationTypes")
      out.OperationTypes = goSlice(x, "ast.OperationTypeDefinitionList", (o) =>
        goPointer(o, decodeOperationType),
      );
  }
  return out;
}

function decodeOperationType(v: Value): GOperationTypeDefinition {
  const out: GOperationTypeDefinition = { Operation: "", Type: "" };
  for (const [k, x] of structEntries(v, "ast.OperationTypeDefinition", ["Operation", "Type", "Position"])) {
    if (k === "Operation") out.Operation = goString(x, out.Operation);
    else if (k === "Type") out.Type = goString(x, out.Type);
  }
  return out;
}

const DEFINITION_FIELDS = [
  "Kind",
  "Description",
  "Name",
  "Directives",
  "Interfaces",
  "Fields",
  "Types",
  "EnumValues",
  "Position",
  "BuiltIn",
];

/** Decodes `ast.Definition`. */
export function decodeDefinition(v: Value): GDefinition {
  const out: GDefinition = {
    Kind: "",
    Description: "",
    Name: "",
    Directives: [],
    Interfaces: [],
    Fields: [],
    Types: [],
    EnumValues: [],
    BuiltIn: false,
  };
  const strings = (x: Value) => goSlice(x, "[]string", (s) => goString(s, ""));
  for (const [k, x] of structEntries(v, "ast.Definition", DEFINITION_FIELDS)) {
    switch (k) {
      case "Kind":
        out.Kind = goString(x, out.Kind);
        break;
      case "Description":
        out.Description = goString(x, out.Description);
        break;
      case "Name":
        out.Name = goString(x, out.Name);
        break;
      case "Directives":
        out.Directives = decodeDirectives(x);
        break;
      case "Interfaces":
        out.Interfaces = strings(x);
        break;
      case "Fields":
        out.Fields = goSlice(x, "ast.FieldList", (f) => goPointer(f, decodeFieldDefinition));
        break;
      case "Types":
        out.Types = strings(x);
        break;
      case "EnumValues":
        out.EnumValues = goSlice(x, "ast.EnumValueList", (e) => goPointer(e, decodeEnumValue));
        break;
      case "BuiltIn":
        out.BuiltIn = goBool(x, out.BuiltIn);
        break;
    }
  }
  return out;
}

const FIELD_DEFINITION_FIELDS = [
  "Description",
  "Name",
  "Arguments",
  "DefaultValue",
  "Type",
  "Directives",
  "Position",
];

/** Decodes `ast.FieldDefinition`. */
export function decodeFieldDefinition(v: Value): GFieldDefinition {
  const out: GFieldDefinition = {
    Description: "",
    Name: "",
    Arguments: [],
    DefaultValue: null,
    Type: null,
    Directives: [],
  };
  for (const [k, x] of structEntries(v, "ast.FieldDefinition", FIELD_DEFINITION_FIELDS)) {
    switch (k) {
      case "Description":
        out.Description = goString(x, out.Description);
        break;
      case "Name":
        out.Name = goString(x, out.Name);
        break;
      case "Arguments":
        out.Arguments = decodeArgumentDefinitions(x);
        break;
      case "DefaultValue":
        out.DefaultValue = goPointer(x, decodeValue);
        break;
      case "Type":
        out.Type = goPointer(x, decodeType);
        break;
      case "Directives":
        out.Directives = decodeDirectives(x);
        break;
    }
  }
  return out;
}

function decodeArgumentDefinitions(v: Value): GArgumentDefinition[] {
  const fields = ["Description", "Name", "DefaultValue", "Type", "Directives", "Position"];
  return goSlice(v, "ast.ArgumentDefinitionList", (a) =>
    goPointer(a, (x): GArgumentDefinition => {
      const out: GArgumentDefinition = {
        Description: "",
        Name: "",
        DefaultValue: null,
        Type: null,
        Directives: [],
      };
      for (const [k, e] of structEntries(x, "ast.ArgumentDefinition", fields)) {
        if (k === "Description") out.Description = goString(e, out.Description);
        else if (k === "Name") out.Name = goString(e, out.Name);
        else if (k === "DefaultValue") out.DefaultValue = goPointer(e, decodeValue);
        else if (k === "Type") out.Type = goPointer(e, decodeType);
        else if (k === "Directives") out.Directives = decodeDirectives(e);
      }
      return out;
    }),
  );
}

function decodeEnumValue(v: Value): GEnumValueDefinition {
  const out: GEnumValueDefinition = { Description: "", Name: "", Directives: [] };
  for (const [k, x] of structEntries(v, "ast.EnumValueDefinition", [
    "Description",
    "Name",
    "Directives",
    "Position",
  ])) {
    if (k === "Description") out.Description = goString(x, out.Description);
    else if (k === "Name") out.Name = goString(x, out.Name);
    else if (k === "Directives") out.Directives = decodeDirectives(x);
  }
  return out;
}

const DIRECTIVE_DEFINITION_FIELDS = [
  "Description",
  "Name",
  "Arguments",
  "Locations",
  "IsRepeatable",
  "Position",
];

/** Decodes `ast.DirectiveDefinition`. */
export function decodeDirectiveDefinition(v: Value): GDirectiveDefinition {
  const out: GDirectiveDefinition = {
    Description: "",
    Name: "",
    Arguments: [],
    Locations: [],
    IsRepeatable: false,
  };
  for (const [k, x] of structEntries(v, "ast.DirectiveDefinition", DIRECTIVE_DEFINITION_FIELDS)) {
    switch (k) {
      case "Description":
        out.Description = goString(x, out.Description);
        break;
      case "Name":
        out.Name = goString(x, out.Name);
        break;
      case "Arguments":
        out.Arguments = decodeArgumentDefinitions(x);
        break;
      case "Locations":
        out.Locations = goSlice(x, "[]ast.DirectiveLocation", (s) => goString(s, ""));
        break;
      case "IsRepeatable":
        out.IsRepeatable = goBool(x, out.IsRepeatable);
        break;
    }
  }
  return out;
}
