import { GraphQLSchema, parse, printIntrospectionSchema, printType, specifiedScalarTypes } from "graphql";
import type { GSchemaDocument } from "./ast-types.js";
import { locator } from "./from-js-common.js";
import { toSchemaDocument } from "./from-js-schema.js";
import { LineIndex } from "./source-location.js";

let prelude: GSchemaDocument | undefined;

/**
 * The built-in definitions every schema is merged with (gqlparser's prelude): the specified scalars
 * and directives and the introspection types, taken from graphql-js and marked `BuiltIn`.
 */
export function builtinSchema(): GSchemaDocument {
  if (prelude === undefined) {
    const sdl = [
      ...specifiedScalarTypes.map((t) => printType(t)),
      printIntrospectionSchema(new GraphQLSchema({})),
    ].join("\n\n");
    prelude = toSchemaDocument(parse(sdl), locator(new LineIndex(sdl)), true);
  }
  return prelude;
}
