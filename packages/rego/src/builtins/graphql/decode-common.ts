import type { Value } from "../../value/value.js";
import type { GArgument, GChildValue, GDirective, GType, GValue, GVariableDefinition } from "./ast-types.js";
import { goBool, goInt, goPointer, goSlice, goString, structEntries } from "./decode-go.js";
import { decodeDefinition, decodeDirectiveDefinition } from "./decode-schema.js";
import { makeValue } from "./from-js-common.js";

const TYPE_FIELDS = ["NamedType", "Elem", "NonNull", "Position"];

/** Decodes `ast.Type`. */
export function decodeType(v: Value): GType {
  const out: GType = { NamedType: "", Elem: null, NonNull: false };
  for (const [k, x] of structEntries(v, "ast.Type", TYPE_FIELDS)) {
    if (k === "NamedType") out.NamedType = goString(x, out.NamedType);
    else if (k === "Elem") out.Elem = goPointer(x, decodeType);
    else if (k === "NonNull") out.NonNull = goBool(x, out.NonNull);
  }
  return out;
}

const VALUE_FIELDS = [
  "Raw",
  "Children",
  "Kind",
  "Position",
  "Definition",
  "VariableDefinition",
  "ExpectedType",
  "ExpectedTypeHasDefault",
];

/** Decodes `ast.Value`. */
export function decodeValue(v: Value): GValue {
  const out = makeValue(0, "", []);
  for (const [k, x] of structEntries(v, "ast.Value", VALUE_FIELDS)) {
    switch (k) {
      case "Raw":
        out.Raw = goString(x, out.Raw);
        break;
      case "Children":
        out.Children = goSlice(x, "ast.ChildValueList", (c) => goPointer(c, decodeChildValue));
        break;
      case "Kind":
        out.Kind = goInt(x, out.Kind);
        break;
      case "Definition":
        out.Definition = goPointer(x, decodeDefinition);
        break;
      case "VariableDefinition":
        out.VariableDefinition = goPointer(x, decodeVariableDefinition);
        break;
      case "ExpectedType":
        out.ExpectedType = goPointer(x, decodeType);
        break;
      case "ExpectedTypeHasDefault":
        out.ExpectedTypeHasDefault = goBool(x, out.ExpectedTypeHasDefault);
        break;
    }
  }
  return out;
}

function decodeChildValue(v: Value): GChildValue {
  const out: GChildValue = { Name: "", Value: null };
  for (const [k, x] of structEntries(v, "ast.ChildValue", ["Name", "Value", "Position"])) {
    if (k === "Name") out.Name = goString(x, out.Name);
    else if (k === "Value") out.Value = goPointer(x, decodeValue);
  }
  return out;
}

/** Decodes `ast.Argument`. */
export function decodeArgument(v: Value): GArgument {
  const out: GArgument = { Name: "", Value: null };
  for (const [k, x] of structEntries(v, "ast.Argument", ["Name", "Value", "Position"])) {
    if (k === "Name") out.Name = goString(x, out.Name);
    else if (k === "Value") out.Value = goPointer(x, decodeValue);
  }
  return out;
}

/** Decodes an `ast.ArgumentList`. */
export function decodeArguments(v: Value): GArgument[] {
  return goSlice(v, "ast.ArgumentList", (x) => goPointer(x, decodeArgument));
}

const DIRECTIVE_FIELDS = ["Name", "Arguments", "Position", "ParentDefinition", "Definition", "Location"];

/** Decodes `ast.Directive`. */
export function decodeDirective(v: Value): GDirective {
  const out: GDirective = { Name: "", Arguments: [], ParentDefinition: null, Definition: null, Location: "" };
  for (const [k, x] of structEntries(v, "ast.Directive", DIRECTIVE_FIELDS)) {
    switch (k) {
      case "Name":
        out.Name = goString(x, out.Name);
        break;
      case "Arguments":
        out.Arguments = decodeArguments(x);
        break;
      case "ParentDefinition":
        out.ParentDefinition = goPointer(x, decodeDefinition);
        break;
      case "Definition":
        out.Definition = goPointer(x, decodeDirectiveDefinition);
        break;
      case "Location":
        out.Location = goString(x, out.Location);
        break;
    }
  }
  return out;
}

/** Decodes an `ast.DirectiveList`. */
export function decodeDirectives(v: Value): GDirective[] {
  return goSlice(v, "ast.DirectiveList", (x) => goPointer(x, decodeDirective));
}

const VARIABLE_FIELDS = ["Variable", "Type", "DefaultValue", "Directives", "Position", "Definition", "Used"];

/** Decodes `ast.VariableDefinition`. */
export function decodeVariableDefinition(v: Value): GVariableDefinition {
  const out: GVariableDefinition = {
    Variable: "",
    Type: null,
    DefaultValue: null,
    Directives: [],
    Definition: null,
    Used: false,
  };
  for (const [k, x] of structEntries(v, "ast.VariableDefinition", VARIABLE_FIELDS)) {
    switch (k) {
      case "Variable":
        out.Variable = goString(x, out.Variable);
        break;
      case "Type":
        out.Type = goPointer(x, decodeType);
        break;
      case "DefaultValue":
        out.DefaultValue = goPointer(x, decodeValue);
        break;
      case "Directives":
        out.Directives = decodeDirectives(x);
        break;
      case "Definition":
        out.Definition = goPointer(x, decodeDefinition);
        break;
      case "Used":
        out.Used = goBool(x, out.Used);
        break;
    }
  }
  return out;
}

/** Decodes an `ast.VariableDefinitionList`. */
export function decodeVariableDefinitions(v: Value): GVariableDefinition[] {
  return goSlice(v, "ast.VariableDefinitionList", (x) => goPointer(x, decodeVariableDefinition));
}
