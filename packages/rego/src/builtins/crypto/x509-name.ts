import type { PlainObject, Value } from "../../value/value.js";
import { utf8Decode } from "./bytes.js";
import { children, type DerNode, derInteger, derOid, derString, TAG } from "./der.js";
import { goSlice, goStrings } from "./go-values.js";

/** A parsed X.501 name: Go's `pkix.Name` as JSON, and its attribute values. */
export interface ParsedName {
  readonly json: PlainObject;
  readonly commonName: string;
}

/** An ASN.1 value decoded into what Go's `asn1.Unmarshal` gives for `any`. */
export function anyValue(n: DerNode): Value {
  const s = derString(n, utf8Decode);
  if (s !== undefined) return s;
  switch (n.tag) {
    case TAG.integer:
      return Number(derInteger(n));
    case TAG.boolean:
      return n.content[0] !== 0;
    case TAG.oid:
      return derOid(n);
    default:
      return null;
  }
}

/** Parses an RDNSequence into `pkix.Name` JSON (fields filled as `FillFromRDNSequence` does). */
export function parseName(seq: DerNode): ParsedName {
  const fields: Record<string, string[]> = {
    Country: [],
    Organization: [],
    OrganizationalUnit: [],
    Locality: [],
    Province: [],
    StreetAddress: [],
    PostalCode: [],
  };
  let serial = "";
  let commonName = "";
  const names: Value[] = [];
  for (const rdn of children(seq)) {
    for (const atv of children(rdn)) {
      const [t, v] = children(atv);
      if (t === undefined || v === undefined) continue;
      const oid = derOid(t);
      const value = anyValue(v);
      names.push({ Type: oid, Value: value });
      if (typeof value !== "string" || oid.length !== 4 || oid[0] !== 2 || oid[1] !== 5 || oid[2] !== 4)
        continue;
      const push = (k: string): void => {
        fields[k]?.push(value);
      };
      switch (oid[3]) {
        case 3:
          commonName = value;
          break;
        case 5:
          serial = value;
          break;
        case 6:
          push("Country");
          break;
        case 7:
          push("Locality");
          break;
        case 8:
          push("Province");
          break;
        case 9:
          push("StreetAddress");
          break;
        case 10:
          push("Organization");
          break;
        case 11:
          push("OrganizationalUnit");
          break;
        case 17:
          push("PostalCode");
          break;
      }
    }
  }
  const json: Record<string, Value> = {};
  for (const k of Object.keys(fields)) json[k] = goStrings(fields[k] ?? []);
  json.SerialNumber = serial;
  json.CommonName = commonName;
  json.Names = goSlice(names);
  json.ExtraNames = null;
  return { json, commonName };
}
