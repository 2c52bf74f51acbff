import type { Document, ScalarTag, Tags } from "yaml";
import { normalizeBigInt } from "../../value/number.js";
import { ObjectBuilder, type Value } from "../../value/value.js";
import { parseYamlStream, YamlNestingError } from "../../yaml/yaml-stream.js";
import { utf8Decode } from "../crypto/bytes.js";
import { BuiltinError, errorMessage } from "../errors.js";
import { toWellFormed } from "./go-json-parse.js";

/**
 * YAML reading as OPA does it (`sigs.k8s.io/yaml` over go-yaml v2): YAML 1.1 scalars (yes/no,
 * octal 0777), only the first document, timestamps and sexagesimal numbers left as strings,
 * and non-string keys turned into strings.
 */

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

const DROPPED = new Set(["tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:set"]);
const FLOAT = "tag:yaml.org,2002:float";

/** go-yaml's exponent, after its underscores are dropped. */
const EXPONENT = "(?:[eE]_*[-+]?[0-9_]*[0-9][0-9_]*)?";

/**
 * The plain scalars go-yaml v2 reads as finite floats: from `.`, what Go's `ParseFloat` reads;
 * from a sign or a digit, what its `yamlStyleFloat` matches once underscores are dropped. The
 * `yaml` package's YAML 1.1 floats also take `E0`, `.` or `-e1`, as NaN.
 */
const GO_FLOAT = new RegExp(
  `^(?:\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]_*(?:\\.[0-9_]*[0-9][0-9_]*|[0-9][0-9_]*(?:\\.[0-9_]*)?)${EXPONENT}|[0-9][0-9_]*(?:\\.[0-9_]*)?${EXPONENT})$`,
);

/** Floats as go-yaml v2 reads them; one beyond a float's range stays text, as there. */
const goFloat: ScalarTag = {
  identify: (v) => typeof v === "number",
  default: true,
  tag: FLOAT,
  test: GO_FLOAT,
  resolve: (text) => {
    const v = Number(text.replaceAll("_", ""));
    return Number.isFinite(v) ? v : text;
  },
};

/**
 * Integers Go's `ParseInt(text, 0, 64)` reads that the YAML 1.1 tags leave as text: `0o17`,
 * `0X1F`, `0B101`. Beyond 64 bits go-yaml keeps the text.
 */
const goPrefixedInt: ScalarTag = {
  identify: (v) => typeof v === "bigint" || Number.isInteger(v),
  default: true,
  tag: "tag:yaml.org,2002:int",
  test: /^[-+]?0(?:[oO][0-7_]+|X[0-9a-fA-F_]+|B[01_]+)$/,
  resolve: (text, _onError, options) => {
    const negative = text.startsWith("-");
    const digits = text.replace(/^[-+]/, "").replaceAll("_", "").toLowerCase();
    const v = negative ? -BigInt(digits) : BigInt(digits);
    if (v < INT64_MIN || v > UINT64_MAX) return text;
    return options.intAsBigInt === true ? v : Number(v);
  },
};

function customTags(tags: Tags): Tags {
  const kept = tags.filter(
    (t) =>
      typeof t === "string" ||
      !(
        DROPPED.has(t.tag) ||
        ("format" in t && t.format === "TIME") ||
        (t.tag === FLOAT && !(t.test?.source.includes("inf") ?? false))
      ),
  );
  return [...kept, goPrefixedInt, goFloat];
}

/**
 * How `sigs.k8s.io/yaml` (go-yaml v2) reads YAML, as options of the `yaml` package: YAML 1.1
 * scalars, repeated keys allowed (the last wins), merge keys. kubectl and `gator test` read manifests so.
 */
export const GO_YAML_OPTIONS = {
  version: "1.1",
  intAsBigInt: true,
  uniqueKeys: false,
  merge: true,
  customTags,
} as const;

/** A YAML value that `sigs.k8s.io/yaml` cannot turn into JSON (an infinite number, a null key). */
export class YamlConvertError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "YamlConvertError";
  }
}

/**
 * A document read with {@link GO_YAML_OPTIONS} as the JSON value `sigs.k8s.io/yaml` makes of it:
 * map keys as strings, integers exact within 64 bits (floats beyond), timestamps as text. Throws
 * {@link YamlConvertError}.
 */
export function goYamlDocumentValue(doc: Document.Parsed): Value {
  let js: unknown;
  try {
    js = doc.toJS({ mapAsMap: true, maxAliasCount: 1000 });
  } catch (e: unknown) {
    throw new YamlConvertError(`yaml: ${errorMessage(e)}`);
  }
  return convert(js);
}

/** Parses the first YAML document into a Rego value; errors read like OPA's. */
export function goYamlUnmarshal(text: string): Value {
  let docs: ReturnType<typeof parseYamlStream>;
  try {
    docs = parseYamlStream(text, GO_YAML_OPTIONS);
  } catch (e: unknown) {
    if (!(e instanceof YamlNestingError)) throw e;
    throw new BuiltinError(`error converting YAML to JSON: yaml: line ${e.line}: ${e.message}`);
  }
  const doc = docs[0];
  if (doc === undefined) return null;
  const err = doc.errors[0];
  if (err !== undefined) {
    const line = err.linePos?.[0].line;
    const at = line === undefined ? "" : `line ${line}: `;
    throw new BuiltinError(`error converting YAML to JSON: yaml: ${at}${err.message.split("\n")[0]}`);
  }
  try {
    return goYamlDocumentValue(doc);
  } catch (e: unknown) {
    if (e instanceof YamlConvertError) throw new BuiltinError(`error converting YAML to JSON: ${e.message}`);
    throw e;
  }
}

/** True when the text parses as YAML (go-yaml's `Unmarshal` succeeds). */
export function goYamlValid(text: string): boolean {
  try {
    goYamlUnmarshal(text);
    return true;
  } catch (e: unknown) {
    if (e instanceof BuiltinError) return false;
    throw e;
  }
}

function convertNumber(x: number | bigint): Value {
  if (typeof x === "bigint") return x >= INT64_MIN && x <= UINT64_MAX ? normalizeBigInt(x) : Number(x);
  if (!Number.isFinite(x)) throw new YamlConvertError(`json: unsupported value: ${goFloatName(x)}`);
  return x;
}

function goFloatName(x: number): string {
  return Number.isNaN(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf";
}

function keyString(k: unknown): string {
  switch (typeof k) {
    case "string":
      return toWellFormed(k);
    case "bigint":
      return k.toString();
    case "number":
      if (Number.isNaN(k)) return ".nan";
      if (!Number.isFinite(k)) return k > 0 ? ".inf" : "-.inf";
      return String(Math.fround(k) === k ? k : Math.fround(k));
    case "boolean":
      return k ? "true" : "false";
  }
  throw new YamlConvertError(`unsupported map key of type: ${k === null ? "<nil>" : typeof k}`);
}

function convert(x: unknown): Value {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case "boolean":
      return x;
    case "string":
      return toWellFormed(x);
    case "number":
    case "bigint":
      return convertNumber(x);
  }
  if (x instanceof Uint8Array) return utf8Decode(x);
  if (Array.isArray(x)) return x.map(convert);
  if (x instanceof Map) {
    const b = new ObjectBuilder();
    for (const [k, v] of x) b.set(keyString(k), convert(v));
    return b.build();
  }
  if (x instanceof Set) return [...x].map(convert);
  if (typeof x === "object") {
    const b = new ObjectBuilder();
    for (const [k, v] of Object.entries(x)) b.set(k, convert(v));
    return b.build();
  }
  return null;
}
