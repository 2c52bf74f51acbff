import {
  buildASTSchema,
  type DefinitionNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type InputValueDefinitionNode,
  Kind,
  type OperationTypeDefinitionNode,
  OperationTypeNode,
} from "graphql";
import type {
  GArgumentDefinition,
  GDefinition,
  GDirectiveDefinition,
  GFieldDefinition,
} from "./ast-types.js";
import { GqlFailure } from "./gql-error.js";
import { builtinSchema } from "./prelude.js";
import type { GSchema } from "./schema-model.js";
import { constValueNode, namedTypeNode, nameNode, typeNode } from "./to-js-common.js";

/**
 * Builds the graphql-js schema that queries are validated against from a validated gqlparser schema.
 * graphql-js supplies the built-in scalars, directives and introspection types itself, and is told
 * the schema is valid (gqlparser's rules already ran and are the ones OPA applies).
 */
export function toJsSchema(schema: GSchema): GraphQLSchema {
  const definitions: DefinitionNode[] = [];
  for (const def of schema.types.values()) {
    if (!def.BuiltIn) {
      const node = typeDefinition(def);
      if (node !== undefined) definitions.push(node);
    }
  }
  for (const dir of schema.directives.values()) {
    if (!builtinSchema().Directives.includes(dir)) definitions.push(directive(dir));
  }
  const operationTypes: OperationTypeDefinitionNode[] = [];
  const root = (operation: OperationTypeNode, def: GDefinition | undefined) => {
    if (def !== undefined) {
      operationTypes.push({ kind: Kind.OPERATION_TYPE_DEFINITION, operation, type: namedTypeNode(def.Name) });
    }
  };
  root(OperationTypeNode.QUERY, schema.query);
  root(OperationTypeNode.MUTATION, schema.mutation);
  root(OperationTypeNode.SUBSCRIPTION, schema.subscription);
  if (operationTypes.length > 0) definitions.push({ kind: Kind.SCHEMA_DEFINITION, operationTypes });
  try {
    return buildASTSchema({ kind: Kind.DOCUMENT, definitions }, { assumeValid: true, assumeValidSDL: true });
  } catch (e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    throw new GqlFailure("schema", [{ message, pos: undefined }]);
  }
}

function typeDefinition(def: GDefinition): DefinitionNode | undefined {
  const name = nameNode(def.Name);
  switch (def.Kind) {
    case "SCALAR":
      return { kind: Kind.SCALAR_TYPE_DEFINITION, name };
    case "OBJECT":
      return {
        kind: Kind.OBJECT_TYPE_DEFINITION,
        name,
        interfaces: def.Interfaces.map(namedTypeNode),
        fields: def.Fields.map(field),
      };
    case "INTERFACE":
      return {
        kind: Kind.INTERFACE_TYPE_DEFINITION,
        name,
        interfaces: def.Interfaces.map(namedTypeNode),
        fields: def.Fields.map(field),
      };
    case "UNION":
      return { kind: Kind.UNION_TYPE_DEFINITION, name, types: def.Types.map(namedTypeNode) };
    case "ENUM":
      return {
        kind: Kind.ENUM_TYPE_DEFINITION,
        name,
        values: def.EnumValues.map((v) => ({ kind: Kind.ENUM_VALUE_DEFINITION, name: nameNode(v.Name) })),
      };
    case "INPUT_OBJECT":
      return { kind: Kind.INPUT_OBJECT_TYPE_DEFINITION, name, fields: def.Fields.map(inputValue) };
    default:
      return undefined;
  }
}

function field(f: GFieldDefinition): FieldDefinitionNode {
  return {
    kind: Kind.FIELD_DEFINITION,
    name: nameNode(f.Name),
    arguments: f.Arguments.map(inputValue),
    type: typeNode(f.Type),
  };
}

function inputValue(a: GArgumentDefinition | GFieldDefinition): InputValueDefinitionNode {
  return {
    kind: Kind.INPUT_VALUE_DEFINITION,
    name: nameNode(a.Name),
    type: typeNode(a.Type),
    ...(a.DefaultValue === null ? {} : { defaultValue: constValueNode(a.DefaultValue) }),
  };
}

function directive(d: GDirectiveDefinition): DefinitionNode {
  return {
    kind: Kind.DIRECTIVE_DEFINITION,
    name: nameNode(d.Name),
    arguments: d.Arguments.map(inputValue),
    repeatable: d.IsRepeatable,
    locations: d.Locations.map(nameNode),
  };
}
