import {
  type DefinitionNode,
  type DocumentNode,
  Kind,
  OperationTypeNode,
  type SelectionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from "graphql";
import {
  type GQueryDocument,
  type GSelection,
  type GVariableDefinition,
  isField,
  isInlineFragment,
} from "./ast-types.js";
import {
  argumentNodes,
  constDirectiveNodes,
  constValueNode,
  directiveNodes,
  namedTypeNode,
  nameNode,
  typeNode,
} from "./to-js-common.js";

const OPERATIONS: Record<string, OperationTypeNode> = {
  query: OperationTypeNode.QUERY,
  mutation: OperationTypeNode.MUTATION,
  subscription: OperationTypeNode.SUBSCRIPTION,
};

/** Converts a query document (from an AST object) to a graphql-js document for validation. */
export function toJsQuery(doc: GQueryDocument): DocumentNode {
  const definitions: DefinitionNode[] = [];
  for (const op of doc.Operations) {
    definitions.push({
      kind: Kind.OPERATION_DEFINITION,
      operation: OPERATIONS[op.Operation] ?? OperationTypeNode.QUERY,
      ...(op.Name === "" ? {} : { name: nameNode(op.Name) }),
      variableDefinitions: op.VariableDefinitions.map(variableNode),
      directives: directiveNodes(op.Directives),
      selectionSet: selectionSet(op.SelectionSet),
    });
  }
  for (const f of doc.Fragments) {
    definitions.push({
      kind: Kind.FRAGMENT_DEFINITION,
      name: nameNode(f.Name),
      variableDefinitions: f.VariableDefinition.map(variableNode),
      typeCondition: namedTypeNode(f.TypeCondition),
      directives: directiveNodes(f.Directives),
      selectionSet: selectionSet(f.SelectionSet),
    });
  }
  return { kind: Kind.DOCUMENT, definitions };
}

function variableNode(v: GVariableDefinition): VariableDefinitionNode {
  return {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: nameNode(v.Variable) },
    type: typeNode(v.Type),
    ...(v.DefaultValue === null ? {} : { defaultValue: constValueNode(v.DefaultValue) }),
    directives: constDirectiveNodes(v.Directives),
  };
}

function selectionSet(sels: readonly GSelection[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections: sels.map(selection) };
}

function selection(s: GSelection): SelectionNode {
  if (isField(s)) {
    return {
      kind: Kind.FIELD,
      ...(s.Alias === s.Name ? {} : { alias: nameNode(s.Alias) }),
      name: nameNode(s.Name),
      arguments: argumentNodes(s.Arguments),
      directives: directiveNodes(s.Directives),
      ...(s.SelectionSet.length === 0 ? {} : { selectionSet: selectionSet(s.SelectionSet) }),
    };
  }
  if (isInlineFragment(s)) {
    return {
      kind: Kind.INLINE_FRAGMENT,
      ...(s.TypeCondition === "" ? {} : { typeCondition: namedTypeNode(s.TypeCondition) }),
      directives: directiveNodes(s.Directives),
      selectionSet: selectionSet(s.SelectionSet),
    };
  }
  return { kind: Kind.FRAGMENT_SPREAD, name: nameNode(s.Name), directives: directiveNodes(s.Directives) };
}
