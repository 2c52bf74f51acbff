/**
 * JSON (parsed YAML/JSON objects) as CEL values: integral numbers are ints, arrays lists, objects
 * maps. Objects are wrapped, not copied: a field is converted when an expression reads it, and the
 * wrapper keeps what it converted, so each field converts at most once. The wrapper of a
 * long-lived document (a Namespace, a constraint) is kept for as long as the document lives; a
 * review's documents are wrapped once per review by their holder (see bindings.ts). Nested values
 * are kept by their parent wrapper, which keeps the weak cache small.
 */
import { type CelInput, type CelMap, type CelValue, celMap } from "@bufbuild/cel";
import { makeList } from "./list-values.js";

type JsonRecord = Readonly<Record<string, unknown>>;

const documents = new WeakMap<object, CelValue>();

/** Converts a parsed JSON document into a CEL value; anything that is not JSON becomes null. */
export function fromJson(v: unknown): CelValue {
  if (typeof v !== "object" || v === null) return convert(v);
  let c = documents.get(v);
  if (c === undefined) {
    c = convert(v);
    documents.set(v, c);
  }
  return c;
}

/**
 * Converts a document that lives no longer than its holder (a review's object), which keeps the
 * wrapper itself: {@link fromJson} without the weak cache, whose young keys would cost the
 * young-generation collector (see review-memo.ts).
 */
export function jsonDocument(v: unknown): CelValue {
  return convert(v);
}

function convert(v: unknown): CelValue {
  switch (typeof v) {
    case "boolean":
    case "string":
    case "bigint":
      return v;
    case "number":
      return Number.isInteger(v) ? BigInt(v) : v;
    case "object":
      if (v === null) return null;
      return Array.isArray(v) ? makeList(v.map(convert)) : jsonMap(new JsonObjectMap(v as JsonRecord));
    default:
      return null;
  }
}

/** A JSON object as a CEL map without the fields `omit`. */
export function fromJsonWithout(v: JsonRecord, omit: readonly string[]): CelValue {
  return jsonMap(new JsonObjectMap(v, omit));
}

const VIEW = Symbol("json object");

/** A map as seen here: possibly tagged with its JSON view (a plain property, so tagging is cheap). */
interface Tagged {
  readonly size: number;
  [VIEW]?: JsonObjectMap;
}

function jsonMap(view: JsonObjectMap): CelMap {
  const m = celMap(view);
  const tagged: Tagged = m;
  tagged[VIEW] = view;
  return m;
}

/**
 * The value of `key` in a map made from JSON here: undefined when `m` has no such key, NOT_JSON
 * when `m` is anything else. Reading the JSON view directly skips @bufbuild/cel's type tests and
 * conversions.
 */
export function jsonField(m: object, key: string): CelValue | undefined | typeof NOT_JSON {
  const view = (m as Partial<Tagged>)[VIEW];
  return view === undefined ? NOT_JSON : view.get(key);
}

/**
 * `m.has(key)` for a map made from JSON here (NOT_JSON for other maps): like every CelMap's, true
 * only for keys with a non-null value.
 */
export function jsonHas(m: object, key: string): boolean | typeof NOT_JSON {
  const view = (m as Partial<Tagged>)[VIEW];
  if (view === undefined) return NOT_JSON;
  const v = view.get(key);
  return v !== undefined && v !== null;
}

/** See {@link jsonField}. */
export const NOT_JSON = Symbol("not json");

/** A read-only Map view of a JSON object whose values convert on first access. */
class JsonObjectMap implements ReadonlyMap<string, CelInput> {
  private keyList: string[] | undefined;
  private converted: Map<string, CelValue> | undefined;

  constructor(
    private readonly obj: JsonRecord,
    private readonly omit: readonly string[] = [],
  ) {}

  private ownKeys(): string[] {
    this.keyList ??= Object.keys(this.obj).filter((k) => !this.omit.includes(k));
    return this.keyList;
  }

  private present(key: string): boolean {
    return Object.hasOwn(this.obj, key) && (this.omit.length === 0 || !this.omit.includes(key));
  }

  get size(): number {
    return this.ownKeys().length;
  }

  get(key: string): CelValue | undefined {
    const hit = this.converted?.get(key);
    if (hit !== undefined || typeof key !== "string" || !this.present(key)) return hit;
    const v = convert(this.obj[key]);
    this.converted ??= new Map();
    this.converted.set(key, v);
    return v;
  }

  has(key: string): boolean {
    return typeof key === "string" && this.present(key);
  }

  forEach(f: (value: CelInput, key: string, map: ReadonlyMap<string, CelInput>) => void): void {
    for (const k of this.ownKeys()) f(this.get(k) ?? null, k, this);
  }

  keys(): MapIterator<string> {
    return this.ownKeys()[Symbol.iterator]();
  }

  *values(): MapIterator<CelInput> {
    for (const k of this.ownKeys()) yield this.get(k) ?? null;
  }

  *entries(): MapIterator<[string, CelInput]> {
    for (const k of this.ownKeys()) yield [k, this.get(k) ?? null];
  }

  [Symbol.iterator](): MapIterator<[string, CelInput]> {
    return this.entries();
  }
}
