import type { Value } from "../value/value.js";
import { argArray, argObject } from "./args.js";
import { BuiltinError } from "./errors.js";
import { applyPatches } from "./json/patch.js";
import { filterByTree, jsonPaths, pathTree, removeByTree } from "./json/paths.js";
import { compileSchema, loadJson, validate } from "./json/schema.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

/** OPA's JSON document builtins: filter, remove, patch, and JSON Schema checks. */

const PATHS = T.anyOf(T.arrayOf(T.anyOf(T.string, T.array)), T.setOf(T.anyOf(T.string, T.array)));
const SCHEMA_ARG = T.anyOf(T.string, T.object);

function verifySchema(schema: Value): Value {
  try {
    compileSchema(loadJson(schema));
    return [true, null];
  } catch (e: unknown) {
    if (e instanceof BuiltinError) return [false, `jsonschema: ${e.message}`];
    throw e;
  }
}

function matchSchema(document: Value, schema: Value): Value {
  const doc = loadJson(document);
  const fn = compileSchema(loadJson(schema));
  const errors = validate(fn, doc).map((e) => ({
    error: e.error,
    type: e.type,
    field: e.field,
    desc: e.desc,
  }));
  return [errors.length === 0, errors];
}

/** The JSON family. */
export const jsonBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("json.filter", [p("object", T.object), p("paths", PATHS)], p("filtered", T.any)),
    impl: (args) => {
      const obj = argObject(args, 0);
      return filterByTree(obj, pathTree(jsonPaths(args[1] ?? null)));
    },
  },
  {
    decl: decl("json.remove", [p("object", T.object), p("paths", PATHS)], p("output", T.any)),
    impl: (args) => {
      const obj = argObject(args, 0);
      return removeByTree(obj, pathTree(jsonPaths(args[1] ?? null)));
    },
  },
  {
    decl: decl(
      "json.patch",
      [p("object", T.any), p("patches", T.arrayOf(T.objectOf(T.any, T.any)))],
      p("output", T.any),
    ),
    impl: (args) => applyPatches(args[0] ?? null, argArray(args, 1)),
  },
  {
    decl: decl(
      "json.verify_schema",
      [p("schema", SCHEMA_ARG)],
      p("output", T.arrayOf(T.anyOf(T.boolean, T.string, T.null))),
    ),
    impl: (args) => verifySchema(args[0] ?? null),
  },
  {
    decl: decl(
      "json.match_schema",
      [p("document", SCHEMA_ARG), p("schema", SCHEMA_ARG)],
      p("output", T.arrayOf(T.anyOf(T.boolean, T.arrayOf(T.objectOf(T.string, T.string))))),
    ),
    impl: (args) => matchSchema(args[0] ?? null, args[1] ?? null),
  },
];
