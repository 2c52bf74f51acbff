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
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const DROPPED = new Set(["tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:set"]);
const FLOAT = "tag:yaml.org,2002:float";

/** go-yaml's exponent, after its underscores are dropped. */
const EXPONENT = "(?:[eE]_*(?:[-+]_*)?[0-9][0-9_]*)?";

/**
 * The plain scalars go-yaml v2 reads as finite floats: from `.`, what Go's `ParseFloat` reads;
 * from a sign or a digit, what its `yamlStyleFloat` matches once underscores are dropped. The
 * `yaml` package's YAML 1.1 floats also take `E0`, `.` or `-e1`, as NaN.
 *
 * Each character has one place in the pattern that can take it, so the pattern runs in linear
 * time on V8's backtracking engine: a scalar is any text a policy hands to `yaml.unmarshal`.
 */
export const GO_FLOAT = new RegExp(
  `^(?:\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]_*(?:\\._*[0-9][0-9_]*|[0-9][0-9_]*(?:\\.[0-9_]*)?)${EXPONENT}|[0-9][0-9_]*(?:\\.[0-9_]*)?${EXPONENT})$`,
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

const INT = "tag:yaml.org,2002:int";
const BIGINT_OPTIONS = { intAsBigInt: true } as const;

/**
 * Integers Go's `ParseInt(text, 0, 64)` reads that the YAML 1.1 tags leave as text: `0o17`,
 * `0X1F`, `0B101` (as a bigint; {@link goInt} applies Go's range).
 */
const goPrefixedInt: ScalarTag = {
  identify: (v) => typeof v === "bigint" || Number.isInteger(v),
  default: true,
  tag: INT,
  test: /^[-+]?0(?:[oO][0-7_]+|X[0-9a-fA-F_]+|B[01_]+)$/,
  resolve: (text) => {
    const digits = text.replace(/^[-+]/, "").replaceAll("_", "").toLowerCase();
    return text.startsWith("-") ? -BigInt(digits) : BigInt(digits);
  },
};

/**
 * A YAML 1.1 integer tag of the `yaml` package, reading integers beyond 64 bits as go-yaml v2
 * does: Go's `ParseInt` and `ParseUint` fail (`ParseUint` takes no sign), so decimal digits
 * (`0777…` included) are read as a float, and stay text beyond a float's range or with a base
 * prefix.
 */
function goInt(tag: ScalarTag): ScalarTag {
  const resolve = tag.resolve;
  return {
    ...tag,
    resolve: (text, onError, options) => {
      const v = resolve(text, onError, BIGINT_OPTIONS);
      if (typeof v !== "bigint") return v;
      const signed = text[0] === "-" || text[0] === "+";
      if ((v >= INT64_MIN && v <= INT64_MAX) || (!signed && v <= UINT64_MAX))
        return options.intAsBigInt === true ? v : Number(v);
      const plain = text.replaceAll("_", "");
      const f = /^[-+]?[0-9]+$/.test(plain) ? Number(plain) : Number.NaN;
      return Number.isFinite(f) ? f : text;
    },
  };
}

/** Each of the package's integer tags wrapped once: the package asks for the tags per document. */
const goInts = new WeakMap<ScalarTag, ScalarTag>();

function goIntOf(tag: ScalarTag): ScalarTag {
  let wrapped = goInts.get(tag);
  if (wrapped === undefined) {
    wrapped = goInt(tag);
    goInts.set(tag, wrapped);
  }
  return wrapped;
}

const GO_PREFIXED_INT = goInt(goPrefixedInt);

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
  return [
    ...kept.map((t) => (typeof t !== "string" && t.tag === INT && !("collection" in t) ? goIntOf(t) : t)),
    GO_PREFIXED_INT,
    goFloat,
  ];
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
