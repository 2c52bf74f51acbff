import { formatValue } from "../value/format.js";
import {
  compareStrings,
  isArray,
  ObjectBuilder,
  objectEntries,
  RegoSet,
  typeName,
  type Value,
} from "../value/value.js";
import { argObject, argString } from "./args.js";
import {
  base64Decode,
  base64Encode,
  base64UrlDecodeLenient,
  RAW_URL_ENCODING,
  URL_ENCODING,
} from "./crypto/base64.js";
import { utf8Decode, utf8Encode } from "./crypto/bytes.js";
import { goHexDecode, goHexEncode } from "./encoding/go-hex.js";
import { type GoJsonIndent, goJsonMarshal } from "./encoding/go-json-marshal.js";
import { goJsonUnmarshal, goJsonValid } from "./encoding/go-json-parse.js";
import { parseQuery, queryEscape, queryUnescape } from "./encoding/go-url.js";
import { goYamlUnmarshal, goYamlValid } from "./encoding/go-yaml.js";
import { goYamlMarshal } from "./encoding/go-yaml-emit.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

/** OPA's encoding builtins: JSON, YAML, base64, base64url, hex and URL query encoding. */

const S = T.string;

function stringIn(name: string, result: string, resultType = S) {
  return (fn: string) => decl(fn, [p(name, S)], p(result, resultType));
}

const x = stringIn("x", "y");

/** A builtin that maps a string to a string (bytes are UTF-8, as Go sees them). */
function stringFn(name: string, f: (s: string) => string): BuiltinDef {
  return { decl: x(name), impl: (args) => f(argString(args, 0)) };
}

/** `*.is_valid`: false (not an error) for a non-string operand. */
function validator(name: string, f: (s: string) => boolean): BuiltinDef {
  return {
    decl: decl(name, [p("x", S)], p("result", T.boolean)),
    impl: (args) => {
      const s = args[0];
      return typeof s === "string" && f(s);
    },
  };
}

function base64Valid(s: string): boolean {
  try {
    base64Decode(s);
    return true;
  } catch (e: unknown) {
    if (e instanceof BuiltinError) return false;
    throw e;
  }
}

function marshalOptions(opts: Value): GoJsonIndent | undefined {
  const entries = objectEntries(argObject([null, opts], 1));
  let prefix = "";
  let indent = "\t";
  let implicit = false;
  let explicit: boolean | undefined;
  entries.forEach(([k, v], idx) => {
    if (typeof k !== "string") {
      const inner = `operand ${idx} must be string but got ${typeName(k)}`;
      throw new OperandTypeError(2, `failed to stringify key ${formatValue(k)} at index ${idx}: ${inner}`);
    }
    const asString = (): string => {
      if (typeof v === "string") return v;
      throw new OperandTypeError(
        2,
        `key ${k} failed cast to string: operand ${idx} must be string but got ${typeName(v)}`,
      );
    };
    switch (k) {
      case "prefix":
        prefix = asString();
        implicit = true;
        break;
      case "indent":
        indent = asString();
        implicit = true;
        break;
      case "pretty":
        if (typeof v !== "boolean") throw new OperandTypeError(2, `key ${k} failed cast to bool`);
        explicit = v;
        break;
      default:
        throw new OperandTypeError(2, `object contained unknown key ${k}`);
    }
  });
  return (explicit ?? implicit) ? { prefix, indent } : undefined;
}

const ENCODE_OBJECT_ERR = "values must be string, array[string], or set[string]";

function encodeObject(o: Value): string {
  const obj = argObject([o], 0);
  const values = new Map<string, string[]>();
  for (const [k, v] of objectEntries(obj)) {
    const key = typeof k === "string" ? k : goJsonMarshal(k);
    if (typeof v === "string") values.set(key, [v]);
    else if (isArray(v) || v instanceof RegoSet) {
      const list: string[] = [];
      for (const item of isArray(v) ? v : v.values()) {
        if (typeof item !== "string") throw new OperandTypeError(1, ENCODE_OBJECT_ERR);
        list.push(item);
      }
      if (list.length > 0) values.set(key, list);
      else values.delete(key);
    } else throw new OperandTypeError(1, ENCODE_OBJECT_ERR);
  }
  const parts: string[] = [];
  for (const key of [...values.keys()].sort(compareStrings)) {
    const k = queryEscape(key);
    for (const v of values.get(key) ?? []) parts.push(`${k}=${queryEscape(v)}`);
  }
  return parts.join("&");
}

function decodeObject(q: string): Value {
  const b = new ObjectBuilder();
  for (const [k, vs] of parseQuery(q)) b.set(k, vs);
  return b.build();
}

/** The encoding family. */
export const encodingBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("json.marshal", [p("x", T.any)], p("y", S)),
    impl: (args) => goJsonMarshal(args[0] ?? null),
  },
  {
    decl: decl("json.marshal_with_options", [p("x", T.any), p("opts", T.objectOf(S, T.any))], p("y", S)),
    impl: (args) => {
      const v = args[0] ?? null;
      const ind = marshalOptions(args[1] ?? null);
      return ind ? ind.prefix + goJsonMarshal(v, ind) : goJsonMarshal(v);
    },
  },
  {
    decl: decl("json.unmarshal", [p("x", S)], p("y", T.any)),
    impl: (args) => goJsonUnmarshal(argString(args, 0)),
  },
  validator("json.is_valid", goJsonValid),
  stringFn("base64.encode", (s) => base64Encode(utf8Encode(s))),
  stringFn("base64.decode", (s) => utf8Decode(base64Decode(s))),
  validator("base64.is_valid", base64Valid),
  stringFn("base64url.encode", (s) => base64Encode(utf8Encode(s), URL_ENCODING)),
  stringFn("base64url.encode_no_pad", (s) => base64Encode(utf8Encode(s), RAW_URL_ENCODING)),
  stringFn("base64url.decode", (s) => utf8Decode(base64UrlDecodeLenient(s))),
  stringFn("urlquery.encode", queryEscape),
  stringFn("urlquery.decode", queryUnescape),
  {
    decl: decl(
      "urlquery.encode_object",
      [p("object", T.objectOf(S, T.anyOf(S, T.arrayOf(S), T.setOf(S))))],
      p("y", S),
    ),
    impl: (args) => encodeObject(args[0] ?? null),
  },
  {
    decl: decl("urlquery.decode_object", [p("x", S)], p("object", T.objectOf(S, T.arrayOf(S)))),
    impl: (args) => decodeObject(argString(args, 0)),
  },
  {
    decl: decl("yaml.marshal", [p("x", T.any)], p("y", S)),
    impl: (args) => goYamlMarshal(args[0] ?? null),
  },
  {
    decl: decl("yaml.unmarshal", [p("x", S)], p("y", T.any)),
    impl: (args) => goYamlUnmarshal(argString(args, 0)),
  },
  validator("yaml.is_valid", goYamlValid),
  stringFn("hex.encode", goHexEncode),
  stringFn("hex.decode", goHexDecode),
];
