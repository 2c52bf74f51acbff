import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from "graphql";
import type {
  GFragmentDefinition,
  GOperationDefinition,
  GQueryDocument,
  GSelection,
  GVariableDefinition,
} from "./ast-types.js";
import {
  afterFirstToken,
  type Locate,
  toGArguments,
  toGDirectives,
  toGType,
  toGValue,
  withPos,
} from "./from-js-common.js";

/** Converts a parsed executable document into gqlparser's `QueryDocument` shape. */
export function toQueryDocument(doc: DocumentNode, at: Locate): GQueryDocument {
  const out: GQueryDocument = { Operations: [], Fragments: [] };
  for (const d of doc.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) out.Operations.push(operation(d, at));
    else if (d.kind === Kind.FRAGMENT_DEFINITION) out.Fragments.push(fragment(d, at));
  }
  return out;
}

function operation(d: OperationDefinitionNode, at: Locate): GOperationDefinition {
  return withPos(
    {
      Operation: d.operation,
      Name: d.name?.value ?? "",
      VariableDefinitions: (d.variableDefinitions ?? []).map((v) => variable(v, at)),
      Directives: toGDirectives(d.directives, at),
      SelectionSet: selections(d.selectionSet, at),
    },
    at(d.loc),
  );
}

function fragment(d: FragmentDefinitionNode, at: Locate): GFragmentDefinition {
  return withPos(
    {
      Name: d.name.value,
      VariableDefinition: (d.variableDefinitions ?? []).map((v) => variable(v, at)),
      TypeCondition: d.typeCondition.name.value,
      Directives: toGDirectives(d.directives, at),
      SelectionSet: selections(d.selectionSet, at),
      Definition: null,
    },
    at(d.loc),
  );
}

function variable(v: VariableDefinitionNode, at: Locate): GVariableDefinition {
  return withPos(
    {
      Variable: v.variable.name.value,
      Type: toGType(v.type, at),
      DefaultValue: v.defaultValue === undefined ? null : toGValue(v.defaultValue, at),
      Directives: toGDirectives(v.directives, at),
      Definition: null,
      Used: false,
    },
    at(v.loc),
  );
}

function selections(set: SelectionSetNode | undefined, at: Locate): GSelection[] {
  if (set === undefined) return [];
  return set.selections.map((s) => selection(s, at));
}

function selection(s: SelectionNode, at: Locate): GSelection {
  switch (s.kind) {
    case Kind.FIELD:
      return withPos(
        {
          Alias: s.alias?.value ?? s.name.value,
          Name: s.name.value,
          Arguments: toGArguments(s.arguments, at),
          Directives: toGDirectives(s.directives, at),
          SelectionSet: selections(s.selectionSet, at),
          Definition: null,
          ObjectDefinition: null,
        },
        at(s.loc),
      );
    case Kind.FRAGMENT_SPREAD:
      return withPos(
        {
          Name: s.name.value,
          Directives: toGDirectives(s.directives, at),
          ObjectDefinition: null,
          Definition: null,
        },
        at(s.name.loc),
      );
    case Kind.INLINE_FRAGMENT:
      return withPos(
        {
          TypeCondition: s.typeCondition?.name.value ?? "",
          Directives: toGDirectives(s.directives, at),
          SelectionSet: selections(s.selectionSet, at),
          ObjectDefinition: null,
        },
        at(afterFirstToken(s.loc)),
      );
  }
}
