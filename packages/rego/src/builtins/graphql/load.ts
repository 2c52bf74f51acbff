import type { DocumentNode, GraphQLSchema } from "graphql";
import type { Value } from "../../value/value.js";
import type { GQueryDocument, GSchemaDocument } from "./ast-types.js";
import { decodeQueryDocument } from "./decode-query.js";
import { decodeSchemaDocument } from "./decode-schema.js";
import { locator } from "./from-js-common.js";
import { toQueryDocument } from "./from-js-query.js";
import { toSchemaDocument } from "./from-js-schema.js";
import { parseDocument } from "./parse-document.js";
import type { GSchema } from "./schema-model.js";
import { buildSchema } from "./schema-validate.js";
import type { LineIndex } from "./source-location.js";
import { toJsQuery } from "./to-js-query.js";
import { toJsSchema } from "./to-js-schema.js";

/** A query document in both forms: gqlparser's (for output) and graphql-js's (for validation). */
export interface LoadedQuery {
  readonly doc: GQueryDocument;
  readonly js: DocumentNode;
  /** The query text's line index; absent for AST objects. */
  readonly lines: LineIndex | undefined;
}

/** A validated schema in both forms. */
export interface CompiledSchema {
  readonly schema: GSchema;
  readonly js: GraphQLSchema;
}

/** Parses a query string (throws a parse `GqlFailure`). */
export function queryFromText(text: string): LoadedQuery {
  const parsed = parseDocument(text, "query");
  return { doc: toQueryDocument(parsed.doc, locator(parsed.lines)), js: parsed.doc, lines: parsed.lines };
}

/** Reads a query AST object (throws a decode `GqlFailure`). */
export function queryFromObject(v: Value): LoadedQuery {
  const doc = decodeQueryDocument(v);
  return { doc, js: toJsQuery(doc), lines: undefined };
}

const MAX_CACHED = 32;
const schemaDocs = new Map<string, GSchemaDocument>();

/** Parses a schema string (throws a parse `GqlFailure`); recent results are reused. */
export function schemaFromText(text: string): GSchemaDocument {
  let doc = schemaDocs.get(text);
  if (doc === undefined) {
    const parsed = parseDocument(text, "schema");
    doc = toSchemaDocument(parsed.doc, locator(parsed.lines));
    if (schemaDocs.size >= MAX_CACHED) {
      const oldest = schemaDocs.keys().next();
      if (oldest.done !== true) schemaDocs.delete(oldest.value);
    }
    schemaDocs.set(text, doc);
  }
  return doc;
}

/** Reads a schema AST object (throws a decode `GqlFailure`). */
export function schemaFromObject(v: Value): GSchemaDocument {
  return decodeSchemaDocument(v);
}

const compiled = new WeakMap<GSchemaDocument, CompiledSchema>();

/** Validates a schema document and builds its graphql-js form (throws a schema `GqlFailure`). */
export function compileSchema(doc: GSchemaDocument): CompiledSchema {
  let c = compiled.get(doc);
  if (c === undefined) {
    const schema = buildSchema(doc);
    c = { schema, js: toJsSchema(schema) };
    compiled.set(doc, c);
  }
  return c;
}
