import { isObject, typeName, type Value } from "../value/value.js";
import { argString } from "./args.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import type { GSchemaDocument } from "./graphql/ast-types.js";
import { encodeAst } from "./graphql/encode.js";
import { GqlFailure, opaMessage } from "./graphql/gql-error.js";
import {
  compileSchema,
  type LoadedQuery,
  queryFromObject,
  queryFromText,
  schemaFromObject,
  schemaFromText,
} from "./graphql/load.js";
import { validateQuery } from "./graphql/query-validate.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

const AST = T.objectOf(T.any, T.any);
const TEXT_OR_AST = T.anyOf(T.string, AST);

/** Runs a GraphQL step, turning gqlparser failures into OPA's builtin error messages. */
function reported<R>(step: () => R): R {
  try {
    return step();
  } catch (e: unknown) {
    if (e instanceof GqlFailure) throw new BuiltinError(opaMessage(e));
    throw e;
  }
}

function loadQuery(v: Value, onWrongType: () => never): LoadedQuery {
  if (typeof v === "string") return queryFromText(v);
  if (isObject(v)) return queryFromObject(v);
  return onWrongType();
}

function loadSchema(v: Value, onWrongType: () => never): GSchemaDocument {
  if (typeof v === "string") return schemaFromText(v);
  if (isObject(v)) return schemaFromObject(v);
  return onWrongType();
}

/** An operand of the wrong type where OPA answers "not valid" instead of failing. */
class Unverified extends Error {}

const unverified = (): never => {
  throw new Unverified();
};

/** Whether a step succeeds (gqlparser failures and wrongly typed operands are false). */
function succeeds(step: () => void): boolean {
  try {
    step();
    return true;
  } catch (e: unknown) {
    if (e instanceof GqlFailure || e instanceof Unverified) return false;
    throw e;
  }
}

/** Parses, checks and validates a query against a schema, returning both ASTs. */
function parseAndValidate(
  query: Value,
  schema: Value,
  onWrongType: (i: number, v: Value) => never,
): [Value, Value] {
  const q = loadQuery(query, () => onWrongType(0, query));
  const doc = loadSchema(schema, () => onWrongType(1, schema));
  const schemaAst = encodeAst(doc);
  const compiled = compileSchema(doc);
  const queryAst = encodeAst(q.doc);
  validateQuery(compiled.js, q.js, q.lines);
  return [queryAst, schemaAst];
}

const operandError = (i: number, v: Value): never => {
  throw OperandTypeError.mustBe(i, typeName(v), "string", "object");
};

/** OPA's `graphql.*` builtins, backed by graphql-js and reshaped to gqlparser's ASTs and messages. */
export const graphqlBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "graphql.parse",
      [p("query", TEXT_OR_AST), p("schema", TEXT_OR_AST)],
      p("output", T.arrayOf(AST)),
    ),
    impl: (args) => reported(() => parseAndValidate(args[0] ?? null, args[1] ?? null, operandError)),
  },
  {
    decl: decl(
      "graphql.parse_and_verify",
      [p("query", TEXT_OR_AST), p("schema", TEXT_OR_AST)],
      p("output", T.arrayOf(T.anyOf(T.boolean, AST))),
    ),
    impl: (args) => {
      try {
        const [q, s] = parseAndValidate(args[0] ?? null, args[1] ?? null, unverified);
        return [true, q, s];
      } catch (e: unknown) {
        if (e instanceof GqlFailure || e instanceof Unverified) return [false, {}, {}];
        throw e;
      }
    },
  },
  {
    decl: decl("graphql.parse_query", [p("query", T.string)], p("output", AST)),
    impl: (args) => {
      const text = argString(args, 0);
      return reported(() => encodeAst(queryFromText(text).doc));
    },
  },
  {
    decl: decl("graphql.parse_schema", [p("schema", T.string)], p("output", AST)),
    impl: (args) => {
      const text = argString(args, 0);
      return reported(() => encodeAst(schemaFromText(text)));
    },
  },
  {
    decl: decl(
      "graphql.is_valid",
      [p("query", TEXT_OR_AST), p("schema", TEXT_OR_AST)],
      p("output", T.boolean),
    ),
    impl: (args) =>
      succeeds(() => {
        const q = loadQuery(args[0] ?? null, unverified);
        const doc = loadSchema(args[1] ?? null, unverified);
        validateQuery(compileSchema(doc).js, q.js, q.lines);
      }),
  },
  {
    decl: decl("graphql.schema_is_valid", [p("schema", TEXT_OR_AST)], p("output", T.boolean)),
    impl: (args) =>
      succeeds(() => {
        compileSchema(loadSchema(args[0] ?? null, unverified));
      }),
  },
];
