/** JSON (parsed YAML/JSON objects) as CEL values: integral numbers are ints, objects maps. */
import { type CelValue, celList, celMap } from "@bufbuild/cel";

/** Converts parsed JSON into CEL values, once; anything that is not JSON becomes null. */
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
      if (Array.isArray(v)) return celList(v.map(fromJson));
      const m = new Map<string, CelValue>();
      for (const [k, x] of Object.entries(v)) m.set(k, fromJson(x));
      return celMap(m);
    }
    default:
      return null;
  }
}
