import type { Value } from "../../value/value.js";
import type {
  GField,
  GFragmentDefinition,
  GFragmentSpread,
  GInlineFragment,
  GOperationDefinition,
  GQueryDocument,
  GSelection,
} from "./ast-types.js";
import { decodeArguments, decodeDirectives, decodeVariableDefinitions } from "./decode-common.js";
import { goPointer, goSlice, goString, structEntries } from "./decode-go.js";
import { decodeDefinition, decodeFieldDefinition } from "./decode-schema.js";
import { GqlFailure } from "./gql-error.js";

/** Decodes an `ast.QueryDocument` from an AST object (as `graphql.parse_query` returns). */
export function decodeQueryDocument(v: Value): GQueryDocument {
  const out: GQueryDocument = { Operations: [], Fragments: [] };
  for (const [k, x] of structEntries(v, "ast.QueryDocument", ["Operations", "Fragments", "Position"])) {
    if (k === "Operations")
      out.Operations = goSlice(x, "ast.OperationList", (o) => goPointer(o, decodeOperation));
    else if (k === "Fragments")
      out.Fragments = goSlice(x, "ast.FragmentDefinitionList", (f) => goPointer(f, decodeFragmentDefinition));
  }
  return out;
}

const OPERATION_FIELDS = [
  "Operation",
  "Name",
  "VariableDefinitions",
  "Directives",
  "SelectionSet",
  "Position",
];

function decodeOperation(v: Value): GOperationDefinition {
  const out: GOperationDefinition = {
    Operation: "",
    Name: "",
    VariableDefinitions: [],
    Directives: [],
    SelectionSet: [],
  };
  for (const [k, x] of structEntries(v, "ast.OperationDefinition", OPERATION_FIELDS, true)) {
    switch (k) {
      case "Operation":
        out.Operation = goString(x, out.Operation);
        break;
      case "Name":
        out.Name = goString(x, out.Name);
        break;
      case "VariableDefinitions":
        out.VariableDefinitions = decodeVariableDefinitions(x);
        break;
      case "Directives":
        out.Directives = decodeDirectives(x);
        break;
      case "SelectionSet":
        out.SelectionSet = decodeSelectionSet(x);
        break;
    }
  }
  return out;
}

const FRAGMENT_FIELDS = [
  "Name",
  "VariableDefinition",
  "TypeCondition",
  "Directives",
  "SelectionSet",
  "Definition",
  "Position",
];

function decodeFragmentDefinition(v: Value): GFragmentDefinition {
  const out: GFragmentDefinition = {
    Name: "",
    VariableDefinition: [],
    TypeCondition: "",
    Directives: [],
    SelectionSet: [],
    Definition: null,
  };
  for (const [k, x] of structEntries(v, "ast.FragmentDefinition", FRAGMENT_FIELDS, true)) {
    switch (k) {
      case "Name":
        out.Name = goString(x, out.Name);
        break;
      case "VariableDefinition":
        out.VariableDefinition = decodeVariableDefinitions(x);
        break;
      case "TypeCondition":
        out.TypeCondition = goString(x, out.TypeCondition);
        break;
      case "Directives":
        out.Directives = decodeDirectives(x);
        break;
      case "SelectionSet":
        out.SelectionSet = decodeSelectionSet(x);
        break;
      case "Definition":
        out.Definition = goPointer(x, decodeDefinition);
        break;
    }
  }
  return out;
}

/**
 * gqlparser decodes each selection as a field when it can, else as a fragment spread, else as an
 * inline fragment, and silently drops what fits none; so fragments given as AST objects come back
 * as fields (as they do in OPA).
 */
function decodeSelectionSet(v: Value): GSelection[] {
  return goSlice(v, "ast.SelectionSet", (x): GSelection | null => {
    for (const decode of [decodeField, decodeFragmentSpread, decodeInlineFragment]) {
      try {
        return decode(x);
      } catch (e: unknown) {
        if (!(e instanceof GqlFailure)) throw e;
      }
    }
    return null;
  });
}

const FIELD_FIELDS = [
  "Alias",
  "Name",
  "Arguments",
  "Directives",
  "SelectionSet",
  "Position",
  "Definition",
  "ObjectDefinition",
];

function decodeField(v: Value): GField {
  const out: GField = {
    Alias: "",
    Name: "",
    Arguments: [],
    Directives: [],
    SelectionSet: [],
    Definition: null,
    ObjectDefinition: null,
  };
  if (v === null) return out;
  for (const [k, x] of structEntries(v, "ast.Field", FIELD_FIELDS, true)) {
    switch (k) {
      case "Alias":
        out.Alias = goString(x, out.Alias);
        break;
      case "Name":
        out.Name = goString(x, out.Name);
        break;
      case "Arguments":
        out.Arguments = decodeArguments(x);
        break;
      case "Directives":
        out.Directives = decodeDirectives(x);
        break;
      case "SelectionSet":
        out.SelectionSet = decodeSelectionSet(x);
        break;
      case "Definition":
        out.Definition = goPointer(x, decodeFieldDefinition);
        break;
      case "ObjectDefinition":
        out.ObjectDefinition = goPointer(x, decodeDefinition);
        break;
    }
  }
  return out;
}

function decodeFragmentSpread(v: Value): GFragmentSpread {
  const out: GFragmentSpread = { Name: "", Directives: [], ObjectDefinition: null, Definition: null };
  const fields = ["Name", "Directives", "ObjectDefinition", "Definition", "Position"];
  for (const [k, x] of structEntries(v, "ast.FragmentSpread", fields)) {
    if (k === "Name") out.Name = goString(x, out.Name);
    else if (k === "Directives") out.Directives = decodeDirectives(x);
    else if (k === "ObjectDefinition") out.ObjectDefinition = goPointer(x, decodeDefinition);
    else if (k === "Definition") out.Definition = goPointer(x, decodeFragmentDefinition);
  }
  return out;
}

function decodeInlineFragment(v: Value): GInlineFragment {
  const out: GInlineFragment = {
    TypeCondition: "",
    Directives: [],
    SelectionSet: [],
    ObjectDefinition: null,
  };
  const fields = ["TypeCondition", "Directives", "SelectionSet", "ObjectDefinition", "Position"];
  for (const [k, x] of structEntries(v, "ast.InlineFragment", fields, true)) {
    if (k === "TypeCondition") out.TypeCondition = goString(x, out.TypeCondition);
    else if (k === "Directives") out.Directives = decodeDirectives(x);
    else if (k === "SelectionSet") out.SelectionSet = decodeSelectionSet(x);
    else if (k === "ObjectDefinition") out.ObjectDefinition = goPointer(x, decodeDefinition);
  }
  return out;
}
