/**
 * JSON (parsed YAML/JSON objects) as CEL values: integral numbers are ints, arrays lists, objects
 * maps. Objects are wrapped, not copied: a field is converted when an expression reads it, and
 * each object or array is converted at most once (reviews share the wrappers across templates).
 */
import { type CelInput, type CelValue, celList, celMap } from "@bufbuild/cel";

const converted = new WeakMap<object, CelValue>();

/** Converts parsed JSON into a CEL value; anything that is not JSON becomes null. */
export function fromJson(v: unknown): CelValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "boolean":
    case "string":
    case "bigint":
      return v;
    case "number":
      return Number.isInteger(v) ? BigInt(v) : v;
    case "object": {
      let c = converted.get(v);
      if (c === undefined) {
        c = Array.isArray(v) ? celList(v.map(fromJson)) : celMap(new JsonObjectMap(v as JsonRecord));
        converted.set(v, c);
      }
      return c;
    }
    default:
      return null;
  }
}

type JsonRecord = Readonly<Record<string, unknown>>;

/** A read-only Map view of a JSON object whose values convert on access. */
class JsonObjectMap implements ReadonlyMap<string, CelInput> {
  private keyList: string[] | undefined;

  constructor(private readonly obj: JsonRecord) {}

  private ownKeys(): string[] {
    this.keyList ??= Object.keys(this.obj);
    return this.keyList;
  }

  get size(): number {
    return this.ownKeys().length;
  }

  get(key: string): CelInput | undefined {
    return typeof key === "string" && Object.hasOwn(this.obj, key) ? fromJson(this.obj[key]) : undefined;
  }

  has(key: string): boolean {
    return typeof key === "string" && Object.hasOwn(this.obj, key);
  }

  forEach(f: (value: CelInput, key: string, map: ReadonlyMap<string, CelInput>) => void): void {
    for (const k of this.ownKeys()) f(fromJson(this.obj[k]), k, this);
  }

  keys(): MapIterator<string> {
    return this.ownKeys()[Symbol.iterator]();
  }

  *values(): MapIterator<CelInput> {
    for (const k of this.ownKeys()) yield fromJson(this.obj[k]);
  }

  *entries(): MapIterator<[string, CelInput]> {
    for (const k of this.ownKeys()) yield [k, fromJson(this.obj[k])];
  }

  [Symbol.iterator](): MapIterator<[string, CelInput]> {
    return this.entries();
  }
}
