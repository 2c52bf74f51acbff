import type { GDefinition, GDirectiveDefinition, GType, SourcePos } from "./ast-types.js";
import { GqlFailure } from "./gql-error.js";

/** A validated schema (gqlparser's `ast.Schema`): types and directives by name, and root types. */
export interface GSchema {
  readonly types: Map<string, GDefinition>;
  readonly directives: Map<string, GDirectiveDefinition>;
  readonly possibleTypes: Map<string, GDefinition[]>;
  query: GDefinition | undefined;
  mutation: GDefinition | undefined;
  subscription: GDefinition | undefined;
}

/** A schema conversion error at `pos`. */
export function schemaError(pos: SourcePos | undefined, message: string): GqlFailure {
  return new GqlFailure("schema", [{ message, pos }]);
}

/** The innermost named type of a type reference. */
export function typeName(t: GType | null): string {
  if (t === null) return "";
  return t.Elem !== null ? typeName(t.Elem) : t.NamedType;
}

/** A type reference as GraphQL writes it (`[String!]!`). */
export function typeString(t: GType | null): string {
  if (t === null) return "";
  const inner = t.Elem !== null ? `[${typeString(t.Elem)}]` : t.NamedType;
  return t.NonNull ? `${inner}!` : inner;
}

/** Whether two type references are the same. */
export function sameType(a: GType | null, b: GType | null): boolean {
  if (a === null || b === null) return a === b;
  return a.NamedType === b.NamedType && a.NonNull === b.NonNull && sameType(a.Elem, b.Elem);
}
