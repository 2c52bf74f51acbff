import {
  type ASTNode,
  type DocumentNode,
  ExecutableDefinitionsRule,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  specifiedRules,
  type ValidationContext,
  type ValidationRule,
  validate,
} from "graphql";
import type { SourcePos } from "./ast-types.js";
import { afterFirstToken, type Span } from "./from-js-common.js";
import { GqlFailure } from "./gql-error.js";
import type { LineIndex } from "./source-location.js";

/** gqlparser's KnownRootType rule: an operation needs a root type in the schema. */
const knownRootType: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation) === undefined) {
      context.reportError(
        new GraphQLError(`Schema does not support operation type "${node.operation}"`, { nodes: node }),
      );
    }
  },
});

const RULES: readonly ValidationRule[] = [
  ...specifiedRules.filter((r) => r !== ExecutableDefinitionsRule),
  knownRootType,
];

/**
 * Validates a query document against a schema with graphql-js's rules (which gqlparser's mirror,
 * with the same messages) plus gqlparser's KnownRootType. Throws a validation `GqlFailure` listing
 * every error, placed as gqlparser places them. `lines` is the query text's index (absent for AST
 * objects, whose errors carry no location).
 */
export function validateQuery(schema: GraphQLSchema, doc: DocumentNode, lines: LineIndex | undefined): void {
  const errors = validate(schema, doc, RULES);
  if (errors.length === 0) return;
  throw new GqlFailure(
    "validation",
    errors.map((e) => ({ message: e.message, pos: position(e.nodes?.[0], lines) })),
  );
}

function position(node: ASTNode | undefined, lines: LineIndex | undefined): SourcePos | undefined {
  if (node === undefined || lines === undefined) return undefined;
  let loc: Span | undefined = node.loc;
  if (node.kind === Kind.DIRECTIVE || node.kind === Kind.FRAGMENT_SPREAD) loc = node.name.loc;
  else if (node.kind === Kind.INLINE_FRAGMENT) loc = afterFirstToken(node.loc);
  return loc === undefined ? undefined : lines.locate(loc.start);
}
